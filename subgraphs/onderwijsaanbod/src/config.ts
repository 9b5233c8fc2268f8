import { referentiedatum, schooljaarVan } from '@duaal-graph/domein';
import { getalUit, STANDAARD_PARTNERS, tekstUit } from '@duaal-graph/domein/subgraaf';

export interface OnderwijsaanbodConfig {
  readonly poort: number;
  readonly host: string;
  readonly onderwijsUrl: string;
  readonly referentiedatum: string;
  readonly schooljaar: string;
  readonly verversIntervalMs: number;
  readonly partnerTimeoutMs: number;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): OnderwijsaanbodConfig {
  const datum = referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']);
  return {
    poort: getalUit(omgeving, 'ONDERWIJSAANBOD_PORT', 4002, 0, 65535),
    host: tekstUit(omgeving, 'SUBGRAPH_HOST', '127.0.0.1'),
    onderwijsUrl: tekstUit(omgeving, 'ONDERWIJS_URL', `${STANDAARD_PARTNERS}/onderwijs`),
    referentiedatum: datum,
    schooljaar: schooljaarVan(datum),
    verversIntervalMs: getalUit(omgeving, 'SNAPSHOT_INTERVAL_S', 300, 1) * 1000,
    partnerTimeoutMs: getalUit(omgeving, 'PARTNER_TIMEOUT_MS', 10_000, 100),
  };
}
