import { normaliseerOndernemingsnummer, normaliseerVestigingsnummer } from '@duaal-graph/domein';
import { badUserInput, connection, DateScalar, DateTimeScalar } from '@duaal-graph/subgraph-toolkit';
import type { SectorRapport } from './bestand.ts';
import { type ErkenningenContext } from './context.ts';
import { celVanRadar, regioTotaalResolvers } from './radarcel.ts';
import type { ErkenningsIndex, OndernemingInfo, VestigingInfo } from './erkenningsindex.ts';
import {
  controleerVenster,
  dagenTotVerval,
  geldig,
  selecteer,
  type ErkenningFilter,
} from './erkenningenlijst.ts';
import {
  controleerNis,
  controleerOndernemingsnummer,
  controleerRegio,
  controleerVestigingsnummer,
} from './invoer.ts';
import { erkendOp, SECTOREN, type Erkenning, type ErkenningStatus, type Sector } from './model.ts';

interface OndernemingFilter {
  sector?: Sector | null;
  opleidingscode?: string | null;
  nisCode?: string | null;
  regioCode?: string | null;
  status?: ErkenningStatus | null;
  naamBevat?: string | null;
}

interface ErkenningArgs {
  sector?: Sector | null;
  opleidingscode?: string | null;
  status?: readonly ErkenningStatus[] | null;
}

interface Pagina {
  first?: number | null;
  after?: string | null;
}

/** The erkenningen of a list that match the field arguments; an opleidingscode the register does not hold is BAD_USER_INPUT. */
function filterErkenningen(
  lijst: readonly Erkenning[],
  args: ErkenningArgs,
  ctx: ErkenningenContext,
): Erkenning[] {
  const code = args.opleidingscode ? ctx.opleidingscode(args.opleidingscode) : null;
  return lijst.filter(
    (e) =>
      (!args.sector || e.sector === args.sector) &&
      (!code || e.opleidingscode === code) &&
      (!args.status || args.status.includes(e.status)),
  );
}

/**
 * Whether one erkenning meets every erkenning condition of the filter. ERKEND
 * means erkend on the reference date, as everywhere the graph speaks of erkende leerwerkplekken.
 */
function voldoet(
  index: ErkenningsIndex,
  e: Erkenning,
  f: OndernemingFilter,
  code: string | null,
  nis: string | null,
  regio: string | null,
): boolean {
  if (f.sector && e.sector !== f.sector) return false;
  if (code && e.opleidingscode !== code) return false;
  if (f.status === 'ERKEND' ? !erkendOp(e, index.referentiedatum) : f.status && e.status !== f.status)
    return false;
  if (!nis && !regio) return true;
  const plaats = e.vestigingsnummer ? index.vestigingen.get(e.vestigingsnummer)?.plaats : undefined;
  return (!nis || plaats?.nisCode === nis) && (!regio || plaats?.regioCode === regio);
}

function ondernemingen(
  _: unknown,
  args: { filter?: OndernemingFilter | null } & Pagina,
  ctx: ErkenningenContext,
) {
  // GraphQL applies the default ERKEND only when the filter is given without status; no filter means the same.
  const f: OndernemingFilter = args.filter ?? { status: 'ERKEND' };
  const nis = f.nisCode ? controleerNis(f.nisCode) : null;
  const regio = f.regioCode ? controleerRegio(f.regioCode) : null;
  const code = f.opleidingscode ? ctx.opleidingscode(f.opleidingscode) : null;
  const naam = f.naamBevat?.trim().toLocaleLowerCase('nl');
  const index = ctx.lees(f.sector ? [f.sector] : SECTOREN);
  const lijst = index.ondernemingenOpNaam.filter(
    (o) =>
      (!naam || (o.naam?.toLocaleLowerCase('nl').includes(naam) ?? false)) &&
      o.erkenningen.some((e) => voldoet(index, e, f, code, nis, regio)),
  );
  return connection(lijst, args.first, args.after);
}

/** The root `erkenningen`: the caller's view of the index, so hidden statuses are left out without asking. */
function erkenningen(
  _: unknown,
  args: { filter?: ErkenningFilter | null } & Pagina,
  ctx: ErkenningenContext,
) {
  const f = args.filter ?? {};
  const voorwaarden = {
    sector: f.sector ?? null,
    status: f.status ?? null,
    geldig: f.geldig ?? null,
    vervaltVanaf: f.vervaltVanaf ?? null,
    vervaltTot: f.vervaltTot ?? null,
    regioCode: f.regioCode ? controleerRegio(f.regioCode) : null,
    nisCode: f.nisCode ? controleerNis(f.nisCode) : null,
    opleidingscode: f.opleidingscode ? ctx.opleidingscode(f.opleidingscode) : null,
  };
  controleerVenster(voorwaarden.vervaltVanaf, voorwaarden.vervaltTot);
  const index = ctx.lees(f.sector ? [f.sector] : SECTOREN);
  return connection(selecteer(index, voorwaarden), args.first, args.after);
}

function adres(v: VestigingInfo) {
  const p = v.plaats;
  if (!p) return null;
  return {
    straatnaam: p.straatnaam,
    huisnummer: p.huisnummer,
    postcode: p.postcode,
    gemeente: p.nisCode ? { nisCode: p.nisCode } : null,
  };
}

