import { leesKandidaatSleutel } from '@duaal-graph/subgraph-toolkit';
import type { ErkenningenContext } from './context.ts';
import type { OndernemingInfo } from './erkenningsindex.ts';
import { kboGegevens, kboVestiging, sectorenVanNace } from './kbo/gegevens.ts';
import {
  kandidaten,
  plaatsenVanOnderneming,
  sectorenVanOnderneming,
  type KboPlaatsen,
} from './kandidaten.ts';
import { SECTOREN, type Sector } from './model.ts';

/**
 * This subgraph's part of `Onderneming.kandidaatOpleidingen` ("maximaal
 * duaal"): which opleidingen are candidates and where the company lies, as
 * @inaccessible fields the list owner (matching) requires, and the sectors
 * of each candidate. Both follow the caller's view of the erkenningen, as
 * `Onderneming.erkenningen` does; the register's facts are public.
 */

const GEEN_KBO: KboPlaatsen = { vestigingen: new Map(), zetel: null };

/** Read from the store with the other ondernemingen of the request (`kboVan`). */
async function kboPlaatsen(ctx: ErkenningenContext, nummer: string): Promise<KboPlaatsen> {
  const register = await ctx.kboVan(nummer);
  if (!register) return GEEN_KBO;
  const gebied = ctx.bestand.gebied;
  const gegevens = kboGegevens(register, nummer, gebied);
  if (!gegevens) return GEEN_KBO;
  return {
    vestigingen: new Map(
      gegevens.vestigingsnummers.map((v) => [
        v,
        kboVestiging(register, v, gebied)?.adres?.gemeente?.nisCode ?? null,
      ]),
    ),
    zetel: gegevens.zetel?.gemeente?.nisCode ?? null,
  };
}

export const kandidaatResolvers = {
  Onderneming: {
    kandidaatPlaatsen: async (o: OndernemingInfo, _: unknown, ctx: ErkenningenContext) =>
      plaatsenVanOnderneming(o, ctx.lees(), await kboPlaatsen(ctx, o.ondernemingsnummer)),
    kandidaatOpleidingscodes: async (o: OndernemingInfo, _: unknown, ctx: ErkenningenContext) => {
      const index = ctx.lees();
      const register = await ctx.kboVan(o.ondernemingsnummer);
      const nace = register ? sectorenVanNace(register, o.ondernemingsnummer) : [];
      // Which opleidingen a sector can recognise is the onderwijs register's word (its paritaire comités).
      const bronnen = ctx.bestand.register.data?.erkenningsbronnen ?? new Map<string, readonly Sector[]>();
      return kandidaten(o, sectorenVanOnderneming(o, nace), bronnen, index.referentiedatum).map(
        (k) => k.opleidingscode,
      );
    },
  },
  KandidaatOpleiding: {
    // A key no question of the graph makes names no KandidaatOpleiding.
    __resolveReference: (ref: { sleutel: string }) => {
      const vraag = leesKandidaatSleutel(ref.sleutel);
      return vraag ? { sleutel: ref.sleutel, opleidingscode: vraag.opleidingscode } : null;
    },
    sectoren: (k: { opleidingscode: string }, _: unknown, ctx: ErkenningenContext) => {
      ctx.bronnen.meld(ctx.bestand.register.status(), ctx.bestand.register.reden());
      const bronnen = ctx.bestand.erkenningsbronnen(k.opleidingscode);
      return SECTOREN.filter((s) => bronnen.includes(s));
    },
  },
};
