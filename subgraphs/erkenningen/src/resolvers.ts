import { normaliseerOndernemingsnummer, normaliseerVestigingsnummer } from '@duaal-graph/domein';
import {
  connection,
  DateScalar,
  DateTimeScalar,
  entityWith,
  gepeildeTellingen,
  type MetGepeild,
} from '@duaal-graph/subgraph-toolkit';
import type { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { buurtResolvers } from './buurt.ts';
import { kandidaatResolvers } from './kandidaatresolvers.ts';
import { type ErkenningenContext } from './context.ts';
import { celVanRadar, regioTotaalResolvers } from './radarcel.ts';
import { reconstructieResolvers } from './reconstructie.ts';
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
import { kboGegevens, kboVestiging, sectorenVanNace, type KboGegevens } from './kbo/gegevens.ts';
import type { KboOverzicht } from './kbo/weergave.ts';
import { erkendOp, SECTOREN, type Erkenning, type ErkenningStatus, type Sector } from './model.ts';
import { kiesNaam } from './naam.ts';
import { ondernemingenOpNaam, type OndernemingRegel } from './ondernemingslijst.ts';

interface OndernemingFilter {
  sector?: Sector | null;
  opleidingscode?: string | null;
  nisCode?: string | null;
  regioCode?: string | null;
  status?: ErkenningStatus | null;
  naamBevat?: string | null;
  sectorKandidaat?: Sector | null;
  zonderErkenning?: boolean | null;
}

/** An onderneming as this subgraph resolves it, with the name the vacatures subgraph gave (`@requires`). */
type OndernemingOuder = OndernemingInfo & { readonly vacatureNaam?: string | null };

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
  const sector = f.sector ?? f.sectorKandidaat;
  const index = ctx.lees(sector ? [sector] : SECTOREN);
  const register = ctx.kbo();
  const naamPast = (r: OndernemingRegel) =>
    !naam || (r.naam?.toLocaleLowerCase('nl').includes(naam) ?? false);
  const alle = ondernemingenOpNaam(index, register);
  const prospectie =
    (f.sectorKandidaat !== undefined && f.sectorKandidaat !== null) ||
    (f.zonderErkenning !== undefined && f.zonderErkenning !== null);
  const lijst = prospectie
    ? prospecten(ctx, index, register, alle, f, { nis, regio, code }).filter(naamPast)
    : alle.filter(
        (r) => naamPast(r) && r.info.erkenningen.some((e) => voldoet(index, e, f, code, nis, regio)),
      );
  return connection(
    lijst.map((r) => r.info),
    args.first,
    args.after,
  );
}

/**
 * The prospecting filter (contract part 2, "The company register"): companies
 * whose MAIN activity falls in `sectorKandidaat` by kbo.md's table (active
 * ones), and with `zonderErkenning` those without a geldig erkenning of that
 * sector (of any sector without `sectorKandidaat`). Here `nisCode` and
 * `regioCode` say where the company lies (its seat or a vestigingseenheid in
 * the register, or a vestiging of its erkenningen), and the erkenning
 * conditions (`sector`, `opleidingscode`, `status`) apply only when `sector`
 * or `opleidingscode` is given, since a prospect typically has no erkenning.
 */
