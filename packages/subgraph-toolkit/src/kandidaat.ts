import { VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import { gemeentenBinnen, KM_MAXIMUM, KM_MINIMUM } from './buurt.ts';

/**
 * "Maximaal duaal" (`Onderneming.kandidaatOpleidingen`, CONTRACT.md part 2):
 * "in de buurt" of a company is within km of any of the gemeenten it is in.
 * Like `inDeBuurt`, the question travels between the subgraphs as the key of
 * an entity, `KandidaatOpleiding`: the company's gemeenten, the radius and the
 * opleiding, so that each subgraph answers its own counts from memory in one
 * `_entities` call. The list owner orders on counts it gets as
 * radius-independent `@requires` fields (`perKm`), since a required field
 * cannot take the list's `km` argument.
 */

export interface KandidaatVraag {
  /** The NIS codes of the company's gemeenten, sorted; empty when it lies nowhere the graph knows. */
  readonly plaatsen: readonly string[];
  readonly km: number;
  readonly opleidingscode: string;
}

export function kandidaatSleutel(v: KandidaatVraag): string {
  return [v.plaatsen.join(','), v.km, v.opleidingscode].join('|');
}

/** A key another subgraph (or a caller past the gateway) sent: null when it names no question the graph asks. */
export function leesKandidaatSleutel(sleutel: string, gebied: Gebied = VLAANDEREN): KandidaatVraag | null {
  const [plaatsen, km, code, ...rest] = sleutel.split('|');
  const straal = Number(km);
  if (plaatsen === undefined || !code || rest.length > 0) return null;
  if (!Number.isInteger(straal) || straal < KM_MINIMUM || straal > KM_MAXIMUM) return null;
  const nis = plaatsen === '' ? [] : plaatsen.split(',');
  if (nis.some((n) => !gebied.gemeente(n))) return null;
  return { plaatsen: nis, km: straal, opleidingscode: code };
}

/**
 * The gemeenten within `km` of any of the starting gemeenten, each with its
 * unrounded distance to the nearest of them ("within" compares the unrounded
 * value); empty without a start.
 */
export function gemeentenBinnenVan(
  plaatsen: readonly string[],
  km: number,
  gebied: Gebied = VLAANDEREN,
): Map<string, number> {
  const binnen = new Map<string, number>();
  for (const vertrek of plaatsen)
    for (const [nis, afstand] of gemeentenBinnen(vertrek, km, gebied)) {
      const al = binnen.get(nis);
      if (al === undefined || afstand < al) binnen.set(nis, afstand);
    }
  return binnen;
}

/**
 * How many of these distances lie within 1, 2, … `KM_MAXIMUM` km: the
 * radius-independent form in which a count travels to the list owner, which
 * reads it at its own `km` with `binnenKm`.
 */
export function perKm(afstanden: Iterable<number>): number[] {
  const tellingen = new Array<number>(KM_MAXIMUM).fill(0);
  for (const afstand of afstanden) {
    // Within k km when afstand <= k: from the smallest whole k at or above it.
    const vanaf = Math.max(KM_MINIMUM, Math.ceil(afstand));
    for (let k = vanaf; k <= KM_MAXIMUM; k++) tellingen[k - 1] = (tellingen[k - 1] ?? 0) + 1;
  }
  return tellingen;
}

/** The count within `km` from a `perKm` list; 0 for a list that is missing or too short. */
export function binnenKm(tellingen: readonly number[] | null | undefined, km: number): number {
  return tellingen?.[km - 1] ?? 0;
}
