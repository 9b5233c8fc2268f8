import {
  afstandKmVoorGraaf,
  controleerFirst,
  dichtstEerst,
  gemeentenBinnen,
  leesBuurtOpleidingSleutel,
  leesBuurtSleutel,
  type OpAfstand,
} from '@duaal-graph/subgraph-toolkit';
import type { ErkenningenContext } from './context.ts';
import type { ErkenningsIndex, VestigingInfo } from './erkenningsindex.ts';

/**
 * This subgraph's part of `inDeBuurt`: the geldig erkende leerwerkplekken
 * within the radius. A vestiging lies where the erkenningen the caller may see
 * place it (the same view as `Vestiging.adres`), so the list and the count
 * never show what the caller could not look up.
 */

interface BuurtOpleiding {
  readonly sleutel: string;
  readonly opleidingscode: string;
  readonly plekken: readonly OpAfstand<VestigingInfo>[];
}

function plekkenBinnen(
  index: ErkenningsIndex,
  code: string,
  binnen: ReadonlyMap<string, number>,
): OpAfstand<VestigingInfo>[] {
  return (index.erkendePlekken.get(code) ?? [])
    .flatMap((v) => {
      const afstand = v.plaats?.nisCode ? binnen.get(v.plaats.nisCode) : undefined;
      return afstand === undefined ? [] : [{ item: v, afstand, sleutel: v.vestigingsnummer }];
    })
    .sort(dichtstEerst);
}

export const buurtResolvers = {
  Buurt: {
    __resolveReference: (ref: { sleutel: string }, ctx: ErkenningenContext) => {
      const vraag = leesBuurtSleutel(ref.sleutel);
      if (!vraag) return null;
      const index = ctx.lees();
      const binnen = gemeentenBinnen(vraag.vertrekNisCode, vraag.km);
      const codes: string[] = [];
      for (const [code, plekken] of index.erkendePlekken) {
        if (vraag.opleidingscode && code !== vraag.opleidingscode) continue;
        if (plekken.some((v) => v.plaats?.nisCode && binnen.has(v.plaats.nisCode))) codes.push(code);
      }
      return { sleutel: ref.sleutel, erkendeOpleidingscodes: codes.sort() };
    },
  },
  BuurtOpleiding: {
    __resolveReference: (ref: { sleutel: string }, ctx: ErkenningenContext): BuurtOpleiding | null => {
      const vraag = leesBuurtOpleidingSleutel(ref.sleutel);
      if (!vraag) return null;
      const binnen = gemeentenBinnen(vraag.vertrekNisCode, vraag.km);
      return {
        sleutel: ref.sleutel,
        opleidingscode: vraag.opleidingscode,
        plekken: plekkenBinnen(ctx.lees(), vraag.opleidingscode, binnen),
      };
    },
    aantalErkendeLeerwerkplekken: (bo: BuurtOpleiding, _: unknown, ctx: ErkenningenContext) =>
      ctx.bestand.gelezenErkenningsbronnen(bo.opleidingscode) ? bo.plekken.length : null,
    erkendeLeerwerkplekken: (bo: BuurtOpleiding, { first }: { first: number }) =>
      bo.plekken
        .slice(0, controleerFirst(first))
        .map((p) => ({ vestiging: p.item, afstandKm: afstandKmVoorGraaf(p.afstand) })),
  },
};
