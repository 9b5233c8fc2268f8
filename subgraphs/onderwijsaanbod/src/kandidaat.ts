import {
  afstandKmVoorGraaf,
  controleerFirst,
  gemeentenBinnenVan,
  leesKandidaatSleutel,
  type OpAfstand,
} from '@duaal-graph/subgraph-toolkit';
import { aanbodBinnen } from './buurt.ts';
import type { AanbodRij, OnderwijsIndex } from './onderwijsindex.ts';
import type { OnderwijsContext } from './resolvers.ts';

/**
 * This subgraph's part of `Onderneming.kandidaatOpleidingen` ("maximaal
 * duaal"): the aanbod of this school year near the company, measured from the
 * nearest of its gemeenten, the same way `inDeBuurt` measures from one.
 */

interface KandidaatOpleiding {
  readonly sleutel: string;
  readonly aanbod: readonly OpAfstand<AanbodRij>[];
}

type Lees = (ctx: OnderwijsContext) => OnderwijsIndex | undefined;

export function maakKandidaatResolvers(lees: Lees, huidigSchooljaar: string) {
  return {
    // A key no question of the graph makes names no KandidaatOpleiding.
    __resolveReference: (ref: { sleutel: string }, ctx: OnderwijsContext): KandidaatOpleiding | null => {
      const vraag = leesKandidaatSleutel(ref.sleutel);
      if (!vraag) return null;
      const binnen = gemeentenBinnenVan(vraag.plaatsen, vraag.km);
      return {
        sleutel: ref.sleutel,
        aanbod: aanbodBinnen(lees(ctx), huidigSchooljaar, vraag.opleidingscode, binnen),
      };
    },
    aantalScholenInDeBuurt: (k: KandidaatOpleiding) =>
      new Set(k.aanbod.map((a) => a.item.instellingsnummer)).size,
    dichtsteAanbod: (k: KandidaatOpleiding, { first }: { first: number }) =>
      k.aanbod
        .slice(0, controleerFirst(first))
        .map((a) => ({ aanbod: a.item, afstandKm: afstandKmVoorGraaf(a.afstand) })),
  };
}
