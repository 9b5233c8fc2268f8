import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { sourcesPlugin, type BronStatus, type WithSources } from './source-status.ts';
import { guardServiceField, noteCompositionCaller, readCompositionToken } from './composition.ts';
import { startListener, type RunningService } from './listener.ts';
import { readCostDirectives } from './operation-limits/list-sizes.ts';
import { operationLimitsPlugin } from './operation-limits/plugin.ts';
import { readOperationLimits, type OperationLimits } from './operation-limits/settings.ts';
import { formatRegisteredError, registeredStatusPlugin } from './error-format.ts';
import { validateRepresentations } from './representations.ts';
import { readAccessConfig, type AccessConfig } from './access/config.ts';
import { applyAccessRules, type WithCaller } from './access/directive.ts';
import type { Gebruiker } from './access/caller.ts';
import { makeVerifier } from './access/verification.ts';
import type { CopyState } from './observability/metrics.ts';
import { observabilityPlugin } from './observability/plugin.ts';
import { currentTelemetry, type Telemetry } from './observability/scope.ts';

/** The partner data a subgraph answers from: read at start, refreshed until stop. */
export interface SubgraphData {
  start(): Promise<void>;
  /** May finish asynchronously: a store to close, a lease to give back. */
  stop(): void | Promise<void>;
  /** Whether the subgraph can answer queries (`/ready`). */
  gereed(): boolean;
  toestand(): BronStatus[];
  /** Each copy of partner data held, for its age and record count in `/metrics`; by default from `toestand`. */
  kopieen?(): CopyState[];
}

/** The copies a subgraph holds, from what it reports when it does not say more. */
export function copiesOf(data: SubgraphData): CopyState[] {
  if (data.kopieen) return data.kopieen();
  return data.toestand().map((s) => ({
    bron: s.bron,
    kopie: s.bron.toLowerCase(),
    toestand: s.toestand,
    bijgewerktOpMs: s.bijgewerktOp === null ? null : Date.parse(s.bijgewerktOp),
    aantal: null,
  }));
}

/** What `fromSnapshots` needs of a snapshot, whatever it holds. */
interface SnapshotLike {
  start(): Promise<void>;
  stop(): void;
  status(): BronStatus;
  kopie(): CopyState;
  readonly data: unknown;
  /** Which copy it holds (Snapshot.versie); absent where a copy does not tell. */
  readonly versie?: string;
}

/**
 * A copy's state as `/ready` lists it: its status and which copy it holds, so
 * that the gateway learns of new data within its probe interval (its response cache).
 */
export function readyState(copy: Pick<SnapshotLike, 'status' | 'versie'>): BronStatus & { versie?: string } {
  return copy.versie === undefined ? copy.status() : { ...copy.status(), versie: copy.versie };
}

/** Snapshots as a subgraph's data: ready once every one of them holds a copy. */
export function fromSnapshots(...snapshots: SnapshotLike[]): SubgraphData {
  return {
    start: async () => {
      await Promise.all(snapshots.map((m) => m.start()));
    },
    stop: () => {
      for (const m of snapshots) m.stop();
    },
    gereed: () => snapshots.every((m) => m.data !== undefined),
    toestand: () => snapshots.map(readyState),
    kopieen: () => snapshots.map((m) => m.kopie()),
  };
}

/**
 * Schema and Apollo server of a subgraph, with what every subgraph has: the
 * `@toegang` rules enforced, the gateway's operation limits (QUERY_MAX_*, with
 * the list sizes of the subgraph's own SDL), `extensions.bronnen`, no inline
 * tracing (it only serves Apollo's hosted usage reporting, which the graph does
 * not use), `_entities` representations checked against the SDL, `_service`
 * only for composition, the error registry's rules and statuses, and in
 * production no introspection, no "Did you mean" suggestions and no stack traces.
 */
