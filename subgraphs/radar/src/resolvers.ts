import {
  normaliseerNisCode,
  normaliseerPostcode,
  VLAANDEREN,
  type Gemeente,
  type Provincie,
  type Regio,
} from '@duaal-graph/domein';
import {
  badUserInput,
  type RegisterOpleiding,
  type Snapshot,
  type SourceUsage,
  type WithCaller,
} from '@duaal-graph/subgraph-toolkit';
import type DataLoader from 'dataloader';
import {
  celVanId,
  radarCellen,
  regioCellen,
  type Cel,
  type RadarFilter,
  type RadarSchaal,
} from './cellen.ts';
import {
  past,
  signaalmatenBekend,
  vraagtSignalen,
  witteVlekkenVan,
  type SignaalFilter,
  type SignalenLezer,
} from './filter.ts';
import { onbekendVan, signalenVan, type CelTellingen, type RadarMaat } from './signalen.ts';
import {
  ALLE_NIVEAUS,
  onbekendVanTotaal,
  regioTotalen,
  totaalVanId,
  type RegioTotaal,
  type TotaalTellingen,
} from './totalen.ts';

export interface RadarContext extends WithCaller {
  readonly bronnen: SourceUsage;
  readonly gemeenteLader: DataLoader<string, Gemeente | null>;
  readonly regioLader: DataLoader<string, Regio | null>;
  /** The cells' signals as the graph shows them, asked once per question within a request (filter.ts). */
  readonly signalen: SignalenLezer;
}

const gebied = VLAANDEREN;

function regiosVan(provincie: Provincie | null | undefined): readonly Regio[] {
  return provincie ? gebied.regios.filter((r) => r.provincie === provincie) : gebied.regios;
}

/** The cells that match a filter's signal fields, in the order asked. */
async function gefilterd(
  cellen: readonly Cel[],
  filter: SignaalFilter,
  vraag: Parameters<SignalenLezer>[0],
  ctx: RadarContext,
): Promise<Cel[]> {
  if (cellen.length === 0) return [];
  const { cellen: signalen } = await ctx.signalen(vraag);
  return cellen.filter((c) => past(signalen.get(c.id), filter));
}

/** A regio's witte vlekken at scale REGIO over the opleidingen of its total's niveau; null when not known. */
async function witteVlekkenVanTotaal(
  t: RegioTotaal & TotaalTellingen,
  ctx: RadarContext,
): Promise<number | null> {
  const totaalOnbekend = onbekendVanTotaal(t);
  const provincie = gebied.regio(t.regioCode)?.provincie;
  // Not known whatever the cells say: no need to ask the graph.
  if (!provincie || !signaalmatenBekend(totaalOnbekend)) return null;
  const niveau = t.id.slice(t.id.indexOf('|') + 1);
  try {
    const antwoord = await ctx.signalen({
      provincie,
      niveau: niveau === ALLE_NIVEAUS ? null : niveau,
      per: 'REGIO',
      regioCode: null,
      nisCode: null,
      opleidingscode: null,
    });
    return witteVlekkenVan(antwoord, t.regioCode, totaalOnbekend);
  } catch {
    // The graph could not say: the count is not known, and onbekend says so.
    return null;
  }
}

