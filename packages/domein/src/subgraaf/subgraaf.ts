import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { bronnenPlugin, type BronStatus, type MetBronnen } from './bronnen.ts';
import { startDienst, type GestarteDienst } from './dienst.ts';

/** The partner data a subgraph answers from: read at start, refreshed until stop. */
export interface Gegevens {
  start(): Promise<void>;
  stop(): void;
  /** Whether the subgraph can answer queries (`/ready`). */
  gereed(): boolean;
  toestand(): BronStatus[];
}

/** What `uitMomentopnamen` needs of a snapshot, whatever it holds. */
interface Opname {
  start(): Promise<void>;
  stop(): void;
  status(): BronStatus;
  readonly data: unknown;
}

/** Snapshots as a subgraph's data: ready once every one of them holds a copy. */
export function uitMomentopnamen(...momentopnamen: Opname[]): Gegevens {
  return {
    start: async () => {
      await Promise.all(momentopnamen.map((m) => m.start()));
    },
    stop: () => {
      for (const m of momentopnamen) m.stop();
    },
    gereed: () => momentopnamen.every((m) => m.data !== undefined),
    toestand: () => momentopnamen.map((m) => m.status()),
  };
}

/** Schema and Apollo server of a subgraph, with the plugins every subgraph has. */
export function bouwSubgraaf<C extends BaseContext & MetBronnen>(
  typeDefs: DocumentNode,
  resolvers: object,
): { schema: GraphQLSchema; apollo: ApolloServer<C> } {
  // buildSubgraphSchema types resolvers with an unknown context; ours always get the context the listener builds.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  // Inline tracing only serves Apollo's hosted usage reporting, which the graph does not use.
  const apollo = new ApolloServer<C>({
    schema,
    plugins: [bronnenPlugin<C>(), ApolloServerPluginInlineTraceDisabled()],
  });
  return { schema, apollo };
}

/** Starts a subgraph: its first reads and its listener together; `stop` ends both. Port 0 picks a free port. */
export async function startSubgraaf<C extends BaseContext>(opties: {
  readonly apollo: ApolloServer<C>;
  readonly context: () => Promise<C>;
  readonly gegevens: Gegevens;
  readonly poort: number;
  readonly host: string;
}): Promise<GestarteDienst> {
  const { gegevens } = opties;
  const gelezen = gegevens.start();
  const dienst = await startDienst({
    apollo: opties.apollo,
    context: opties.context,
    gereed: () => gegevens.gereed(),
    toestand: () => gegevens.toestand(),
    poort: opties.poort,
    host: opties.host,
  });
  await gelezen;
  return {
    url: dienst.url,
    stop: async () => {
      gegevens.stop();
      await dienst.stop();
    },
  };
}
