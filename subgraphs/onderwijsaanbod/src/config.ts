import {
  PARTNER_URL_SETTINGS,
  REFERENCE_DATE_SETTING,
  subgraphSettings,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';

/** The register it serves, and the reference date that picks the school year. */
export const ONDERWIJSAANBOD_SETTINGS = {
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  referenceDate: REFERENCE_DATE_SETTING,
} as const;

export const settings = subgraphSettings('onderwijsaanbod', 4002, ONDERWIJSAANBOD_SETTINGS);

export type OnderwijsaanbodConfig = SubgraphConfig<typeof ONDERWIJSAANBOD_SETTINGS>;
