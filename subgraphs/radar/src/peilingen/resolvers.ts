import {
  DateScalar,
  DateTimeScalar,
  forbidden,
  type WithCaller,
  type WithSources,
} from '@duaal-graph/subgraph-toolkit';
import type { Provincie } from '@duaal-graph/domein';
import type { PeilingDienst } from './dienst.ts';
import { indicatoren, type IndicatorPunt } from './indicatoren.ts';
import type { Peiling, PeilingOpslag } from './opslag.ts';

/** The store is opened at start: until then there is no history to answer from. */
export interface PeilingBronnen {
  readonly opslag: () => PeilingOpslag;
  readonly dienst: () => PeilingDienst;
}

export function peilingResolvers(bronnen: PeilingBronnen) {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      // The store changes with every measurement, under no source's version: never kept by the gateway's cache.
      peilingen: (_: unknown, __: unknown, ctx: WithSources): Promise<Peiling[]> => {
        ctx.bronnen.meldOpslag();
        return bronnen.opslag().lijst();
      },
      indicatoren: (
        _: unknown,
        vraag: { provincie: Provincie; regioCode?: string | null; van: string; tot: string },
        ctx: WithSources,
      ): Promise<IndicatorPunt[]> => {
        ctx.bronnen.meldOpslag();
        return indicatoren(bronnen.opslag(), vraag);
      },
    },
    Mutation: {
      neemPeiling: (_: unknown, __: unknown, ctx: WithCaller): Promise<Peiling> => {
        const g = ctx.gebruiker;
        if (g.soort !== 'aangemeld' || g.rol !== 'beheerder') throw forbidden('neemPeiling');
        return bronnen.dienst().neem();
      },
    },
  };
}
