import type {
  ApolloServerPlugin,
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLResponse,
} from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { OperationTypeNode, type GraphQLSchema } from 'graphql';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from '../subgraph-sources.ts';
import { RawRoutes } from './raw-routes.ts';
import { ALL_SOURCES, SourceVersions, type VersionsView } from './source-versions.ts';
import { ByteBoundedLru, type CacheCounters } from './store.ts';
import { keepGzip, type KeptGzip } from './kept-gzip.ts';
import { storedData } from './stored-json.ts';
import { followRequest, type RequestTrace } from './trace.ts';
import { visibilityKey } from './visibility.ts';

/** One source of one subgraph an answer used, with its fingerprint when the answer was made. */
type Dependency = readonly [subgraph: string, bron: string, fingerprint: string];

interface Entry {
  /** The answer's `data` as JSON in UTF-8, made once when the answer was kept (stored-json.ts). */
  readonly json: Buffer;
  readonly deps: readonly Dependency[];
  /** What the entry is counted at in the cache's bound: its JSON, its gzip form once made, its dependencies. */
  bytes: number;
  /** Its gzip form (kept-gzip.ts), made at the first hit that takes gzip, then shared by every such hit. */
  gzip?: Promise<KeptGzip>;
  /** `extensions.bronnen` of a hit as JSON, made once per view of the versions (null: not served raw). */
  replay?: { readonly view: VersionsView; readonly bronnen: string | null };
}

/** A hit served in front of Apollo (fast-path.ts): the kept JSON and what the request log needs. */
export interface RawHit {
  /** The kept bytes of `data`, written as they are. */
  readonly data: Buffer;
  /** `extensions.bronnen` as JSON. */
  readonly bronnen: string;
  readonly operationName: string | null;
  readonly queryHash: string | null;
  /** The kept bytes' gzip form: made once per entry, on the first call. */
  readonly gzip: () => Promise<KeptGzip>;
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

/** The bound of the raw forms of requests kept as shortcuts to their answers (raw-routes.ts), in characters. */
const RAW_ROUTE_CHARS = 2 * 1024 * 1024;

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

/** `extensions.bronnen` of a hit as JSON; null when a source it reports is unavailable (then errors go with it). */
function replayedJson(entry: Entry, view: VersionsView): string | null {
  const bronnen = new SourceUsage();
  replaySources(entry, view, bronnen);
  return bronnen.fouten().length > 0 ? null : JSON.stringify(bronnen.lijst());
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
  private readonly rawRoutes = new RawRoutes(RAW_ROUTE_CHARS);
  /**
   * The raw form of a request (fast-path.ts), to route it once its key is known;
   * by the context's `bronnen`, which Apollo's copy of the context shares.
   */
  private readonly rawForms = new WeakMap<SourceUsage, string>();
  private latestSchema: GraphQLSchema | null = null;

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
    this.rawRoutes.clear();
  }

  /**
   * Forgets every answer and every question seen once, as a new gateway would
   * start: the e2e tests hand one running system to several test files.
   */
  clear(): void {
    this.store.clear();
    this.rawRoutes.clear();
    this.gezien = new Set();
  }

  /** Drops what a change of sources made invalid, so that memory holds only what can still be served. */
  dropInvalid(): void {
    const view = this.versions.current();
    this.store.counters.invalidations += this.store.dropWhere((e) => !valid(e, view));
  }

  /** The raw form of the request of this context: once its answer is kept or served, the form leads to it. */
  rememberRaw(context: GatewayContext, raw: string): void {
    this.rawForms.set(context.bronnen, raw);
  }

