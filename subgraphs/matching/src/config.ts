import {
  integerSetting,
  PARTNER_CREDENTIAL_SETTINGS,
  PARTNER_URL_SETTINGS,
  subgraphSettings,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';
import { findingsStoreSettings } from '@duaal-graph/subgraph-toolkit/findings-history';
import { fileURLToPath } from 'node:url';

/**
 * Kazi, read live and written; its snapshot of learner counts refreshes at the
 * shared interval, as does the register's list of opleidingscodes that judges a filter's code.
 */
export const MATCHING_SETTINGS = {
  ...findingsStoreSettings({
    name: 'MATCHING_DATA_DIR',
    service: 'matching',
    defaultDir: fileURLToPath(new URL('../.data', import.meta.url)),
  }),
  kaziUrl: PARTNER_URL_SETTINGS.kaziUrl,
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  kaziApiKey: PARTNER_CREDENTIAL_SETTINGS.kaziApiKey,
  kaziBreakerThreshold: integerSetting('KAZI_BREAKER_THRESHOLD', {
    default: 5,
    min: 1,
    max: 1_000,
    description:
      'Kazi calls in a row that fail (no answer, no answer in time, a broken answer, a 5xx, after their retries) before the matching subgraph stops calling Kazi and answers PARTNER_UNAVAILABLE with reden CIRCUIT_OPEN at once',
  }),
  kaziBreakerCooldownMs: integerSetting('KAZI_BREAKER_COOLDOWN_MS', {
    default: 10_000,
    min: 100,
    max: 600_000,
    description:
      'how long the open Kazi breaker fails calls at once before it lets one call through as a probe: its success closes the breaker, its failure opens it for another cool-down',
  }),
} as const;

export const settings = subgraphSettings('matching', 4004, MATCHING_SETTINGS);

export type MatchingConfig = SubgraphConfig<typeof MATCHING_SETTINGS>;
