import {
  isProduction,
  operationLimitsFrom,
  toegangConfigUit,
  type AccessConfig,
  type LogLevel,
  type OperationLimits,
} from '@duaal-graph/subgraph-toolkit';
import { SUBGRAPHS } from '@duaal-graph/schema';
import { corsSettingsFrom, type CorsSettings } from './cors.ts';
import { settings } from './settings.ts';
import { responseCacheConfigFrom, type ResponseCacheConfig } from './response-cache/settings.ts';
import { snelheidUit, type RateLimitConfig } from './rate-limit.ts';
import { vertrouwdeManifestUit } from './trusted-documents.ts';

export interface GatewayConfig {
  readonly poort: number;
  readonly host: string;
  /** The supergraph file the gateway serves and watches. */
  readonly supergraphPad: string;
  /** Routing URL per subgraph name, where the environment overrides the supergraph's. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly subgraphTimeoutMs: number;
  readonly productie: boolean;
  readonly grenzen: OperationLimits;
  readonly snelheid: RateLimitConfig;
  /** The manifest of trusted documents; null runs any operation (with automatic persisted queries). */
  readonly vertrouwdeManifest: string | null;
  /** Whether every request is logged (operation name, hash, duration, status, error codes). */
  readonly verzoeklog: boolean;
  /** How callers' tokens are verified. */
  readonly toegang: AccessConfig;
  /** Which browser origins may call the graph (`CORS_ORIGINS`). */
  readonly cors: CorsSettings;
  /** Most rows of one CSV export. */
  readonly exportMaxRows: number;
  /** The response cache and the sharing of identical subgraph calls. */
  readonly cache: ResponseCacheConfig;
  readonly logLevel: LogLevel;
  /** On SIGTERM, how long requests in flight may take to finish. */
  readonly shutdownGraceS: number;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const w = settings.read(omgeving);
  const productie = isProduction(omgeving);
  // The subgraph URL settings are keyed by subgraph name, beside the named ones.
  const waarden = w as unknown as Readonly<Record<string, unknown>>;
  const subgraphUrls: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    const url = waarden[s.naam];
    if (typeof url === 'string') subgraphUrls[s.naam] = url;
  }
  return {
    poort: w.poort,
    host: w.host,
    supergraphPad: w.supergraphPad,
    subgraphUrls,
    subgraphTimeoutMs: w.subgraphTimeoutMs,
    productie,
    grenzen: operationLimitsFrom(w),
    snelheid: snelheidUit(w),
    vertrouwdeManifest: vertrouwdeManifestUit(w),
    verzoeklog: w.verzoeklog,
    toegang: toegangConfigUit(w, productie),
    cors: corsSettingsFrom(w.corsOrigins, productie),
    exportMaxRows: w.exportMaxRows,
    cache: responseCacheConfigFrom(w),
    logLevel: w.logLevel,
    shutdownGraceS: w.shutdownGraceS,
  };
}