function prospecten(
  ctx: ErkenningenContext,
  index: ErkenningsIndex,
  register: KboOverzicht | undefined,
  alle: readonly OndernemingRegel[],
  f: OndernemingFilter,
  plaats: { nis: string | null; regio: string | null; code: string | null },
): OndernemingRegel[] {
  const { nis, regio, code } = plaats;
  // Without the register no company is a candidate of any sector: its absence is reported as PARTNER_UNAVAILABLE.
  if (f.sectorKandidaat && !register) return [];
  const datum = index.referentiedatum;
  const gebied = ctx.bestand.gebied;
  const metErkenningsvoorwaarde = Boolean(f.sector ?? code);
  const ligtGoed = (o: OndernemingInfo): boolean => {
    if (!nis && !regio) return true;
    const gemeenten = new Set(register?.gemeenten(o.ondernemingsnummer));
    for (const v of o.vestigingsnummers) {
      const p = index.vestigingen.get(v)?.plaats;
      if (p?.nisCode) gemeenten.add(p.nisCode);
    }
    for (const g of gemeenten)
      if ((!nis || g === nis) && (!regio || gebied.gemeente(g)?.regioCode === regio)) return true;
    return false;
  };
  return alle.filter(({ info }) => {
    if (
      f.sectorKandidaat &&
      (!register || register.sectorKandidaat(info.ondernemingsnummer) !== f.sectorKandidaat)
    )
      return false;
    if (f.zonderErkenning !== undefined && f.zonderErkenning !== null) {
      const erkend = info.erkenningen.some(
        (e) => (!f.sectorKandidaat || e.sector === f.sectorKandidaat) && erkendOp(e, datum),
      );
      if (erkend === f.zonderErkenning) return false;
    }
    if (metErkenningsvoorwaarde && !info.erkenningen.some((e) => voldoet(index, e, f, code, null, null)))
      return false;
    return ligtGoed(info);
  });
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

export function maakResolvers(historie: FindingsHistory) {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    ...buurtResolvers,
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
    BronRapport: { bevindingen: historie.resolver() },
    KandidaatOpleiding: kandidaatResolvers.KandidaatOpleiding,
    Onderneming: {
      ...kandidaatResolvers.Onderneming,
      // A key from another subgraph that is no valid number names no onderneming.
      __resolveReference: async (
        ref: { ondernemingsnummer: string; vacatureNaam?: string | null },
        ctx: ErkenningenContext,
      ): Promise<OndernemingOuder | null> => {
        const nummer = normaliseerOndernemingsnummer(ref.ondernemingsnummer);
        if (!nummer) return null;
        const info = await ctx.ondernemingLader.load(nummer);
        return 'vacatureNaam' in ref ? { ...info, vacatureNaam: ref.vacatureNaam ?? null } : info;
      },
      naam: (o: OndernemingOuder, _: unknown, ctx: ErkenningenContext) =>
        kiesNaam(ctx.kbo(), o.ondernemingsnummer, o, o.vacatureNaam).naam,
      naamBron: (o: OndernemingOuder, _: unknown, ctx: ErkenningenContext) =>
        kiesNaam(ctx.kbo(), o.ondernemingsnummer, o, o.vacatureNaam).naamBron,
      kbo: async (o: OndernemingInfo, _: unknown, ctx: ErkenningenContext) => {
        const register = await ctx.kboVan(o.ondernemingsnummer);
        return register ? kboGegevens(register, o.ondernemingsnummer, ctx.bestand.gebied) : null;
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
    KboGegevens: {
      sectoren: async (g: KboGegevens, _: unknown, ctx: ErkenningenContext) => {
        const register = await ctx.kboVan(g.ondernemingsnummer);
        return register ? sectorenVanNace(register, g.ondernemingsnummer) : [];
      },
      // A vestigingseenheid no erkenning names is still a Vestiging: without erkenningen and without a sector's address.
      vestigingen: async (g: KboGegevens, _: unknown, ctx: ErkenningenContext) => {
        const gevonden = await ctx.vestigingLader.loadMany(g.vestigingsnummers);
        return g.vestigingsnummers.map((vestigingsnummer, i): VestigingInfo => {
          const v = gevonden[i];
          return v && !(v instanceof Error)
            ? v
            : { vestigingsnummer, ondernemingsnummer: g.ondernemingsnummer, plaats: null, erkenningen: [] };
        });
      },
    },
    Vestiging: {
      kbo: async (v: VestigingInfo, _: unknown, ctx: ErkenningenContext) => {
        const register = await ctx.kboVan(v.vestigingsnummer);
        return register ? kboVestiging(register, v.vestigingsnummer, ctx.bestand.gebied) : null;
      },
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
    RegioTotaal: {
      ...regioTotaalResolvers,
      aantalErkendeLeerwerkplekkenOp: reconstructieResolvers.RegioTotaal,
    },
    RadarCel: {
      aantalErkendeLeerwerkplekkenOp: reconstructieResolvers.RadarCel,
      __resolveReference: async (cel: { id: string } & MetGepeild, ctx: ErkenningenContext) =>
        gepeildeTellingen(cel) ??
        entityWith(cel, { aantalErkendeLeerwerkplekken: await ctx.radarLader.load(celVanRadar(cel.id)) }),
    },
  };
}
