import type {
  ApolloServerPlugin,
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLResponse,
} from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { OperationTypeNode, type GraphQLSchema } from 'graphql';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from '../subgraph-sources.ts';
import { ALL_SOURCES, SourceVersions, type VersionsView } from './source-versions.ts';
import { ByteBoundedLru, type CacheCounters } from './store.ts';
import { storedData } from './stored-json.ts';
import { followRequest, type RequestTrace } from './trace.ts';
import { visibilityKey } from './visibility.ts';

/** One source of one subgraph an answer used, with its fingerprint when the answer was made. */
type Dependency = readonly [subgraph: string, bron: string, fingerprint: string];

interface Entry {
  /** The answer's `data` as JSON, made once when the answer was kept (stored-json.ts). */
  readonly json: string;
  readonly deps: readonly Dependency[];
  readonly bytes: number;
}

/** A question being answered now: who else waits for its answer, and how they get it. */
interface UnderWay {
  followers: number;
  readonly answer: Promise<Entry | null>;
  readonly settle: (entry: Entry | null) => void;
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
  /** Questions being answered now, by key: the same question asked meanwhile waits for that answer. */
  private readonly underWay = new Map<string, UnderWay>();

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

  /**
   * Forgets every answer and every question seen once, as a new gateway would
   * start: the e2e tests hand one running system to several test files.
   */
  clear(): void {
    this.store.clear();
    this.gezien = new Set();
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

  /** The answer as an entry, or null when it may not be kept (see the class). */
  private entryFor(
    trace: RequestTrace,
    begin: VersionsView,
    rc: GraphQLRequestContextWillSendResponse<GatewayContext>,
  ): Entry | null {
    if (rc.operation?.operation !== OperationTypeNode.QUERY) return null;
    const body = rc.response.body;
    if (body.kind !== 'single') return null;
    const { data, errors } = body.singleResult;
    if ((errors?.length ?? 0) > 0 || data === null || data === undefined) return null;
    if (trace.live || trace.failed || trace.used.size === 0) return null;
    const nu = this.versions.current();
    const deps: Dependency[] = [];
    for (const [subgraph, bronnen] of trace.used) {
      for (const bron of bronnen.size > 0 ? bronnen : [ALL_SOURCES]) {
        const voor = begin.get(subgraph)?.perBron.get(bron)?.fingerprint;
        // A source the probe does not know, or one that changed while the answer was made: not kept.
        if (voor === undefined || nu.get(subgraph)?.perBron.get(bron)?.fingerprint !== voor) return null;
        deps.push([subgraph, bron, voor]);
      }
    }
    const json = JSON.stringify(data);
    return { json, deps, bytes: Buffer.byteLength(json) + deps.length * 64 };
  }

  /**
   * Keeps the entry from the second time its question is asked: asked again
   * before (within the window of distinct questions), or by a request that
   * waited for this answer.
   */
  private keep(key: string, entry: Entry, followers: number): void {
    if (followers === 0 && !this.gezien.has(key)) {
      if (this.gezien.size >= SEEN_WINDOW) this.gezien = new Set();
      this.gezien.add(key);
      return;
    }
    this.gezien.delete(key);
    this.store.set(key, entry);
  }

  /** A hit as Apollo's response: the kept bytes over HTTP, parsed for an in-process `executeOperation`. */
  private serve(
    entry: Entry,
    rc: GraphQLRequestContextResponseForOperation<GatewayContext>,
    view: VersionsView,
  ): GraphQLResponse {
    this.store.counters.hits += 1;
    replaySources(entry, view, rc.contextValue.bronnen);
    const data =
      rc.request.http === undefined
        ? (JSON.parse(entry.json) as Record<string, unknown>)
        : storedData(entry.json);
    return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
  }

  /**
   * The answer of the same question under way, when it could be kept and is
   * still valid; null when this request must ask for its own.
   */
  private async follow(
    underWay: UnderWay,
    rc: GraphQLRequestContextResponseForOperation<GatewayContext>,
  ): Promise<GraphQLResponse | null> {
    underWay.followers += 1;
    const entry = await underWay.answer;
    const view = this.versions.current();
    if (!entry || !valid(entry, view)) return null;
    this.store.counters.shared += 1;
    return this.serve(entry, rc, view);
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
        let leads: UnderWay | null = null;
        return Promise.resolve({
          responseForOperation: async (rc) => {
            if (rc.operation.operation !== OperationTypeNode.QUERY) return null;
            const sleutel = [
              this.schemaId(rc.schema),
              visibilityKey(rc.contextValue.gebruiker),
              rc.queryHash,
              rc.operationName ?? '',
              JSON.stringify(rc.request.variables ?? {}),
            ].join('\u0000');
            key = sleutel;
            begin = this.versions.current();
            const entry = this.store.get(sleutel);
            if (entry && valid(entry, begin)) return this.serve(entry, rc, begin);
            if (entry) {
              this.store.delete(sleutel);
              this.store.counters.invalidations += 1;
            }
            // The same question under way (50 callers asking the radar at once): one answer for all of them.
            const lopend = this.underWay.get(sleutel);
            if (lopend) {
              const gedeeld = await this.follow(lopend, rc);
              if (gedeeld) return gedeeld;
              begin = this.versions.current();
            } else {
              let settle: (entry: Entry | null) => void = () => undefined;
              const answer = new Promise<Entry | null>((resolve) => {
                settle = resolve;
              });
              leads = { followers: 0, answer, settle };
              this.underWay.set(sleutel, leads);
            }
            this.store.counters.misses += 1;
            trace = followRequest(rc.contextValue);
            return null;
          },
          willSendResponse: (rc) => {
            if (key === null || trace === null) return Promise.resolve();
            let entry: Entry | null = null;
            try {
              entry = this.entryFor(trace, begin, rc);
              if (entry) this.keep(key, entry, leads?.followers ?? 0);
              else this.store.counters.uncacheable += 1;
            } finally {
              // Whatever happened, whoever waits gets an answer: this one's, or null to ask for its own.
              if (leads) {
                this.underWay.delete(key);
                leads.settle(entry);
              }
            }
            return Promise.resolve();
          },
        });
      },
    };
  }
}