export function maakResolvers(opleidingen: Snapshot<readonly RegisterOpleiding[]>) {
  const leesOpleidingen = (ctx: RadarContext): readonly RegisterOpleiding[] => {
    ctx.bronnen.meld(opleidingen.status(), opleidingen.reden());
    return opleidingen.data ?? [];
  };

  return {
    Query: {
      gemeente: (_: unknown, { nisCode }: { nisCode: string }, ctx: RadarContext) => {
        const nis = normaliseerNisCode(nisCode);
        if (!nis) throw badUserInput('nisCode', 'vijf cijfers, bv. 34022');
        return ctx.gemeenteLader.load(nis);
      },
      gemeenteVoorPostcode: (_: unknown, { postcode }: { postcode: string }) => {
        const code = normaliseerPostcode(postcode);
        if (!code) throw badUserInput('postcode', 'een Belgische postcode van vier cijfers');
        return gebied.gemeenteVoorPostcode(code) ?? null;
      },
      regio: (_: unknown, { code }: { code: string }, ctx: RadarContext) =>
        ctx.regioLader.load(code.trim().toUpperCase()),
      regios: (_: unknown, { provincie }: { provincie?: Provincie | null }) => regiosVan(provincie),
      radar: (
        _: unknown,
        vraag: {
          provincie: Provincie;
          niveau?: string | null;
          per?: RadarSchaal | null;
          filter?: (RadarFilter & SignaalFilter) | null;
        },
        ctx: RadarContext,
      ) => {
        const register = leesOpleidingen(ctx);
        const codes = register
          .filter((o) => !vraag.niveau || o.niveau === vraag.niveau)
          .map((o) => o.opleidingscode)
          .sort();
        const alleCodes = opleidingen.data ? new Set(register.map((o) => o.opleidingscode)) : null;
        const per = vraag.per ?? 'REGIO';
        const filter = vraag.filter ?? null;
        const cellen = radarCellen(gebied, { provincie: vraag.provincie, per, filter }, codes, alleCodes);
        if (!filter || !vraagtSignalen(filter)) return cellen;
        return gefilterd(
          cellen,
          filter,
          {
            provincie: vraag.provincie,
            niveau: vraag.niveau ?? null,
            per,
            regioCode: filter.regioCode ?? null,
            nisCode: filter.nisCode ?? null,
            opleidingscode: filter.opleidingscode ?? null,
          },
          ctx,
        );
      },
      regioTotalen: (
        _: unknown,
        { provincie, niveau }: { provincie: Provincie; niveau?: string | null },
        ctx: RadarContext,
      ) => regioTotalen(gebied, provincie, niveau ?? null, leesOpleidingen(ctx)),
    },
    RegioTotaal: {
      __resolveReference: (ref: { id: string } & TotaalTellingen, ctx: RadarContext) => ({
        ...ref,
        ...totaalVanId(ref.id, gebied, leesOpleidingen(ctx)),
      }),
      regio: (t: RegioTotaal, _: unknown, ctx: RadarContext) => ctx.regioLader.load(t.regioCode),
      aantalWitteVlekken: (t: RegioTotaal & TotaalTellingen, _: unknown, ctx: RadarContext) =>
        witteVlekkenVanTotaal(t, ctx),
      onbekend: async (t: RegioTotaal & TotaalTellingen, _: unknown, ctx: RadarContext) => {
        const onbekend: RadarMaat[] = onbekendVanTotaal(t);
        if ((await witteVlekkenVanTotaal(t, ctx)) === null) onbekend.push('WITTE_VLEKKEN');
        return onbekend;
      },
    },
    Gemeente: {
      __resolveReference: (ref: { nisCode: string }, ctx: RadarContext) =>
        ctx.gemeenteLader.load(ref.nisCode),
      regio: (g: Gemeente, _: unknown, ctx: RadarContext) => ctx.regioLader.load(g.regioCode),
    },
    Regio: {
      __resolveReference: (ref: { code: string }, ctx: RadarContext) => ctx.regioLader.load(ref.code),
      gemeenten: (r: Regio) =>
        [...gebied.gemeentenVanRegio(r.code)].sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
    },
    Opleiding: {
      radar: (o: { code: string }, { provincie }: { provincie: Provincie }) =>
        regioCellen(regiosVan(provincie), [o.code]),
    },
    RadarCel: {
      __resolveReference: (ref: { id: string } & Partial<CelTellingen>) => ({
        ...ref,
        ...celVanId(ref.id, gebied),
      }),
      // Synchronous map lookups, not the loaders: a gemeente-scale radar of Flanders has 18,000 cells, and a
      // promise per cell and field is most of what its root fetch costs.
      regio: (cel: Cel) => gebied.regio(cel.regioCode) ?? null,
      gemeente: (cel: Cel) => (cel.nisCode === null ? null : (gebied.gemeente(cel.nisCode) ?? null)),
      opleiding: (cel: Cel) => ({ code: cel.opleidingscode }),
      witteVlek: (cel: CelTellingen) => signalenVan(cel).length > 0,
      signalen: (cel: CelTellingen) => signalenVan(cel),
      onbekend: (cel: CelTellingen) => onbekendVan(cel),
    },
  };
}
