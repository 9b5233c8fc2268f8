import {
  binnenKm,
  controleerKm,
  gemeentenBinnenVan,
  kandidaatSleutel,
  leesKandidaatSleutel,
  type Snapshot,
} from '@duaal-graph/subgraph-toolkit';
import type { MatchingContext } from './context.ts';
import { telling, type Telling } from './onderdrukking.ts';
import { celSleutel, type CelAantallen, type ZoekendenIndex } from './zoekenden.ts';

/**
 * `Onderneming.kandidaatOpleidingen` ("maximaal duaal", CONTRACT.md part 2),
 * owned here because its order rests on the zoekende lerenden near the
 * company, which only this subgraph may count (the raw numbers never leave
 * it). The candidates and the company's gemeenten come from erkenningen and
 * the duale vacatures per radius from vacatures, both as required fields; the
 * other counts of each candidate are added by their owners through its key.
 */

/** Until Kazi has been read: not known, which is not "suppressed" (the Telling type says so). */
const ONBEKEND: Telling = { waarde: null, onderdrukt: false };

/**
 * The ZOEKEND learners of an opleiding living in these gemeenten, each once,
 * suppressed as a radar cell is: a count of 1 to 4, or one that a school could
 * bring to 1 to 4 by taking its own learners off.
 */
export function zoekendenIn(
  aantallen: ReadonlyMap<string, CelAantallen>,
  gemeenten: Iterable<string>,
  opleidingscode: string,
): Telling {
  let aantal = 0;
  const perSchool = new Map<string, number>();
  // A learner lives in one gemeente: summing the gemeenten's cells counts each learner once.
  for (const nis of new Set(gemeenten)) {
    const cel = aantallen.get(celSleutel(nis, opleidingscode));
    if (!cel) continue;
    aantal += cel.aantal;
    for (const [school, n] of cel.perSchool) perSchool.set(school, (perSchool.get(school) ?? 0) + n);
  }
  return telling(aantal, perSchool.values());
}

export interface KandidaatItem {
  readonly sleutel: string;
  readonly opleidingscode: string;
  readonly aantalZoekendeLerendenInDeBuurt: Telling;
  /** Duale vacatures plus zoekende lerenden in de buurt, a suppressed count as 0: what the list is ordered on. */
  readonly gewicht: number;
}

/** The contract's order: the heaviest first, then by code in byte order. */
export function volgensGewicht(a: KandidaatItem, b: KandidaatItem): number {
  return (
    b.gewicht - a.gewicht ||
    (a.opleidingscode < b.opleidingscode ? -1 : a.opleidingscode > b.opleidingscode ? 1 : 0)
  );
}

interface Kandidaten {
  readonly kandidaatPlaatsen?: readonly string[];
  readonly kandidaatOpleidingscodes?: readonly string[];
  readonly kandidaatDualeVacaturesPerKm?: readonly (readonly number[])[];
}

export function kandidaatResolvers(zoekenden: Snapshot<ZoekendenIndex>) {
  const lerendenIn = (ctx: MatchingContext, gemeenten: Iterable<string>, code: string): Telling => {
    ctx.bronnen.meld(zoekenden.status(), zoekenden.reden());
    const index = zoekenden.data;
    return index ? zoekendenIn(index.ruw.zoekend, gemeenten, code) : ONBEKEND;
  };
  return {
    Onderneming: {
      kandidaatOpleidingen: (o: Kandidaten, { km }: { km: number }, ctx: MatchingContext) => {
        const straal = controleerKm(km);
        const plaatsen = o.kandidaatPlaatsen ?? [];
        const binnen = [...gemeentenBinnenVan(plaatsen, straal).keys()];
        const vacatures = o.kandidaatDualeVacaturesPerKm ?? [];
        return (o.kandidaatOpleidingscodes ?? [])
          .map((opleidingscode, i): KandidaatItem => {
            const lerenden = lerendenIn(ctx, binnen, opleidingscode);
            return {
              sleutel: kandidaatSleutel({ plaatsen, km: straal, opleidingscode }),
              opleidingscode,
              aantalZoekendeLerendenInDeBuurt: lerenden,
              gewicht: binnenKm(vacatures[i], straal) + (lerenden.waarde ?? 0),
            };
          })
          .sort(volgensGewicht);
      },
    },
    KandidaatOpleiding: {
      // A key no question of the graph makes names no KandidaatOpleiding.
      __resolveReference: (ref: { sleutel: string }, ctx: MatchingContext) => {
        const vraag = leesKandidaatSleutel(ref.sleutel);
        if (!vraag) return null;
        const binnen = gemeentenBinnenVan(vraag.plaatsen, vraag.km).keys();
        return {
          sleutel: ref.sleutel,
          opleidingscode: vraag.opleidingscode,
          aantalZoekendeLerendenInDeBuurt: lerendenIn(ctx, binnen, vraag.opleidingscode),
        };
      },
      opleiding: (k: { opleidingscode: string }) => ({ code: k.opleidingscode }),
    },
  };
}
