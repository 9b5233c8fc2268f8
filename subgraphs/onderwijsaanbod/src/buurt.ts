import {
  afstandKmVoorGraaf,
  badUserInput,
  buurtOpleidingSleutel,
  buurtSleutel,
  controleerKm,
  dichtstEerst,
  gemeentenBinnen,
  leesBuurtOpleidingSleutel,
  leesBuurtSleutel,
  vertrekVoorPostcode,
  type BuurtOpleidingVraag,
  type BuurtVraag,
  type OpAfstand,
} from '@duaal-graph/subgraph-toolkit';
import { aanbodId, type AanbodRij, type OnderwijsIndex } from './onderwijsindex.ts';
import type { OnderwijsContext } from './resolvers.ts';

/** `inDeBuurt` as this subgraph owns it: the root, the list of opleidingen and their aanbod. */

interface BuurtArgs {
  postcode: string;
  km: number;
  opleidingscode?: string | null;
  niveau?: string | null;
}

interface BuurtRef {
  sleutel: string;
  erkendeOpleidingscodes?: readonly string[];
  dualeVacatureOpleidingscodes?: readonly string[];
}

interface BuurtOpleiding {
  readonly sleutel: string;
  readonly opleidingscode: string;
  readonly aanbod: readonly OpAfstand<AanbodRij>[];
}

type Lees = (ctx: OnderwijsContext) => OnderwijsIndex | undefined;

/** The aanbod of one opleiding this school year within the radius, nearest first. */
export function aanbodBinnen(
  index: OnderwijsIndex | undefined,
  schooljaar: string,
  code: string,
  binnen: ReadonlyMap<string, number>,
): OpAfstand<AanbodRij>[] {
  const rijen = index?.aanbodPerOpleiding.get(schooljaar)?.get(code) ?? [];
  return rijen
    .flatMap((a) => {
      const afstand = binnen.get(a.vestigingsplaats.nisCode);
      return afstand === undefined ? [] : [{ item: a, afstand, sleutel: aanbodId(a) }];
    })
    .sort(dichtstEerst);
}

function buurtOpleiding(
  index: OnderwijsIndex | undefined,
  schooljaar: string,
  vraag: BuurtOpleidingVraag,
  binnen: ReadonlyMap<string, number> = gemeentenBinnen(vraag.vertrekNisCode, vraag.km),
): BuurtOpleiding {
  return {
    sleutel: buurtOpleidingSleutel(vraag),
    opleidingscode: vraag.opleidingscode,
    aanbod: aanbodBinnen(index, schooljaar, vraag.opleidingscode, binnen),
  };
}

export function maakBuurtResolvers(lees: Lees, huidigSchooljaar: string) {
  return {
    Query: {
      inDeBuurt: (_: unknown, args: BuurtArgs, ctx: OnderwijsContext) => {
        const km = controleerKm(args.km);
        const vertrek = vertrekVoorPostcode(args.postcode);
        const index = lees(ctx);
        const code = args.opleidingscode?.trim().toUpperCase() || null;
        // Without the register no code can be judged: the list will be empty and the source says why.
        if (code && index && !index.opleidingen.has(code))
          throw badUserInput('opleidingscode', `onbekende opleiding: ${args.opleidingscode ?? ''}`);
        const vraag: BuurtVraag = {
          vertrekNisCode: vertrek.nisCode,
          km,
          opleidingscode: code,
          niveau: args.niveau ?? null,
        };
        return { sleutel: buurtSleutel(vraag) };
      },
    },
    Buurt: {
      // A key no question of the graph makes names no Buurt.
      __resolveReference: (ref: BuurtRef) => (leesBuurtSleutel(ref.sleutel) ? ref : null),
      vertrek: (b: BuurtRef) => ({ nisCode: leesBuurtSleutel(b.sleutel)?.vertrekNisCode }),
      km: (b: BuurtRef) => leesBuurtSleutel(b.sleutel)?.km,
      opleidingen: (b: BuurtRef, _: unknown, ctx: OnderwijsContext): BuurtOpleiding[] => {
        const vraag = leesBuurtSleutel(b.sleutel);
        if (!vraag) return [];
        const index = lees(ctx);
        const binnen = gemeentenBinnen(vraag.vertrekNisCode, vraag.km);
        const elders = new Set([
          ...(b.erkendeOpleidingscodes ?? []),
          ...(b.dualeVacatureOpleidingscodes ?? []),
        ]);
        const lijst = [...(index?.opleidingen.values() ?? [])]
          .filter(
            (o) =>
              (!vraag.opleidingscode || o.opleidingscode === vraag.opleidingscode) &&
              (!vraag.niveau || o.niveau === vraag.niveau),
          )
          .map((o) =>
            buurtOpleiding(
              index,
              huidigSchooljaar,
              { vertrekNisCode: vraag.vertrekNisCode, km: vraag.km, opleidingscode: o.opleidingscode },
              binnen,
            ),
          )
          .filter((bo) => bo.aanbod.length > 0 || elders.has(bo.opleidingscode));
        const dichtste = (bo: BuurtOpleiding) => bo.aanbod[0]?.afstand;
        return lijst.sort((x, y) => {
          const a = dichtste(x);
          const c = dichtste(y);
          if (a === undefined || c === undefined)
            return (a === undefined ? 1 : 0) - (c === undefined ? 1 : 0) || bytes(x, y);
          return afstandKmVoorGraaf(a) - afstandKmVoorGraaf(c) || bytes(x, y);
        });
      },
    },
    BuurtOpleiding: {
      __resolveReference: (ref: { sleutel: string }, ctx: OnderwijsContext) => {
        const vraag = leesBuurtOpleidingSleutel(ref.sleutel);
        return vraag ? buurtOpleiding(lees(ctx), huidigSchooljaar, vraag) : null;
      },
      opleiding: (bo: BuurtOpleiding, _: unknown, ctx: OnderwijsContext) =>
        ctx.opleidingLader.load(bo.opleidingscode),
      aanbod: (bo: BuurtOpleiding) =>
        bo.aanbod.map((a) => ({ aanbod: a.item, afstandKm: afstandKmVoorGraaf(a.afstand) })),
    },
  };
}

function bytes(x: BuurtOpleiding, y: BuurtOpleiding): number {
  return x.opleidingscode < y.opleidingscode ? -1 : x.opleidingscode > y.opleidingscode ? 1 : 0;
}
