import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  bouwSubgraaf,
  BronGebruik,
  Momentopname,
  OnderwijsregisterClient,
  startSubgraaf,
  uitMomentopnamen,
  type GestarteDienst,
  type RegisterOpleiding,
} from '@duaal-graph/domein/subgraaf';
import DataLoader from 'dataloader';
import { parse, type GraphQLSchema } from 'graphql';
import { leesConfig, type RadarConfig } from './config.ts';
import { maakResolvers, type RadarContext } from './resolvers.ts';

export { leesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface RadarSubgraaf {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<RadarContext>;
  readonly opleidingen: Momentopname<readonly RegisterOpleiding[]>;
  readonly context: () => Promise<Omit<RadarContext, 'gebruiker'>>;
}

/** Builds the subgraph: schema, Apollo server, and the snapshot of the register's opleidingen that spans the radar. */
export function maakRadar(config: RadarConfig = leesConfig()): RadarSubgraaf {
  const client = new OnderwijsregisterClient({
    basisUrl: config.onderwijsUrl,
    timeoutMs: config.partnerTimeoutMs,
  });
  const opleidingen = new Momentopname<readonly RegisterOpleiding[]>({
    bron: 'ONDERWIJS',
    laad: async () => (await client.opleidingen()).records,
    intervalMs: config.verversIntervalMs,
    log: (regel) => {
      console.warn(`radar: ${regel}`);
    },
  });
  const { schema, apollo } = bouwSubgraaf<RadarContext>(typeDefs, maakResolvers(opleidingen));
  const context = (): Promise<Omit<RadarContext, 'gebruiker'>> =>
    Promise.resolve({
      bronnen: new BronGebruik(),
      gemeenteLader: new DataLoader((sleutels: readonly string[]) =>
        Promise.resolve(sleutels.map((k) => VLAANDEREN.gemeente(k) ?? null)),
      ),
      regioLader: new DataLoader((sleutels: readonly string[]) =>
        Promise.resolve(sleutels.map((k) => VLAANDEREN.regio(k) ?? null)),
      ),
    });
  return { schema, apollo, opleidingen, context };
}

/** Starts the subgraph: the first read of the register and the listener. Port 0 picks a free port. */
export async function startRadar(
  config: RadarConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: RadarSubgraaf }> {
  const subgraaf = maakRadar(config);
  const dienst = await startSubgraaf({
    ...subgraaf,
    gegevens: uitMomentopnamen(subgraaf.opleidingen),
    poort: config.poort,
    host: config.host,
  });
  return { ...dienst, subgraaf };
}
