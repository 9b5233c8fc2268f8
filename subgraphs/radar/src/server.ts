import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  BronGebruik,
  bronnenPlugin,
  Momentopname,
  OnderwijsregisterClient,
  startDienst,
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
  readonly context: () => Promise<RadarContext>;
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
  // buildSubgraphSchema types resolvers with an unknown context; ours always gets a RadarContext from `context` below.
  const resolvers = maakResolvers(opleidingen) as unknown as GraphQLResolverMap<unknown>;
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  const apollo = new ApolloServer<RadarContext>({
    schema,
    plugins: [bronnenPlugin(), ApolloServerPluginInlineTraceDisabled()],
  });
  const context = (): Promise<RadarContext> =>
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

/** Starts the subgraph: the first read of the register, then the listener. Port 0 picks a free port. */
export async function startRadar(
  config: RadarConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: RadarSubgraaf }> {
  const subgraaf = maakRadar(config);
  const gelezen = subgraaf.opleidingen.start();
  const dienst = await startDienst({
    apollo: subgraaf.apollo,
    context: subgraaf.context,
    gereed: () => subgraaf.opleidingen.data !== undefined,
    toestand: () => [subgraaf.opleidingen.status()],
    poort: config.poort,
    host: config.host,
  });
  await gelezen;
  return {
    ...dienst,
    subgraaf,
    stop: async () => {
      subgraaf.opleidingen.stop();
      await dienst.stop();
    },
  };
}
