import {
  integerSetting,
  numberSetting,
  PARTNER_CREDENTIAL_SETTINGS,
  PARTNER_URL_SETTINGS,
  REFERENCE_DATE_SETTING,
  subgraphSettings,
  textSetting,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';
import { fileURLToPath } from 'node:url';
import { DATABASE_URL_SETTING } from '@duaal-graph/store';

/** VDAB and its index, the register for the radar counts, and the reference date that picks the knelpunt year. */
export const VACATURES_SETTINGS = {
  vdabUrl: PARTNER_URL_SETTINGS.vdabUrl,
  vdabClientId: PARTNER_CREDENTIAL_SETTINGS.vdabClientId,
  vdabClientSecret: PARTNER_CREDENTIAL_SETTINGS.vdabClientSecret,
  vdabRateLimit: integerSetting('VDAB_RATE_LIMIT', {
    default: 10,
    min: 1,
    max: 100_000,
    description:
      "VDAB requests a second the vacatures subgraph allows itself (VDAB's limit per client id), the token's included",
  }),
  vdabSyncIntervalS: numberSetting('VDAB_SYNC_INTERVAL', {
    default: 60,
    min: 0.1,
    max: 86_400,
    description: "seconds between two syncs of the vacatures index from VDAB's `bulk` windows",
  }),
  vdabFreshnessGraceS: numberSetting('VDAB_FRESHNESS_GRACE_S', {
    default: 60,
    min: 0,
    max: 86_400,
    description:
      "seconds the vacatures index may be older than two syncs and still be ACTUEEL (the contract's minute); tests lower it so that a VDAB that keeps answering 429 shows as VEROUDERD sooner",
  }),
  databaseUrl: DATABASE_URL_SETTING,
  dataDir: textSetting('VACATURES_DATA_DIR', {
    default: fileURLToPath(new URL('../.data', import.meta.url)),
    documentedDefault: '`subgraphs/vacatures/.data`',
    description:
      'the vacatures PGlite (`store/`) without `DATABASE_URL`; an old `vdab-index.json` there moves into the store once',
  }),
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  referenceDate: REFERENCE_DATE_SETTING,
} as const;

export const settings = subgraphSettings('vacatures', 4003, VACATURES_SETTINGS);

export type VacaturesConfig = SubgraphConfig<typeof VACATURES_SETTINGS>;
