import {
  PARTNER_URL_SETTINGS,
  urlSetting,
  REFERENCE_DATE_SETTING,
  subgraphSettings,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';
import { findingsStoreSettings } from '@duaal-graph/subgraph-toolkit/findings-history';
import { fileURLToPath } from 'node:url';

/** The register it serves, where VDAB's beroepsprofiel labels are read, and the reference date that picks the school year. */
export const ONDERWIJSAANBOD_SETTINGS = {
  ...findingsStoreSettings({
    name: 'ONDERWIJSAANBOD_DATA_DIR',
    service: 'onderwijsaanbod',
    defaultDir: fileURLToPath(new URL('../.data', import.meta.url)),
  }),
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  beroepsprofielenUrl: urlSetting('BEROEPSPROFIELEN_URL', {
    default: 'http://localhost:4003/graphql',
    description:
      "the vacatures subgraph's GraphQL endpoint, where onderwijsaanbod reads VDAB's beroepsprofiel labels for `zoekterm`",
  }),
  referenceDate: REFERENCE_DATE_SETTING,
} as const;

export const settings = subgraphSettings('onderwijsaanbod', 4002, ONDERWIJSAANBOD_SETTINGS);

export type OnderwijsaanbodConfig = SubgraphConfig<typeof ONDERWIJSAANBOD_SETTINGS>;