export function maakResolvers() {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      onderneming: (_: unknown, args: { ondernemingsnummer: string }, ctx: ErkenningenContext) =>
        ctx.ondernemingLader.load(controleerOndernemingsnummer(args.ondernemingsnummer)),
      ondernemingen,
      vestiging: (_: unknown, args: { vestigingsnummer: string }, ctx: ErkenningenContext) =>
        ctx.vestigingLader.load(controleerVestigingsnummer(args.vestigingsnummer)),
      erkenningsbronnen: (_: unknown, __: unknown, ctx: ErkenningenContext) => {
        ctx.lees();
        return SECTOREN.map((s) => ctx.bestand.rapport(s));
      },
      // The same date the index judges on: the one of this request's copy.
      referentiedatum: (_: unknown, __: unknown, ctx: ErkenningenContext) => ctx.lees([]).referentiedatum,
      erkenningen,
    },
    BronRapport: {
      bevindingen: (rapport: SectorRapport, { first }: { first: number }) => {
        if (!Number.isInteger(first) || first < 0) throw badUserInput('first', 'een natuurlijk getal');
        return rapport.alleBevindingen.slice(0, first);
      },
    },
    Onderneming: {
      // A key from another subgraph that is no valid number names no onderneming.
      __resolveReference: (ref: { ondernemingsnummer: string }, ctx: ErkenningenContext) => {
        const nummer = normaliseerOndernemingsnummer(ref.ondernemingsnummer);
        return nummer ? ctx.ondernemingLader.load(nummer) : null;
      },
      vestigingen: async (o: OndernemingInfo, _: unknown, ctx: ErkenningenContext) =>
        (await ctx.vestigingLader.loadMany(o.vestigingsnummers)).filter(
          (v): v is VestigingInfo => v !== null && !(v instanceof Error),
        ),
      erkenningen: (o: OndernemingInfo, args: ErkenningArgs, ctx: ErkenningenContext) => {
        // The list rests on the sectors it may hold: a parent found through one sector still lists them all.
        ctx.lees(args.sector ? [args.sector] : SECTOREN);
        return filterErkenningen(o.erkenningen, args, ctx);
      },
      isErkend: (o: OndernemingInfo, _: unknown, ctx: ErkenningenContext) => {
        const datum = ctx.lees().referentiedatum;
        return o.erkenningen.some((e) => erkendOp(e, datum));
      },
    },
    Vestiging: {
      __resolveReference: (ref: { vestigingsnummer: string }, ctx: ErkenningenContext) => {
        const nummer = normaliseerVestigingsnummer(ref.vestigingsnummer);
        return nummer ? ctx.vestigingLader.load(nummer) : null;
      },
      onderneming: (v: VestigingInfo, _: unknown, ctx: ErkenningenContext) =>
        ctx.ondernemingLader.load(v.ondernemingsnummer),
      adres,
      erkenningen: (v: VestigingInfo, args: ErkenningArgs, ctx: ErkenningenContext) => {
        ctx.lees();
        return filterErkenningen(v.erkenningen, args, ctx);
      },
      erkendVoor: (v: VestigingInfo, args: { opleidingscode: string }, ctx: ErkenningenContext) => {
        const code = ctx.opleidingscode(args.opleidingscode);
        const datum = ctx.lees().referentiedatum;
        return v.erkenningen.some((e) => e.opleidingscode === code && erkendOp(e, datum));
      },
    },
    Erkenning: {
      onderneming: (e: Erkenning, _: unknown, ctx: ErkenningenContext) =>
        ctx.ondernemingLader.load(e.ondernemingsnummer),
      vestiging: (e: Erkenning, _: unknown, ctx: ErkenningenContext) =>
        e.vestigingsnummer ? ctx.vestigingLader.load(e.vestigingsnummer) : null,
      opleiding: (e: Erkenning, _: unknown, ctx: ErkenningenContext) =>
        ctx.opleidingLader.load(e.opleidingscode),
      bron: (e: Erkenning, _: unknown, ctx: ErkenningenContext) => ctx.bestand.status(e.sector),
      geldig: (e: Erkenning, _: unknown, ctx: ErkenningenContext) => geldig(e, ctx.lees([]).referentiedatum),
      dagenTotVerval: (e: Erkenning, _: unknown, ctx: ErkenningenContext) =>
        dagenTotVerval(e, ctx.lees([]).referentiedatum),
    },
    Opleiding: {
      __resolveReference: (ref: { code: string }, ctx: ErkenningenContext) =>
        ctx.opleidingLader.load(ref.code),
      erkenningsbronnen: (o: { code: string }, _: unknown, ctx: ErkenningenContext) => {
        ctx.bronnen.meld(ctx.bestand.register.status(), ctx.bestand.register.reden());
        return ctx.bestand.erkenningsbronnen(o.code);
      },
      erkendeLeerwerkplekken: (
        o: { code: string },
        args: { regioCode?: string | null; nisCode?: string | null } & Pagina,
        ctx: ErkenningenContext,
      ) => {
        const regio = args.regioCode ? controleerRegio(args.regioCode) : null;
        const nis = args.nisCode ? controleerNis(args.nisCode) : null;
        const plekken = (ctx.lees().erkendePlekken.get(o.code) ?? []).filter(
          (v) => (!regio || v.plaats?.regioCode === regio) && (!nis || v.plaats?.nisCode === nis),
        );
        return connection(plekken, args.first, args.after);
      },
    },
    RegioTotaal: regioTotaalResolvers,
    RadarCel: {
      __resolveReference: async (cel: { id: string }, ctx: ErkenningenContext) => ({
        ...cel,
        aantalErkendeLeerwerkplekken: await ctx.radarLader.load(celVanRadar(cel.id)),
      }),
    },
  };
}
