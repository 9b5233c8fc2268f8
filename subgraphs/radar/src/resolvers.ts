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
import { onbekendVan, signalenVan, type CelTellingen } from './signalen.ts';

export interface RadarContext extends WithCaller {
  readonly bronnen: SourceUsage;
  readonly gemeenteLader: DataLoader<string, Gemeente | null>;
  readonly regioLader: DataLoader<string, Regio | null>;
}

interface Cel {
  readonly regioCode: string;
  readonly opleidingscode: string;
}

const gebied = VLAANDEREN;

function regiosVan(provincie: Provincie | null | undefined): readonly Regio[] {
  return provincie ? gebied.regios.filter((r) => r.provincie === provincie) : gebied.regios;
}

function cellen(regios: readonly Regio[], opleidingscodes: readonly string[]): Cel[] {
  return regios.flatMap((r) =>
    opleidingscodes.map((opleidingscode) => ({ regioCode: r.code, opleidingscode })),
  );
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
        { provincie, niveau }: { provincie: Provincie; niveau?: string | null },
        ctx: RadarContext,
      ) => {
        const codes = leesOpleidingen(ctx)
          .filter((o) => !niveau || o.niveau === niveau)
          .map((o) => o.opleidingscode)
          .sort();
        return cellen(regiosVan(provincie), codes);
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
        cellen(regiosVan(provincie), [o.code]),
    },
    RadarCel: {
      __resolveReference: (cel: Cel & Partial<CelTellingen>) => cel,
      regio: (cel: Cel, _: unknown, ctx: RadarContext) => ctx.regioLader.load(cel.regioCode),
      opleiding: (cel: Cel) => ({ code: cel.opleidingscode }),
      witteVlek: (cel: CelTellingen) => signalenVan(cel).length > 0,
      signalen: (cel: CelTellingen) => signalenVan(cel),
      onbekend: (cel: CelTellingen) => onbekendVan(cel),
    },
  };
}
