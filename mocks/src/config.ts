import { referentiedatum } from '@duaal-graph/domein';
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

function getal(
  omgeving: NodeJS.ProcessEnv,
  naam: string,
  standaard: number,
  min: number,
  max: number,
): number {
  const tekst = omgeving[naam]?.trim();
  if (tekst === undefined || tekst === '') return standaard;
  const waarde = Number(tekst);
  if (!Number.isFinite(waarde) || waarde < min || waarde > max) {
    throw new Error(`${naam} must be a number from ${min} to ${max}, got "${tekst}"`);
  }
  return waarde;
}

function tekstOf(omgeving: NodeJS.ProcessEnv, naam: string, standaard: string): string {
  const waarde = omgeving[naam];
  return waarde === undefined || waarde === '' ? standaard : waarde;
}

export function leesConfig(omgeving: NodeJS.ProcessEnv = process.env): MockConfig {
  return {
    poort: getal(omgeving, 'MOCK_PORT', 4100, 0, 65535),
    host: tekstOf(omgeving, 'MOCK_HOST', '127.0.0.1'),
    seed: tekstOf(omgeving, 'MOCK_SEED', '42'),
    schaal: leesSchaal(omgeving['MOCK_SCALE']),
    vuil: getal(omgeving, 'MOCK_DIRT', 0.01, 0, 1),
    latentieMs: getal(omgeving, 'MOCK_LATENCY_MS', 15, 0, 60_000),
    referentiedatum: referentiedatum(omgeving['DUAAL_REFERENTIEDATUM']),
    dataMap: tekstOf(omgeving, 'MOCK_DATA_DIR', new URL('../.data', import.meta.url).pathname),
    constructivCursorTtlS: getal(omgeving, 'MOCK_CURSOR_TTL_S', 600, 0.001, 86_400),
    vdabTokenTtlS: getal(omgeving, 'MOCK_VDAB_TOKEN_TTL_S', 900, 0.001, 86_400),
    vdabLimietPerSeconde: getal(omgeving, 'MOCK_VDAB_RATE_LIMIT', 10, 1, 100_000),
    sleutels: {
      volta: tekstOf(omgeving, 'VOLTA_API_KEY', 'volta-dev-key'),
      educam: tekstOf(omgeving, 'EDUCAM_TOKEN', 'educam-dev-token'),
      constructiv: {
        gebruiker: tekstOf(omgeving, 'CONSTRUCTIV_USER', 'duaal'),
        wachtwoord: tekstOf(omgeving, 'CONSTRUCTIV_PASSWORD', 'constructiv-dev'),
      },
      mtech: tekstOf(omgeving, 'MTECH_API_KEY', 'mtech-dev-key'),
      vdab: {
        clientId: tekstOf(omgeving, 'VDAB_CLIENT_ID', 'duaal-dev'),
        clientSecret: tekstOf(omgeving, 'VDAB_CLIENT_SECRET', 'vdab-dev-secret'),
      },
      kazi: tekstOf(omgeving, 'KAZI_API_KEY', 'kazi-dev-key'),
      kbo: {
        gebruiker: tekstOf(omgeving, 'KBO_USER', 'duaal'),
        wachtwoord: tekstOf(omgeving, 'KBO_PASSWORD', 'kbo-dev'),
      },
    },
  };
}
