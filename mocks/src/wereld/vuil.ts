import type { Willekeur } from './willekeur.ts';

export type PartnerNaam =
  'volta' | 'educam' | 'constructiv' | 'mtech' | 'woodwize' | 'onderwijs' | 'vdab' | 'kazi' | 'kbo';
export const PARTNERS: readonly PartnerNaam[] = [
  'volta',
  'educam',
  'constructiv',
  'mtech',
  'woodwize',
  'onderwijs',
  'vdab',
  'kazi',
  'kbo',
];

/**
 * What a consumer is expected to do with a dirty record, per the partner contract:
 * reject it, repair and keep it, keep it as it is (a finding only), parse it
 * correctly (a parsing trap, no finding), apply it once (a change reported
 * twice), or read the full extract again (a gap in the company register's updates).
 */
export type Behandeling =
  'AFKEUREN' | 'HERSTELLEN' | 'BEHOUDEN' | 'PARSEERVAL' | 'EENMAAL_TOEPASSEN' | 'VOLLEDIG_HERLEZEN';

/** One defect the generator put in a partner's feed, so that tests can count and find it. */
export interface Vuil {
  readonly partner: PartnerNaam;
  readonly soort: string;
  /** The partner's own id of the record. */
  readonly recordId: string;
  readonly veld: string;
  readonly waarde: string | null;
  readonly behandeling: Behandeling;
}

/**
 * Picks which records of a feed get dirt, and which kind each gets. The count is
 * the dirt rate times the feed size, but at least one of every kind while the rate
 * is above zero, so that every kind the contract lists appears and can be tested.
 */
export function kiesVuil<S extends string>(
  w: Willekeur,
  aantalRecords: number,
  graad: number,
  soorten: readonly S[],
): Map<number, S> {
  const gekozen = new Map<number, S>();
  if (graad <= 0 || aantalRecords === 0 || soorten.length === 0) return gekozen;
  const aantal = Math.min(aantalRecords, Math.max(soorten.length, Math.round(graad * aantalRecords)));
  const indices = w.steekproef(
    Array.from({ length: aantalRecords }, (_, i) => i),
    aantal,
  );
  indices.forEach((index, i) => gekozen.set(index, soorten[i % soorten.length] as S));
  return gekozen;
}

/** Makes a 10-digit number fail its mod-97 check by changing its last digit. */
export function breekControle(tienCijfers: string): string {
  const laatste = Number(tienCijfers.slice(-1));
  return tienCijfers.slice(0, -1) + String((laatste + 1) % 10);
}
