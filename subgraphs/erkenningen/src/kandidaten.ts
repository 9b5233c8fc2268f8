import type { ErkenningsIndex, OndernemingInfo } from './erkenningsindex.ts';
import { erkendOp, SECTOREN, type Sector } from './model.ts';

/**
 * The building blocks of `Onderneming.kandidaatOpleidingen` ("maximaal duaal",
 * CONTRACT.md part 2) that this subgraph owns: which sectors know an
 * onderneming, which opleidingen of theirs it does not host yet, and where it
 * is. matching owns the list, which it orders on counts of other subgraphs;
 * ./kandidaatresolvers.ts gives it these as required fields (see the README).
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

/** Where the company register places an onderneming: the gemeenten of its vestigingseenheden, and of its seat. */
export interface KboPlaatsen {
  /** By vestigingsnummer: the gemeente of its valid establishment address, where the graph knows it. */
  readonly vestigingen: ReadonlyMap<string, string | null>;
  /** The gemeente of its valid seat address; null without one (struck off, abroad, or not in the register). */
  readonly zetel: string | null;
}

/**
 * The gemeenten an onderneming is in, for "in de buurt": those of its
 * vestigingen (those its erkenningen name and the register's
 * vestigingseenheden; the register's address first, as the official one), or
 * its seat where none of them is placed: the register's seat, else (a company
 * the register does not hold) where its erkenningen without vestiging place it.
 */
export function plaatsenVanOnderneming(
  o: OndernemingInfo,
  index: ErkenningsIndex,
  kbo: KboPlaatsen = { vestigingen: new Map(), zetel: null },
): string[] {
  const vestigingen = new Set<string>();
  for (const n of new Set([...o.vestigingsnummers, ...kbo.vestigingen.keys()])) {
    const nis = kbo.vestigingen.get(n) ?? index.vestigingen.get(n)?.plaats?.nisCode;
    if (nis) vestigingen.add(nis);
  }
  if (vestigingen.size > 0) return [...vestigingen].sort();
  if (kbo.zetel) return [kbo.zetel];
  return [...new Set(o.erkenningen.flatMap((e) => e.plaats?.nisCode ?? []))].sort();
}
