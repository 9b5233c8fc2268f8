import { fileURLToPath } from 'node:url';
import { referentiedatum } from '@duaal-graph/domein';
import { getalUit, STANDAARD_PARTNERS, tekstUit } from '@duaal-graph/domein/subgraaf';

export interface VacaturesConfig {
  readonly poort: number;
  readonly host: string;
  readonly vdab: {
    readonly url: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** VDAB's limit of requests a second per client id: the client stays under it. */
    readonly limietPerSeconde: number;
  };
  readonly onderwijsUrl: string;
  /** How often the index reads VDAB's `bulk` changes. */
  readonly syncIntervalMs: number;
  /** Where the index's snapshot lives across restarts. */
  readonly dataMap: string;
  /** The knelpuntberoepen are those of the reference date's year. */
  readonly referentiedatum: string;
  /** How often the register and the knelpuntberoepen are read again. */
  readonly verversIntervalMs: number;
  readonly partnerTimeoutMs: number;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): VacaturesConfig {
  return {
    poort: getalUit(omgeving, 'VACATURES_PORT', 4003, 0, 65535),
    host: tekstUit(omgeving, 'SUBGRAPH_HOST', '127.0.0.1'),
    vdab: {
      url: tekstUit(omgeving, 'VDAB_URL', `${STANDAARD_PARTNERS}/vdab`),
      clientId: tekstUit(omgeving, 'VDAB_CLIENT_ID', 'duaal-dev'),
      clientSecret: tekstUit(omgeving, 'VDAB_CLIENT_SECRET', 'vdab-dev-secret'),
      limietPerSeconde: getalUit(omgeving, 'VDAB_RATE_LIMIT', 10, 1, 100_000),
    },
    onderwijsUrl: tekstUit(omgeving, 'ONDERWIJS_URL', `${STANDAARD_PARTNERS}/onderwijs`),
    syncIntervalMs: getalUit(omgeving, 'VDAB_SYNC_INTERVAL', 60, 0.1, 86_400) * 1000,
    dataMap: tekstUit(omgeving, 'VACATURES_DATA_DIR', fileURLToPath(new URL('../.data', import.meta.url))),
    referentiedatum: referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']),
    verversIntervalMs: getalUit(omgeving, 'SNAPSHOT_INTERVAL_S', 300, 1) * 1000,
    partnerTimeoutMs: getalUit(omgeving, 'PARTNER_TIMEOUT_MS', 10_000, 100),
  };
}
