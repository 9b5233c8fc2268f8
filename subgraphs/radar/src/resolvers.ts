import {
  normaliseerNisCode,
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
import { onbekendVan, signalenVan, type CelTellingen } from './signalen.ts';
import {
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
}

const gebied = VLAANDEREN;

function regiosVan(provincie: Provincie | null | undefined): readonly Regio[] {
  return provincie ? gebied.regios.filter((r) => r.provincie === provincie) : gebied.regios;
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
        const code = postcode.trim();
        if (!/^[1-9]\d{3}$/.test(code))
          throw badUserInput('postcode', 'een Belgische postcode van vier cijfers');
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
          filter?: RadarFilter | null;
        },
        ctx: RadarContext,
      ) => {
        const register = leesOpleidingen(ctx);
        const codes = register
          .filter((o) => !vraag.niveau || o.niveau === vraag.niveau)
          .map((o) => o.opleidingscode)
          .sort();
        const alleCodes = opleidingen.data ? new Set(register.map((o) => o.opleidingscode)) : null;
        return radarCellen(
          gebied,
          { provincie: vraag.provincie, per: vraag.per ?? 'REGIO', filter: vraag.filter ?? null },
          codes,
          alleCodes,
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
      onbekend: (t: TotaalTellingen) => onbekendVanTotaal(t),
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
      regio: (cel: Cel, _: unknown, ctx: RadarContext) => ctx.regioLader.load(cel.regioCode),
      gemeente: (cel: Cel, _: unknown, ctx: RadarContext) =>
        cel.nisCode === null ? null : ctx.gemeenteLader.load(cel.nisCode),
      opleiding: (cel: Cel) => ({ code: cel.opleidingscode }),
      witteVlek: (cel: CelTellingen) => signalenVan(cel).length > 0,
      signalen: (cel: CelTellingen) => signalenVan(cel),
      onbekend: (cel: CelTellingen) => onbekendVan(cel),
    },
  };
}
