import { normaliseerPostcode, rondKm, VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import { badUserInput } from './errors.ts';

/**
 * "In de buurt" (CONTRACT.md part 2, Geography), shared by the subgraphs that
 * each own a list of `inDeBuurt`: the question travels between them as the
 * key of the entities `Buurt` and `BuurtOpleiding`, so that each answers its
 * own part from memory in one `_entities` call.
 */

export const KM_MINIMUM = 1;
export const KM_MAXIMUM = 50;

export interface BuurtVraag {
  /** The gemeente of the postcode: distances are measured from its representative point. */
  readonly vertrekNisCode: string;
  readonly km: number;
  readonly opleidingscode: string | null;
  readonly niveau: string | null;
}

export interface BuurtOpleidingVraag {
  readonly vertrekNisCode: string;
  readonly km: number;
  readonly opleidingscode: string;
}

/** A radius the contract allows: a whole number of km from 1 to 50. */
export function controleerKm(km: number, argument = 'km'): number {
  if (!Number.isInteger(km) || km < KM_MINIMUM || km > KM_MAXIMUM)
    throw badUserInput(argument, `een aantal km van ${KM_MINIMUM} tot ${KM_MAXIMUM}, niet ${km}`);
  return km;
}

/** The gemeente of a Flemish postcode to start from; malformed or unknown is BAD_USER_INPUT. */
export function vertrekVoorPostcode(postcode: string, gebied: Gebied = VLAANDEREN, argument = 'postcode') {
  const code = normaliseerPostcode(postcode);
  if (!code) throw badUserInput(argument, `geen Belgische postcode van vier cijfers: ${postcode}`);
  const gemeente = gebied.gemeenteVoorPostcode(code);
  if (!gemeente) throw badUserInput(argument, `geen Vlaamse postcode die de graaf kent: ${code}`);
  return gemeente;
}

export function buurtSleutel(v: BuurtVraag): string {
  return [v.vertrekNisCode, v.km, v.opleidingscode ?? '', v.niveau ?? ''].join('|');
}

export function buurtOpleidingSleutel(v: BuurtOpleidingVraag): string {
  return [v.vertrekNisCode, v.km, v.opleidingscode].join('|');
}

function vertrekEnKm(nis: string | undefined, km: string | undefined, gebied: Gebied) {
  const straal = Number(km);
  if (
    !nis ||
    !gebied.gemeente(nis) ||
    !Number.isInteger(straal) ||
    straal < KM_MINIMUM ||
    straal > KM_MAXIMUM
  )
    return null;
  return { vertrekNisCode: nis, km: straal };
}

/** A key another subgraph (or a caller past the gateway) sent: null when it names no question the graph asks. */
export function leesBuurtSleutel(sleutel: string, gebied: Gebied = VLAANDEREN): BuurtVraag | null {
  const [nis, km, code, niveau, ...rest] = sleutel.split('|');
  const basis = vertrekEnKm(nis, km, gebied);
  if (!basis || rest.length > 0 || code === undefined || niveau === undefined) return null;
  return { ...basis, opleidingscode: code || null, niveau: niveau || null };
}

export function leesBuurtOpleidingSleutel(
  sleutel: string,
  gebied: Gebied = VLAANDEREN,
): BuurtOpleidingVraag | null {
  const [nis, km, code, ...rest] = sleutel.split('|');
  const basis = vertrekEnKm(nis, km, gebied);
  if (!basis || rest.length > 0 || !code) return null;
  return { ...basis, opleidingscode: code };
}

/**
 * The gemeenten within `km` of the start, with their unrounded distance: "within"
 * compares the unrounded value, as the contract says.
 */
export function gemeentenBinnen(vertrekNisCode: string, km: number, gebied: Gebied = VLAANDEREN) {
  const binnen = new Map<string, number>();
  for (const [nis, afstand] of gebied.afstandenVanaf(vertrekNisCode))
    if (afstand <= km) binnen.set(nis, afstand);
  return binnen;
}

/**
 * An item at a distance, ordered nearest first by the distance shown (km to
 * 0.1), then by its code or id in byte order: equal distances as the caller
 * sees them are always in key order.
 */
export interface OpAfstand<T> {
  readonly item: T;
  readonly afstand: number;
  readonly sleutel: string;
}

export function dichtstEerst<T>(a: OpAfstand<T>, b: OpAfstand<T>): number {
  return (
    rondKm(a.afstand) - rondKm(b.afstand) || (a.sleutel < b.sleutel ? -1 : a.sleutel > b.sleutel ? 1 : 0)
  );
}

/** The distance as the graph shows it. */
export function afstandKmVoorGraaf(afstand: number): number {
  return rondKm(afstand);
}

/** `first` of a list in de buurt: a natural number. */
export function controleerFirst(first: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 0) throw badUserInput(argument, 'een natuurlijk getal');
  return first;
}
