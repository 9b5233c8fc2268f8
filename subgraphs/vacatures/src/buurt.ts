import {
  afstandKmVoorGraaf,
  controleerFirst,
  dichtstEerst,
  gemeentenBinnen,
  leesBuurtOpleidingSleutel,
  leesBuurtSleutel,
  type OpAfstand,
} from '@duaal-graph/subgraph-toolkit';
import type { VacaturesContext } from './context.ts';
import type { Vacature } from './vacature.ts';
import type { Afgeleid } from './vacatureindex.ts';

/**
 * This subgraph's part of `inDeBuurt`: the duale vacatures within the radius,
 * by the beroepsprofiel codes the register gives each opleiding. A vacature
 * whose postcode the graph does not know lies nowhere, so in no radius.
 */

interface BuurtOpleiding {
  readonly sleutel: string;
  readonly vacatures: readonly OpAfstand<Vacature>[];
}

/** The duale vacatures of these beroepen within the radius, nearest first. */
export function dualeBinnen(
  index: Afgeleid | undefined,
  beroepen: readonly string[],
  binnen: ReadonlyMap<string, number>,
): OpAfstand<Vacature>[] {
  const gezien = new Set<string>();
  const uit: OpAfstand<Vacature>[] = [];
  for (const beroep of beroepen)
    for (const v of index?.perBeroepsprofiel.get(beroep) ?? []) {
      const afstand = v.duaal && v.nisCode ? binnen.get(v.nisCode) : undefined;
      if (afstand === undefined || gezien.has(v.id)) continue;
      gezien.add(v.id);
      uit.push({ item: v, afstand, sleutel: v.id });
    }
  return uit.sort(dichtstEerst);
}

export const buurtResolvers = {
  Buurt: {
    __resolveReference: (ref: { sleutel: string }, ctx: VacaturesContext) => {
      const vraag = leesBuurtSleutel(ref.sleutel);
      if (!vraag) return null;
      const index = ctx.lees();
      const perOpleiding = ctx.beroepen();
      const binnen = gemeentenBinnen(vraag.vertrekNisCode, vraag.km);
      // The beroepen within the radius that have a duale vacature, then the opleidingen leading to one.
      const beroepen = new Set<string>();
      for (const v of index?.gesorteerd ?? [])
        if (v.duaal && v.nisCode && binnen.has(v.nisCode)) beroepen.add(v.beroepsprofielCode);
      const codes = [...(perOpleiding ?? [])]
        .filter(
          ([code, lijst]) =>
            (!vraag.opleidingscode || code === vraag.opleidingscode) && lijst.some((b) => beroepen.has(b)),
        )
        .map(([code]) => code)
        .sort();
      return { sleutel: ref.sleutel, dualeVacatureOpleidingscodes: codes };
    },
  },
  BuurtOpleiding: {
    __resolveReference: (ref: { sleutel: string }, ctx: VacaturesContext): BuurtOpleiding | null => {
      const vraag = leesBuurtOpleidingSleutel(ref.sleutel);
      if (!vraag) return null;
      const beroepen = ctx.beroepen()?.get(vraag.opleidingscode) ?? [];
      const binnen = gemeentenBinnen(vraag.vertrekNisCode, vraag.km);
      return { sleutel: ref.sleutel, vacatures: dualeBinnen(ctx.lees(), beroepen, binnen) };
    },
    dualeVacatures: (bo: BuurtOpleiding, { first }: { first: number }) =>
      bo.vacatures
        .slice(0, controleerFirst(first))
        .map((v) => ({ vacature: v.item, afstandKm: afstandKmVoorGraaf(v.afstand) })),
  },
};
