import { getalUit, readOperationLimits, tekstUit, type OperationLimits } from '@duaal-graph/domein/subgraaf';
import { SUBGRAFEN, SUPERGRAPH_PAD } from '@duaal-graph/schema';
import { leesSnelheid, type SnelheidConfig } from './snelheid.ts';
import { leesVertrouwdeManifest } from './vertrouwd.ts';

export interface GatewayConfig {
  readonly poort: number;
  readonly host: string;
  /** The supergraph file the gateway serves and watches. */
  readonly supergraphPad: string;
  /** Routing URL per subgraph name, where the environment overrides the supergraph's. */
  readonly subgraafUrls: Readonly<Record<string, string>>;
  readonly subgraafTimeoutMs: number;
  readonly productie: boolean;
  readonly grenzen: OperationLimits;
  readonly snelheid: SnelheidConfig;
  /** The manifest of trusted documents; null runs any operation (with automatic persisted queries). */
  readonly vertrouwdeManifest: string | null;
  /** Whether every request is logged (operation name, hash, duration, status, error codes). */
  readonly verzoeklog: boolean;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraafUrls: Record<string, string> = {};
  for (const s of SUBGRAFEN) {
    const waarde = omgeving[s.urlVariabele]?.trim();
    if (waarde) subgraafUrls[s.naam] = waarde;
  }
  const productie = omgeving['NODE_ENV'] === 'production';
  return {
    poort: getalUit(omgeving, 'GATEWAY_PORT', 4000, 0, 65535),
    host: tekstUit(omgeving, 'GATEWAY_HOST', '127.0.0.1'),
    supergraphPad: tekstUit(omgeving, 'SUPERGRAPH_PATH', SUPERGRAPH_PAD.pathname),
    subgraafUrls,
    subgraafTimeoutMs: getalUit(omgeving, 'SUBGRAPH_TIMEOUT_MS', 30_000, 100),
    productie,
    grenzen: readOperationLimits(omgeving),
    snelheid: leesSnelheid(omgeving, productie),
    vertrouwdeManifest: leesVertrouwdeManifest(omgeving),
    verzoeklog: tekstUit(omgeving, 'REQUEST_LOG', productie ? 'true' : 'false') === 'true',
  };
}
