import {
  integerSetting,
  PARTNER_CREDENTIAL_SETTINGS,
  PARTNER_URL_SETTINGS,
  REFERENCE_DATE_SETTING,
  subgraphSettings,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';
import { findingsStoreSettings } from '@duaal-graph/subgraph-toolkit/findings-history';
import { fileURLToPath } from 'node:url';

/** The five sector databanks with their credentials, the onderwijs register, the company register (KBO), and the reference date for validity. */
export const ERKENNINGEN_SETTINGS = {
  ...findingsStoreSettings({
    name: 'ERKENNINGEN_DATA_DIR',
    service: 'erkenningen',
    defaultDir: fileURLToPath(new URL('../.data', import.meta.url)),
  }),
  voltaUrl: PARTNER_URL_SETTINGS.voltaUrl,
  voltaApiKey: PARTNER_CREDENTIAL_SETTINGS.voltaApiKey,
  educamUrl: PARTNER_URL_SETTINGS.educamUrl,
  educamToken: PARTNER_CREDENTIAL_SETTINGS.educamToken,
  constructivUrl: PARTNER_URL_SETTINGS.constructivUrl,
  constructivUser: PARTNER_CREDENTIAL_SETTINGS.constructivUser,
  constructivPassword: PARTNER_CREDENTIAL_SETTINGS.constructivPassword,
  mtechUrl: PARTNER_URL_SETTINGS.mtechUrl,
  mtechApiKey: PARTNER_CREDENTIAL_SETTINGS.mtechApiKey,
  woodwizeUrl: PARTNER_URL_SETTINGS.woodwizeUrl,
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  kboUrl: PARTNER_URL_SETTINGS.kboUrl,
  kboUser: PARTNER_CREDENTIAL_SETTINGS.kboUser,
  kboPassword: PARTNER_CREDENTIAL_SETTINGS.kboPassword,
  kboTimeoutS: integerSetting('KBO_TIMEOUT', {
    default: 900,
    min: 1,
    max: 86_400,
    description:
      'seconds one call to KBO Open Data may take, the list of extracts or the download of one (a real full extract is hundreds of MB); a retried download resumes with a `Range` request. No question waits for it: the register is read in the background',
  }),
  referenceDate: REFERENCE_DATE_SETTING,
} as const;

export const settings = subgraphSettings('erkenningen', 4001, ERKENNINGEN_SETTINGS);

export type ErkenningenConfig = SubgraphConfig<typeof ERKENNINGEN_SETTINGS>;
