import { getalUit, STANDAARD_PARTNERS, tekstUit } from '@duaal-graph/domein/subgraaf';

export interface MatchingConfig {
  readonly poort: number;
  readonly host: string;
  readonly kazi: { readonly url: string; readonly apiKey: string };
  /** How often the snapshot behind the radar counts is refreshed. */
  readonly verversIntervalMs: number;
  readonly partnerTimeoutMs: number;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): MatchingConfig {
  return {
    poort: getalUit(omgeving, 'MATCHING_PORT', 4004, 0, 65535),
    host: tekstUit(omgeving, 'SUBGRAPH_HOST', '127.0.0.1'),
    kazi: {
      url: tekstUit(omgeving, 'KAZI_URL', `${STANDAARD_PARTNERS}/kazi`),
      apiKey: tekstUit(omgeving, 'KAZI_API_KEY', 'kazi-dev-key'),
    },
    verversIntervalMs: getalUit(omgeving, 'SNAPSHOT_INTERVAL_S', 300, 1) * 1000,
    partnerTimeoutMs: getalUit(omgeving, 'PARTNER_TIMEOUT_MS', 10_000, 100),
  };
}
