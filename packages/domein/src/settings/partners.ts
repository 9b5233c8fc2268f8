import { partnerCredential, textSetting, urlSetting } from './settings.ts';

/**
 * The partner settings, declared once: the subgraphs send these credentials and
 * the mock partners check them, so one setting serves both sides.
 */

/** Where the mock partners run by default, so that `npm start` needs no settings. */
export const DEFAULT_PARTNERS = 'http://localhost:4100';

const partnerUrl = (name: string, prefix: string, description: string) =>
  urlSetting(name, { default: `${DEFAULT_PARTNERS}/${prefix}`, description });

export const PARTNER_URL_SETTINGS = {
  voltaUrl: partnerUrl('VOLTA_URL', 'volta', 'the Volta erkenningen API'),
  educamUrl: partnerUrl('EDUCAM_URL', 'educam', 'the Educam erkenningen export'),
  constructivUrl: partnerUrl('CONSTRUCTIV_URL', 'constructiv', 'the Constructiv leerwerkplekken API'),
  mtechUrl: partnerUrl('MTECH_URL', 'mtech', 'the MTech+ erkenningen API'),
  woodwizeUrl: partnerUrl('WOODWIZE_URL', 'woodwize', 'the Woodwize erkenningen API'),
  onderwijsUrl: partnerUrl('ONDERWIJS_URL', 'onderwijs', 'the Onderwijsaanbod register'),
  vdabUrl: partnerUrl('VDAB_URL', 'vdab', 'the VDAB vacatures API'),
  kaziUrl: partnerUrl('KAZI_URL', 'kazi', 'the Kazi matching API, read and written by the matching subgraph'),
  kboUrl: partnerUrl('KBO_URL', 'kbo', 'KBO Open Data, the company register (its extracts)'),
} as const;

export const PARTNER_CREDENTIAL_SETTINGS = {
  voltaApiKey: partnerCredential('VOLTA_API_KEY', 'volta-dev-key', 'Volta `X-Api-Key`'),
  educamToken: partnerCredential('EDUCAM_TOKEN', 'educam-dev-token', 'Educam bearer token'),
  constructivUser: textSetting('CONSTRUCTIV_USER', {
    default: 'duaal',
    description: 'Constructiv Basic auth user',
  }),
  constructivPassword: partnerCredential(
    'CONSTRUCTIV_PASSWORD',
    'constructiv-dev',
    'Constructiv Basic auth password',
  ),
  mtechApiKey: partnerCredential('MTECH_API_KEY', 'mtech-dev-key', 'MTech+ `X-Api-Key`'),
  vdabClientId: textSetting('VDAB_CLIENT_ID', {
    default: 'duaal-dev',
    description: 'VDAB OAuth2 client id, also sent as `X-IBM-Client-Id`',
  }),
  vdabClientSecret: partnerCredential('VDAB_CLIENT_SECRET', 'vdab-dev-secret', 'VDAB OAuth2 client secret'),
  kaziApiKey: partnerCredential('KAZI_API_KEY', 'kazi-dev-key', 'Kazi `X-Api-Key`'),
  kboUser: textSetting('KBO_USER', {
    default: 'duaal',
    description: 'KBO Open Data Basic auth user',
  }),
  kboPassword: partnerCredential('KBO_PASSWORD', 'kbo-dev', 'KBO Open Data Basic auth password'),
} as const;
