import {
  booleanSetting,
  integerSetting,
  type CompressionOptions,
  type SettingValues,
} from '@duaal-graph/subgraph-toolkit';

/** The response cache's, the subgraph calls' and the answers' compression settings, part of the gateway's schema. */
export const RESPONSE_CACHE_SETTINGS = {
  cacheBytes: integerSetting('RESPONSE_CACHE_BYTES', {
    default: 64 * 1024 * 1024,
    min: 0,
    description:
      'the bound of the response cache in bytes (answers counted as their JSON); 0 turns the cache off',
  }),
  cacheProbeMs: integerSetting('RESPONSE_CACHE_PROBE_MS', {
    default: 250,
    min: 50,
    max: 1_000,
    description:
      "how often the gateway asks every subgraph its sources' versions (`/ready`); an answer whose source changed is not served after that",
  }),
  deduplicate: booleanSetting('SUBGRAPH_DEDUPLICATION', {
    default: true,
    description: 'identical subgraph calls under way (same body, same kind of caller) share one call',
  }),
  compression: booleanSetting('RESPONSE_COMPRESSION', {
    default: true,
    description:
      'answers of `/graphql` go out gzip-compressed to callers that send `Accept-Encoding: gzip` (every browser); a kept answer is compressed once, not per hit',
  }),
  compressionMinBytes: integerSetting('RESPONSE_COMPRESS_MIN_BYTES', {
    default: 1024,
    min: 0,
    description: 'answers smaller than this many bytes go out uncompressed (gzip gains nothing on them)',
  }),
} as const;

export interface ResponseCacheConfig {
  /** 0: no cache. */
  readonly bytes: number;
  readonly probeMs: number;
  readonly deduplicate: boolean;
  /** Gzip for callers that take it, from this many bytes on; null: never. */
  readonly compression: CompressionOptions | null;
}

export function responseCacheConfigFrom(
  w: SettingValues<typeof RESPONSE_CACHE_SETTINGS>,
): ResponseCacheConfig {
  return {
    bytes: w.cacheBytes,
    probeMs: w.cacheProbeMs,
    deduplicate: w.deduplicate,
    compression: w.compression ? { minBytes: w.compressionMinBytes } : null,
  };
}
