import { referentiedatum } from '@duaal-graph/domein';
import { getalUit, STANDAARD_PARTNERS, tekstUit } from '@duaal-graph/domein/subgraaf';

export interface RadarConfig {
  readonly poort: number;
  readonly host: string;
  readonly onderwijsUrl: string;
  readonly referentiedatum: string;
  readonly verversIntervalMs: number;
  readonly partnerTimeoutMs: number;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): RadarConfig {
  return {
    poort: getalUit(omgeving, 'RADAR_PORT', 4005, 0, 65535),
    host: tekstUit(omgeving, 'SUBGRAPH_HOST', '127.0.0.1'),
    onderwijsUrl: tekstUit(omgeving, 'ONDERWIJS_URL', `${STANDAARD_PARTNERS}/onderwijs`),
    referentiedatum: referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']),
    verversIntervalMs: getalUit(omgeving, 'SNAPSHOT_INTERVAL_S', 300, 1) * 1000,
    partnerTimeoutMs: getalUit(omgeving, 'PARTNER_TIMEOUT_MS', 10_000, 100),
  };
}
