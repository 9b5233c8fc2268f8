import type { ErkenningsIndex, OndernemingInfo } from './erkenningsindex.ts';
import { erkendOp, SECTOREN, type Sector } from './model.ts';

/**
 * The building blocks of `Onderneming.kandidaatOpleidingen` ("maximaal duaal",
 * CONTRACT.md part 2) that this subgraph owns: which sectors know an
 * onderneming, which opleidingen of theirs it does not host yet, and where it
 * is. Not in the schema yet: the field needs the counts of vacatures and
 * zoekende lerenden near the company to order its list (see the README).
 */

/**
 * The sectors that know an onderneming: those of its erkenningen (any status,
 * as far as the caller may see them: the index is the caller's view), joined
 * by what other sources say. The company register's NACE codes (helper KBO's
 * "sectors of an onderneming by its NACE codes") come in as `andere`.
 */
export function sectorenVanOnderneming(o: OndernemingInfo, ...andere: Iterable<Sector>[]): Sector[] {
  const gekend = new Set<Sector>(o.erkenningen.map((e) => e.sector));
  for (const bron of andere) for (const s of bron) gekend.add(s);
  return SECTOREN.filter((s) => gekend.has(s));
}

export interface Kandidaat {
  readonly opleidingscode: string;
  /** The sector organisations that can recognise it: its erkenningsbronnen, in the order of `enum Sector`. */
  readonly sectoren: readonly Sector[];
}

/**
 * The opleidingen of these sectors (by the paritaire comités the register
 * gives them) for which the onderneming holds no geldig erkenning, by code.
 */
export function kandidaten(
  o: OndernemingInfo,
  sectoren: readonly Sector[],
  erkenningsbronnen: ReadonlyMap<string, readonly Sector[]>,
  referentiedatum: string,
): Kandidaat[] {
  const gehost = new Set(
    o.erkenningen.filter((e) => erkendOp(e, referentiedatum)).map((e) => e.opleidingscode),
  );
  const uit: Kandidaat[] = [];
  for (const [opleidingscode, bronnen] of erkenningsbronnen) {
    if (gehost.has(opleidingscode) || !bronnen.some((s) => sectoren.includes(s))) continue;
    uit.push({ opleidingscode, sectoren: SECTOREN.filter((s) => bronnen.includes(s)) });
  }
  return uit.sort((a, b) =>
    a.opleidingscode < b.opleidingscode ? -1 : a.opleidingscode > b.opleidingscode ? 1 : 0,
  );
}

/**
 * The gemeenten an onderneming is in, for "in de buurt": those of its
 * vestigingen, or its seat where it has none. Until the company register is
 * integrated the seat is where the erkenningen without vestiging place it.
 */
export function plaatsenVanOnderneming(o: OndernemingInfo, index: ErkenningsIndex): string[] {
  const vestigingen = o.vestigingsnummers.flatMap((n) => index.vestigingen.get(n)?.plaats?.nisCode ?? []);
  const plaatsen =
    vestigingen.length > 0 ? vestigingen : o.erkenningen.flatMap((e) => e.plaats?.nisCode ?? []);
  return [...new Set(plaatsen)].sort();
}
