import type { RadarCel, Signaal } from '../graph/types.ts';

/** What the map colours by: witte vlekken, one signal, or a count (one opleiding only). */
export type Measure =
  | 'witteVlek'
  | Signaal
  | 'aantalAanbieders'
  | 'aantalPlaatsen'
  | 'aantalErkendeLeerwerkplekken'
  | 'aantalVacatures'
  | 'aantalDualeVacatures'
  | 'aantalZoekendeLerenden';

export const SIGNAL_LABELS: Readonly<Record<Signaal, string>> = {
  VRAAG_ZONDER_AANBOD: 'Vraag zonder aanbod',
  AANBOD_ZONDER_LEERWERKPLEKKEN: 'Aanbod zonder leerwerkplekken',
  LERENDEN_ZONDER_LEERWERKPLEK: 'Lerenden zonder leerwerkplek',
  KNELPUNT_ZONDER_AANBOD: 'Knelpunt zonder aanbod',
};

export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  witteVlek: 'Witte vlekken',
  ...SIGNAL_LABELS,
  aantalAanbieders: 'Aanbieders',
  aantalPlaatsen: 'Plaatsen',
  aantalErkendeLeerwerkplekken: 'Erkende leerwerkplekken',
  aantalVacatures: 'Vacatures',
  aantalDualeVacatures: 'Duale vacatures',
  aantalZoekendeLerenden: 'Zoekende lerenden',
};

export const BOOLEAN_MEASURES: readonly Measure[] = [
  'witteVlek',
  'VRAAG_ZONDER_AANBOD',
  'AANBOD_ZONDER_LEERWERKPLEKKEN',
  'LERENDEN_ZONDER_LEERWERKPLEK',
  'KNELPUNT_ZONDER_AANBOD',
];

export const isBooleanMeasure = (m: Measure): boolean => BOOLEAN_MEASURES.includes(m);

/** Whether a cell is marked by a yes/no measure. */
export function marks(cel: RadarCel, measure: Measure): boolean {
  if (measure === 'witteVlek') return cel.witteVlek;
  return cel.signalen.includes(measure as Signaal);
}

/** A count of one cell; null when it is not known (a suppressed learner count, an open capacity). */
export function countOf(cel: RadarCel, measure: Measure): number | null {
  switch (measure) {
    case 'aantalAanbieders':
    case 'aantalErkendeLeerwerkplekken':
    case 'aantalVacatures':
    case 'aantalDualeVacatures':
      return cel[measure];
    case 'aantalPlaatsen':
      return cel.aantalPlaatsen;
    case 'aantalZoekendeLerenden':
      return cel.aantalZoekendeLerenden?.waarde ?? null;
    default:
      return marks(cel, measure) ? 1 : 0;
  }
}

/** The value a regio gets on the map, from its cells of the chosen opleiding(en). */
export interface RegionValue {
  /** For one opleiding: the cell's count, or 1/0 for a yes/no measure; for all: the cells marked. */
  readonly value: number | null;
  readonly label: string;
}

export function regionValue(
  cells: readonly RadarCel[],
  measure: Measure,
  oneOpleiding: boolean,
): RegionValue {
  if (!oneOpleiding) {
    const marked = cells.filter((c) => marks(c, measure)).length;
    return { value: marked, label: `${marked} van ${cells.length} opleidingen` };
  }
  const cel = cells[0];
  if (!cel) return { value: null, label: 'geen cel' };
  if (isBooleanMeasure(measure)) {
    const yes = marks(cel, measure);
    return { value: yes ? 1 : 0, label: yes ? 'ja' : 'nee' };
  }
  const count = countOf(cel, measure);
  if (count === null)
    return {
      value: null,
      label:
        measure === 'aantalZoekendeLerenden' && cel.aantalZoekendeLerenden?.onderdrukt === true
          ? 'onderdrukt (1 tot 4 of afleidbaar)'
          : 'onbekend',
    };
  return { value: count, label: String(count) };
}

/** Colour classes, light to dark: readable against the white map background and each other. */
export const SCALE = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;
export const MARKED = '#d95f02';
export const UNMARKED = '#f0f0f0';
export const UNKNOWN = '#969696';

export interface LegendEntry {
  readonly colour: string;
  readonly label: string;
}

/** Class bounds for counts: 0 apart, then four equal steps up to the largest value. */
export function classify(values: readonly (number | null)[], measure: Measure, oneOpleiding: boolean) {
  if (oneOpleiding && isBooleanMeasure(measure)) {
    const name = MEASURE_LABELS[measure].toLowerCase();
    return {
      colour: (v: number | null) => (v === null ? UNKNOWN : v > 0 ? MARKED : UNMARKED),
      legend: [
        { colour: MARKED, label: measure === 'witteVlek' ? 'witte vlek' : name },
        { colour: UNMARKED, label: measure === 'witteVlek' ? 'geen witte vlek' : `niet: ${name}` },
      ] as LegendEntry[],
    };
  }
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  const step = Math.max(1, Math.ceil(max / 4));
  const colour = (v: number | null) =>
    v === null ? UNKNOWN : v === 0 ? SCALE[0] : (SCALE[Math.min(4, Math.ceil(v / step))] ?? SCALE[4]);
  const legend: LegendEntry[] = [{ colour: SCALE[0], label: '0' }];
  for (let i = 1; i <= 4 && (i - 1) * step + 1 <= max; i++) {
    const from = (i - 1) * step + 1;
    const to = i * step;
    legend.push({ colour: SCALE[i] ?? SCALE[4], label: from === to ? String(from) : `${from} – ${to}` });
  }
  return { colour, legend };
}