export function buildSubgraph<C extends BaseContext & WithSources & WithCaller>(
  typeDefs: DocumentNode,
  resolvers: object,
  options: {
    readonly production?: boolean;
    readonly limits?: OperationLimits;
    readonly telemetry?: Telemetry;
  } = {},
): { schema: GraphQLSchema; apollo: ApolloServer<C> } {
  // buildSubgraphSchema types resolvers with an unknown context; ours always get the context the listener builds.
  const schema = applyAccessRules(
    buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
  );
  validateRepresentations(schema, typeDefs);
  guardServiceField(schema);
  const productie = options.production ?? process.env['NODE_ENV'] === 'production';
  const limits = options.limits ?? readOperationLimits(process.env);
  const costDirectives = readCostDirectives(typeDefs);
  const apollo = new ApolloServer<C>({
    schema,
    plugins: [
      // First: a refused operation runs no other plugin's work.
      operationLimitsPlugin<C>({ limits, costDirectives: () => costDirectives }),
      sourcesPlugin<C>(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints: the gateway keeps whole answers by their sources' versions, never by hints. Apollo's
      // default plugin would wrap every field's resolver, which a radar of 18,000 cells pays per field.
      ApolloServerPluginCacheControlDisabled(),
      registeredStatusPlugin<C>(),
      // Request lines of a subgraph are debug: the gateway's line, with the same request id, is the one kept.
      observabilityPlugin<C>(options.telemetry ?? currentTelemetry(), { logRequests: false }),
    ],
    parseOptions: { maxLexicalTokens: limits.tokens },
    // The process's end is closeOnTerm's (drain, close the store, exit). Apollo's own SIGTERM handler would
    // stop the server beside it, and a second stop() during the first never returns (@apollo/server 5.5
    // resolves its barrier only on failure): the drain hung after 'gestopt na drain' until a SIGKILL.
    stopOnTerminationSignals: false,
    introspection: !productie,
    hideSchemaDetailsFromClientErrors: productie,
    includeStacktraceInErrorResponses: !productie,
    formatError: (fout) => formatRegisteredError(fout, { production: productie }),
  });
  return { schema, apollo };
}

/**
 * Starts a subgraph: its first reads and its listener together; `stop` ends both.
 * Every request's token is verified here, by the subgraph itself: the rules hold
 * whichever router is in front. Port 0 picks a free port.
 */
export async function startSubgraph<C extends BaseContext & WithCaller>(opties: {
  readonly apollo: ApolloServer<C>;
  /**
   * The subgraph's own part of the request context, given the verified caller
   * (for what the subgraph must shape by who asks); the caller is added here.
   */
  readonly context: (gebruiker: Gebruiker) => Promise<Omit<C, 'gebruiker'>>;
  readonly subgraphData: SubgraphData;
  readonly poort: number;
  readonly host: string;
  /** The largest request body read; the listener's default when not given. */
  readonly maxBodyBytes?: number;
  readonly toegang?: AccessConfig;
  /** The credential for `_service` (COMPOSITION_TOKEN); null closes it to everyone. */
  readonly compositionToken?: string | null;
  readonly telemetry?: Telemetry;
}): Promise<RunningService> {
  const { subgraphData } = opties;
  const verify = makeVerifier(opties.toegang ?? readAccessConfig());
  const compositionToken =
    opties.compositionToken === undefined ? readCompositionToken() : opties.compositionToken;
  const telemetry = opties.telemetry ?? currentTelemetry();
  telemetry.metrics.copies(() => copiesOf(subgraphData));
  const gelezen = subgraphData.start();
  const dienst = await startListener({
    telemetry,
    apollo: opties.apollo,
    context: async (req) => {
      const gebruiker = await verify(req.headers.authorization);
      const context = { ...(await opties.context(gebruiker)), gebruiker } as C;
      noteCompositionCaller(context, req, compositionToken);
      return context;
    },
    gereed: () => subgraphData.gereed(),
    toestand: () => subgraphData.toestand(),
    poort: opties.poort,
    host: opties.host,
    ...(opties.maxBodyBytes === undefined ? {} : { maxBodyBytes: opties.maxBodyBytes }),
  });
  await gelezen;
  return {
    url: dienst.url,
    stop: async () => {
      await subgraphData.stop();
      await dienst.stop();
    },
    drain: async (graceMs) => {
      await dienst.drain(graceMs);
      // Requests in flight are done: give leases back and close the store before the process exits.
      await subgraphData.stop();
    },
  };
}
