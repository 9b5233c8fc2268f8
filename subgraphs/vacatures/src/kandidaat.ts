import {
  gemeentenBinnenVan,
  KM_MAXIMUM,
  leesKandidaatSleutel,
  perKm,
  type KandidaatVraag,
} from '@duaal-graph/subgraph-toolkit';
import { dualeBinnen } from './buurt.ts';
import type { VacaturesContext } from './context.ts';
import { beroepscode } from './knelpunten.ts';

/**
 * This subgraph's part of `Onderneming.kandidaatOpleidingen` ("maximaal
 * duaal"): the duale vacatures near the company per candidate, once for
 * every radius so that the list owner can order at the caller's `km` (a
 * required field takes no argument), and each candidate's own counts.
 * Without VDAB read there is nothing to count: 0, and the answer reports
 * VDAB as the source that is missing, as `inDeBuurt` does.
 */

interface Kandidaten {
  readonly kandidaatPlaatsen?: readonly string[];
  readonly kandidaatOpleidingscodes?: readonly string[];
}

interface KandidaatOpleiding {
  readonly vraag: KandidaatVraag;
  readonly beroepen: readonly string[];
}

export const kandidaatResolvers = {
  Onderneming: {
    kandidaatDualeVacaturesPerKm: (o: Kandidaten, _: unknown, ctx: VacaturesContext): number[][] => {
      const codes = o.kandidaatOpleidingscodes ?? [];
      if (codes.length === 0) return [];
      const index = ctx.lees();
      const perOpleiding = ctx.beroepen();
      const binnen = gemeentenBinnenVan(o.kandidaatPlaatsen ?? [], KM_MAXIMUM);
      return codes.map((code) =>
        perKm(dualeBinnen(index, perOpleiding?.get(code) ?? [], binnen).map((v) => v.afstand)),
      );
    },
  },
  KandidaatOpleiding: {
    // A key no question of the graph makes names no KandidaatOpleiding.
    __resolveReference: (ref: { sleutel: string }, ctx: VacaturesContext): KandidaatOpleiding | null => {
      const vraag = leesKandidaatSleutel(ref.sleutel);
      return vraag ? { vraag, beroepen: ctx.beroepen()?.get(vraag.opleidingscode) ?? [] } : null;
    },
    aantalDualeVacaturesInDeBuurt: (k: KandidaatOpleiding, _: unknown, ctx: VacaturesContext) =>
      dualeBinnen(ctx.lees(), k.beroepen, gemeentenBinnenVan(k.vraag.plaatsen, k.vraag.km)).length,
    knelpunt: (k: KandidaatOpleiding, _: unknown, ctx: VacaturesContext) => {
      const lijst = ctx.knelpunten();
      return k.beroepen.some((c) => lijst?.beroepen.has(beroepscode(c)) ?? false);
    },
  },
};
