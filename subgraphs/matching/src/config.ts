import {
  PARTNER_CREDENTIAL_SETTINGS,
  PARTNER_URL_SETTINGS,
  subgraphSettings,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';

/**
 * Kazi, read live and written; its snapshot of learner counts refreshes at the
 * shared interval, as does the register's list of opleidingscodes that judges a filter's code.
 */
export const MATCHING_SETTINGS = {
  kaziUrl: PARTNER_URL_SETTINGS.kaziUrl,
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  kaziApiKey: PARTNER_CREDENTIAL_SETTINGS.kaziApiKey,
} as const;

export const settings = subgraphSettings('matching', 4004, MATCHING_SETTINGS);

export type MatchingConfig = SubgraphConfig<typeof MATCHING_SETTINGS>;