  /**
   * The kept answer of a request sent before in this raw form, when it is
   * still valid and the sources it used are all available now; null leaves
   * the request to Apollo's path, which judges it as always.
   */
  rawHit(raw: string): RawHit | null {
    const route = this.rawRoutes.get(raw);
    if (route === undefined || route.schema !== this.latestSchema) return null;
    const entry = this.store.get(route.key);
    if (!entry) return null;
    const view = this.versions.current();
    if (!valid(entry, view)) return null;
    if (entry.replay?.view !== view) entry.replay = { view, bronnen: replayedJson(entry, view) };
    const bronnen = entry.replay.bronnen;
    if (bronnen === null) return null;
    this.store.counters.hits += 1;
    return {
      data: entry.json,
      bronnen,
      operationName: route.operationName,
      queryHash: route.queryHash,
      gzip: () => this.gzipOf(route.key, entry),
    };
  }

  /**
   * The entry's gzip form, made once; counted in the cache's bound once made
   * (while it is still kept: an entry dropped meanwhile leaves with its form).
   */
  private gzipOf(key: string, entry: Entry): Promise<KeptGzip> {
    entry.gzip ??= keepGzip(entry.json).then((kept) => {
      entry.bytes += kept.deflated.length;
      this.store.grow(key, entry, kept.deflated.length);
      return kept;
    });
    return entry.gzip;
  }

  private route(key: string, rc: GraphQLRequestContextResponseForOperation<GatewayContext>): void {
    const raw = this.rawForms.get(rc.contextValue.bronnen);
    if (raw === undefined) return;
    this.rawRoutes.set(raw, {
      key,
      schema: rc.schema,
      operationName: rc.operationName ?? null,
      queryHash: rc.queryHash ?? null,
    });
  }

  private schemaId(schema: GraphQLSchema): number {
    let id = this.schemas.get(schema);
    if (id === undefined) {
      id = ++this.schemaTeller;
      this.schemas.set(schema, id);
    }
    return id;
  }

  /** The sources the answer depends on, or null when it may not be kept (see the class). */
  private dependencies(
    trace: RequestTrace,
    begin: VersionsView,
    rc: GraphQLRequestContextWillSendResponse<GatewayContext>,
  ): { readonly data: Record<string, unknown>; readonly deps: Dependency[] } | null {
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
    return { data, deps };
  }

  /**
   * An answer is kept from the second time its question is asked: asked again
   * before (within the window of distinct questions), or by a request that
   * waited for this answer. The first time only the key is noted: a one-off
   * question costs no serialising of its answer.
   */
  private askedBefore(key: string, followers: number): boolean {
    if (followers === 0 && !this.gezien.has(key)) {
      if (this.gezien.size >= SEEN_WINDOW) this.gezien = new Set();
      this.gezien.add(key);
      return false;
    }
    this.gezien.delete(key);
    return true;
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
        ? (JSON.parse(entry.json.toString('utf8')) as Record<string, unknown>)
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
          schemaDidLoadOrUpdate: ({ apiSchema }) => {
            this.latestSchema = apiSchema;
            this.store.clear();
            this.rawRoutes.clear();
          },
        }),
      requestDidStart: () => {
        let key: string | null = null;
        let trace: RequestTrace | null = null;
        let begin: VersionsView = this.versions.current();
        let leads: UnderWay | null = null;
        let asked: GraphQLRequestContextResponseForOperation<GatewayContext> | null = null;
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
            if (entry && valid(entry, begin)) {
              this.route(sleutel, rc);
              return this.serve(entry, rc, begin);
            }
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
            asked = rc;
            trace = followRequest(rc.contextValue);
            return null;
          },
          willSendResponse: (rc) => {
            if (key === null || trace === null) return Promise.resolve();
            let entry: Entry | null = null;
            try {
              const answer = this.dependencies(trace, begin, rc);
              if (!answer) this.store.counters.uncacheable += 1;
              else if (this.askedBefore(key, leads?.followers ?? 0)) {
                const json = Buffer.from(JSON.stringify(answer.data), 'utf8');
                entry = { json, deps: answer.deps, bytes: json.length + answer.deps.length * 64 };
                if (this.store.set(key, entry) && asked) this.route(key, asked);
                // This answer is written from the kept bytes too, not serialised a second time (stored-json.ts).
                if (rc.request.http !== undefined && rc.response.body.kind === 'single')
                  rc.response.body.singleResult.data = storedData(json);
              }
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
