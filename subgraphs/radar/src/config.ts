import {
  integerSetting,
  PARTNER_URL_SETTINGS,
  REFERENCE_DATE_SETTING,
  subgraphSettings,
  textSetting,
  urlSetting,
  type SubgraphConfig,
} from '@duaal-graph/subgraph-toolkit';
import { declareSetting } from '@duaal-graph/domein/settings';
import { DATABASE_URL_SETTING } from '@duaal-graph/store';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * What the radar reads besides what every subgraph reads: the register whose
 * opleidingen span its cells, and for its measurements over time the store,
 * the graph to measure through and when.
 */
export const RADAR_SETTINGS = {
  onderwijsUrl: PARTNER_URL_SETTINGS.onderwijsUrl,
  databaseUrl: DATABASE_URL_SETTING,
  dataDir: textSetting('RADAR_DATA_DIR', {
    default: fileURLToPath(new URL('../.data', import.meta.url)),
    documentedDefault: '`subgraphs/radar/.data`',
    description: "the radar's PGlite (`store/`) of the measurements over time, without `DATABASE_URL`",
  }),
  peilingGraafUrl: urlSetting('PEILING_GRAAF_URL', {
    default: 'http://127.0.0.1:4000/graphql',
    description:
      "the graph's GraphQL endpoint (the gateway) a measurement, a radar filtered by signal and the regio totals' witte vlekken read the radar through, as the public reads it",
  }),
  peilingTijd: declareSetting(
    'PEILING_TIJD',
    z
      .string()
      .regex(/^(([01]\d|2[0-3]):[0-5]\d|uit)$/, 'must be a time of day HH:MM, or `uit`')
      .transform((t) => (t === 'uit' ? null : t)),
    {
      default: '06:00',
      description:
        'the time of day (Europe/Brussels) of the daily measurement of the radar; `uit`: none, only `neemPeiling`',
    },
  ),
  peilingBewaarDagen: integerSetting('PEILING_BEWAAR_DAGEN', {
    default: 3660,
    min: 1,
    max: 100_000,
    description: 'days a measurement is kept; older ones are removed after each measurement',
  }),
  peilingReconstructieVanaf: declareSetting(
    'PEILING_RECONSTRUCTIE_VANAF',
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .refine(
        (d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        'must be a date of the calendar',
      ),
    {
      documentedDefault: 'unset: none',
      description:
        'the first date the history of `aantalErkendeLeerwerkplekken` is reconstructed back to (from the validity of the erkenningen known today), one point a month, after each measurement; unset: no reconstruction',
    },
  ),
  referenceDate: REFERENCE_DATE_SETTING,
} as const;

export const settings = subgraphSettings('radar', 4005, RADAR_SETTINGS);

export type RadarConfig = SubgraphConfig<typeof RADAR_SETTINGS>;
