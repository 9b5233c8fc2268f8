import { referentiedatum } from '@duaal-graph/domein';
import {
  declareSetting,
  defineSettings,
  integerSetting,
  numberSetting,
  PARTNER_CREDENTIAL_SETTINGS,
  portSetting,
  REFERENCE_DATE_SETTING,
  textSetting,
} from '@duaal-graph/domein/settings';
import { z } from 'zod';
import { leesSchaal, type Schaal } from './wereld/index.ts';

/** Every setting of the mock partners, from the environment, with its development default. */
export interface MockConfig {
  readonly poort: number;
  readonly host: string;
  readonly seed: string;
  readonly schaal: Schaal;
  readonly vuil: number;
  readonly latentieMs: number;
  readonly referentiedatum: string;
  /** Where Kazi keeps its writes across restarts. */
  readonly dataMap: string;
  readonly constructivCursorTtlS: number;
  readonly vdabTokenTtlS: number;
  /** VDAB's limit of requests a second per client id. */
  readonly vdabLimietPerSeconde: number;
  readonly sleutels: {
    readonly volta: string;
    readonly educam: string;
    readonly constructiv: { readonly gebruiker: string; readonly wachtwoord: string };
    readonly mtech: string;
    readonly vdab: { readonly clientId: string; readonly clientSecret: string };
    readonly kazi: string;
    readonly kbo: { readonly gebruiker: string; readonly wachtwoord: string };
  };
}

/** Every setting of the mock partners, in one schema; the credentials are the ones the subgraphs send. */
export const MOCK_SETTINGS = {
  poort: portSetting('MOCK_PORT', 4100, 'port of the mock partners'),
  host: textSetting('MOCK_HOST', { default: '127.0.0.1', description: 'address they listen on (loopback)' }),
  seed: textSetting('MOCK_SEED', {
    default: '42',
    description: 'seed of the synthetic data: the same seed gives the same bytes',
  }),
  schaal: declareSetting(
    'MOCK_SCALE',
    z.string().transform((tekst, ctx) => {
      try {
        return leesSchaal(tekst);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be west-vlaanderen, vlaanderen or a multiplier above 0 and at most 100',
        });
        return z.NEVER;
      }
    }),
    {
      default: 'west-vlaanderen',
      description:
        '`west-vlaanderen`, `vlaanderen` (all five provinces, about ten times the data) or a multiplier of the West-Vlaanderen sizes (e.g. `3`)',
    },
  ),
  vuil: numberSetting('MOCK_DIRT', {
    default: 0.01,
    min: 0,
    max: 1,
    description: 'share of partner records that carry a defect (0 to 1; 0 for none)',
  }),
  latentieMs: numberSetting('MOCK_LATENCY_MS', {
    default: 15,
    min: 0,
    max: 60_000,
    description: 'simulated latency per partner request',
  }),
  referentiedatum: REFERENCE_DATE_SETTING,
  dataMap: textSetting('MOCK_DATA_DIR', {
    default: new URL('../.data', import.meta.url).pathname,
    documentedDefault: '`mocks/.data`',
    description: 'where Kazi keeps its writes across restarts of the mock',
  }),
  constructivCursorTtlS: numberSetting('MOCK_CURSOR_TTL_S', {
    default: 600,
    min: 0.001,
    max: 86_400,
    description: "lifetime of a Constructiv cursor (the contract's 10 minutes)",
  }),
  vdabTokenTtlS: numberSetting('MOCK_VDAB_TOKEN_TTL_S', {
    default: 900,
    min: 0.001,
    max: 86_400,
    description: 'lifetime of a VDAB access token (`expires_in`)',
  }),
  vdabLimietPerSeconde: integerSetting('MOCK_VDAB_RATE_LIMIT', {
    default: 10,
    min: 1,
    max: 100_000,
    description: 'VDAB requests a second per client id before 429',
  }),
  ...PARTNER_CREDENTIAL_SETTINGS,
} as const;

export const settings = defineSettings(MOCK_SETTINGS);

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): MockConfig {
  const w = settings.read(omgeving);
  return {
    poort: w.poort,
    host: w.host,
    seed: w.seed,
    schaal: w.schaal,
    vuil: w.vuil,
    latentieMs: w.latentieMs,
    referentiedatum: referentiedatum(w.referentiedatum),
    dataMap: w.dataMap,
    constructivCursorTtlS: w.constructivCursorTtlS,
    vdabTokenTtlS: w.vdabTokenTtlS,
    vdabLimietPerSeconde: w.vdabLimietPerSeconde,
    sleutels: {
      volta: w.voltaApiKey,
      educam: w.educamToken,
      constructiv: { gebruiker: w.constructivUser, wachtwoord: w.constructivPassword },
      mtech: w.mtechApiKey,
      vdab: { clientId: w.vdabClientId, clientSecret: w.vdabClientSecret },
      kazi: w.kaziApiKey,
      kbo: { gebruiker: w.kboUser, wachtwoord: w.kboPassword },
    },
  };
}
