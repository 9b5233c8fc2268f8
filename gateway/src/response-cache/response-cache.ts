import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { OperationTypeNode, type GraphQLSchema } from 'graphql';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from '../subgraph-sources.ts';
import { ALL_SOURCES, SourceVersions, type VersionsView } from './source-versions.ts';
import { ByteBoundedLru, type CacheCounters } from './store.ts';
import { followRequest, type RequestTrace } from './trace.ts';
import { visibilityKey } from './visibility.ts';

/** One source of one subgraph an answer used, with its fingerprint when the answer was made. */
type Dependency = readonly [subgraph: string, bron: string, fingerprint: string];

interface Entry {
  readonly data: Record<string, unknown>;
  readonly deps: readonly Dependency[];
  readonly bytes: number;
}

export interface ResponseCacheOptions {
  /** The bound of the cache in bytes (answers counted as their JSON). */
  readonly maxBytes: number;
  /** How often the subgraphs' source versions are probed. */
  readonly probeIntervalMs: number;
  /** The subgraphs of the running supergraph, name to GraphQL URL. */
  readonly subgraphs: () => ReadonlyMap<string, string>;
  readonly dispatcher: Dispatcher;
}

/**
 * A question must be asked this often (in a window of this many distinct
 * questions) before its answer is kept: a stream of one-off questions (every
 * request another company) then costs no serialising, no memory and no
 * eviction churn.
 */
const SEEN_WINDOW = 4_096;

function valid(entry: Entry, view: VersionsView): boolean {
  for (const [subgraph, bron, fingerprint] of entry.deps)
    if (view.get(subgraph)?.perBron.get(bron)?.fingerprint !== fingerprint) return false;
  return true;
}

/**
 * `extensions.bronnen` of a served answer: the sources it used as their
 * subgraphs report them now (same data, so the latest read is when it was
 * confirmed), as the subgraphs themselves would have reported them.
 */
function replaySources(entry: Entry, view: VersionsView, bronnen: SourceUsage): void {
  for (const [subgraph, bron] of entry.deps)
    for (const status of view.get(subgraph)?.perBron.get(bron)?.statuses ?? []) bronnen.meld(status);
}

/**
 * Whole answers, kept per question (operation, variables, supergraph) and per
 * kind of caller (visibility.ts), valid while every source each used has the
 * version it had when the answer was made (source-versions.ts). An answer is
 * kept only when it is complete, is an answer to a query, read no source live
 * (Kazi's learners), and no source it used changed while it was made.
 */
export class ResponseCache {
  private readonly store: ByteBoundedLru<Entry>;
  readonly versions: SourceVersions;
  private readonly schemas = new WeakMap<GraphQLSchema, number>();
  private schemaTeller = 0;
  private gezien = new Set<string>();

  constructor(opties: ResponseCacheOptions) {
    this.store = new ByteBoundedLru<Entry>(opties.maxBytes);
    this.versions = new SourceVersions({
      subgraphs: opties.subgraphs,
      intervalMs: opties.probeIntervalMs,
      dispatcher: opties.dispatcher,
      onChange: () => {
        this.dropInvalid();
      },
    });
  }

  /** The counters: hits, misses, stores, invalidations, evictions, entries and bytes. */
  counters(): Readonly<CacheCounters> {
    return { ...this.store.counters };
  }

  start(): Promise<void> {
    return this.versions.start();
  }

  stop(): void {
    this.versions.stop();
    this.store.clear();
  }

  /** Drops what a change of sources made invalid, so that memory holds only what can still be served. */
  dropInvalid(): void {
    const view = this.versions.current();
    this.store.counters.invalidations += this.store.dropWhere((e) => !valid(e, view));
  }

  private schemaId(schema: GraphQLSchema): number {
    let id = this.schemas.get(schema);
    if (id === undefined) {
      id = ++this.schemaTeller;
      this.schemas.set(schema, id);
    }
    return id;
  }

  private keep(
    key: string,
    trace: RequestTrace,
    begin: VersionsView,
    rc: GraphQLRequestContextWillSendResponse<GatewayContext>,
  ): boolean {
    if (rc.operation?.operation !== OperationTypeNode.QUERY) return false;
    const body = rc.response.body;
    if (body.kind !== 'single') return false;
    const { data, errors } = body.singleResult;
    if ((errors?.length ?? 0) > 0 || data === null || data === undefined) return false;
    if (trace.live || trace.failed || trace.used.size === 0) return false;
    const nu = this.versions.current();
    const deps: Dependency[] = [];
    for (const [subgraph, bronnen] of trace.used) {
      for (const bron of bronnen.size > 0 ? bronnen : [ALL_SOURCES]) {
        const voor = begin.get(subgraph)?.perBron.get(bron)?.fingerprint;
        // A source the probe does not know, or one that changed while the answer was made: not kept.
        if (voor === undefined || nu.get(subgraph)?.perBron.get(bron)?.fingerprint !== voor) return false;
        deps.push([subgraph, bron, voor]);
      }
    }
    if (!this.gezien.has(key)) {
      if (this.gezien.size >= SEEN_WINDOW) this.gezien = new Set();
      this.gezien.add(key);
      return false;
    }
    this.gezien.delete(key);
    const bytes = Buffer.byteLength(JSON.stringify(data)) + deps.length * 64;
    return this.store.set(key, { data, deps, bytes });
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      serverWillStart: () =>
        Promise.resolve({
          // Answers of an older supergraph are keyed by its schema and so never served; this frees them.
          schemaDidLoadOrUpdate: () => {
            this.store.clear();
          },
        }),
      requestDidStart: () => {
        let key: string | null = null;
        let trace: RequestTrace | null = null;
        let begin: VersionsView = this.versions.current();
        return Promise.resolve({
          responseForOperation: (rc) => {
            if (rc.operation.operation !== OperationTypeNode.QUERY) return Promise.resolve(null);
            key = [
              this.schemaId(rc.schema),
              visibilityKey(rc.contextValue.gebruiker),
              rc.queryHash,
              rc.operationName ?? '',
              JSON.stringify(rc.request.variables ?? {}),
            ].join('\u0000');
            begin = this.versions.current();
            const entry = this.store.get(key);
            if (entry && valid(entry, begin)) {
              this.store.counters.hits += 1;
              replaySources(entry, begin, rc.contextValue.bronnen);
              return Promise.resolve({
                http: { headers: new HeaderMap() },
                body: { kind: 'single', singleResult: { data: entry.data } },
              });
            }
            if (entry) {
              this.store.delete(key);
              this.store.counters.invalidations += 1;
            }
            this.store.counters.misses += 1;
            trace = followRequest(rc.contextValue);
            return Promise.resolve(null);
          },
          willSendResponse: (rc) => {
            if (key !== null && trace !== null && !this.keep(key, trace, begin, rc))
              this.store.counters.uncacheable += 1;
            return Promise.resolve();
          },
        });
      },
    };
  }
}
