import { booleanSetting, integerSetting, type SettingValues } from '@duaal-graph/subgraph-toolkit';

/** The response cache's and the subgraph calls' settings, part of the gateway's schema. */
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
} as const;

export interface ResponseCacheConfig {
  /** 0: no cache. */
  readonly bytes: number;
  readonly probeMs: number;
  readonly deduplicate: boolean;
}

export function responseCacheConfigFrom(
  w: SettingValues<typeof RESPONSE_CACHE_SETTINGS>,
): ResponseCacheConfig {
  return { bytes: w.cacheBytes, probeMs: w.cacheProbeMs, deduplicate: w.deduplicate };
}
