import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ERROR_CODES } from '../error-codes.ts';
import type { BreakerState } from '../policies.ts';
import type { Bron, BronToestand } from '../source-status.ts';

/**
 * The metrics of one service, in a registry of its own: in production a process
 * runs one service, but the end-to-end tests run them all in one process, and each
 * `/metrics` must show its own service only.
 *
 * Every label set is bounded: operation names are the caller's words, so only
 * well-formed names are kept and only the first MAX_OPERATIONS of them (the rest
 * count as `other`); no label ever holds an id, a query text or personal data.
 */
export const MAX_OPERATIONS = 100;

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What a request came to: answered in full, answered in part, answered with errors only, or refused before it ran. */
export type RequestOutcome = 'ok' | 'partial' | 'error' | 'refused';

/** One copy of partner data a service holds (a snapshot, the VDAB index), for its age and size. */
export interface CopyState {
  readonly bron: Bron;
  /** Which copy of the source, when a service holds several of one (the VDAB index and its knelpuntberoepen). */
  readonly kopie: string;
  readonly toestand: BronToestand;
  /** When the copy was last read successfully (ms); null when it never was. */
  readonly bijgewerktOpMs: number | null;
  /** Records in the copy; null when the copy does not say. */
  readonly aantal: number | null;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly requestDuration: Histogram<'operation' | 'outcome'>;
  readonly errors: Counter<'code'>;
  readonly subgraphFetches: Counter<'subgraph' | 'outcome'>;
  readonly subgraphFetchDuration: Histogram<'subgraph'>;
  readonly partnerCalls: Counter<'bron' | 'outcome'>;
  readonly partnerCallDuration: Histogram<'bron' | 'outcome'>;
  readonly partnerAttempts: Counter<'bron' | 'outcome'>;
  readonly rateLimitRefusals: Counter;
  private readonly operations = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'duaal_' });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'duaal_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, partial, error, refused)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'duaal_request_duration_seconds',
      help: 'time from a GraphQL request coming in to its answer',
      labelNames: ['operation', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'duaal_errors_total',
      help: 'errors in answers, by registered error code',
      labelNames: ['code'],
      registers,
    });
    this.subgraphFetches = new Counter({
      name: 'duaal_subgraph_fetches_total',
      help: 'fetches from the gateway to a subgraph, by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'],
      registers,
    });
    this.subgraphFetchDuration = new Histogram({
      name: 'duaal_subgraph_fetch_duration_seconds',
      help: 'time of one fetch from the gateway to a subgraph',
      labelNames: ['subgraph'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.partnerCalls = new Counter({
      name: 'duaal_partner_calls_total',
      help: 'partner calls (all attempts of one call together) by source and outcome: ok, or the reason it failed',
      labelNames: ['bron', 'outcome'],
      registers,
    });
    this.partnerCallDuration = new Histogram({
      name: 'duaal_partner_call_duration_seconds',
      help: 'time of one partner call, its retries and waits included',
      labelNames: ['bron', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.partnerAttempts = new Counter({
      name: 'duaal_partner_attempts_total',
      help: 'HTTP attempts at a partner by source and outcome: ok, or the reason the attempt failed',
      labelNames: ['bron', 'outcome'],
      registers,
    });
    this.rateLimitRefusals = new Counter({
      name: 'duaal_rate_limit_refusals_total',
      help: 'requests the gateway refused under its rate limit',
      registers,
    });
  }

  /** The operation name as a label: well-formed and among the first MAX_OPERATIONS, else `other`; none is `anonymous`. */
  operationLabel(naam: string | null | undefined): string {
    if (!naam) return 'anonymous';
    if (!OPERATION_NAME.test(naam)) return 'other';
    if (this.operations.has(naam)) return naam;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(naam);
    return naam;
  }

  /** An error code as a label: registered codes only (error-codes.ts), anything else `OTHER`. */
  static codeLabel(code: unknown): string {
    return typeof code === 'string' && code in ERROR_CODES ? code : UNREGISTERED_CODE;
  }

  /** A gauge read when scraped, for what the service knows at that moment (a breaker's state, a lag). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: (set: (labels: Partial<Record<L, string>>, waarde: number) => void) => void,
  ): void {
    const bestaand = this.registry.getSingleMetric(name);
    if (bestaand) this.registry.removeSingleMetric(name);
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        read((labels, waarde) => {
          this.set(labels, waarde);
        });
      },
    });
  }

  /** The age, record count and state of every copy of partner data the service holds, read at each scrape. */
  copies(read: () => readonly CopyState[], nu: () => number = Date.now): void {
    const labels = ['bron', 'kopie'] as const;
    this.gauge(
      'duaal_source_age_seconds',
      'seconds since the copy was last read successfully',
      labels,
      (set) => {
        for (const k of read())
          if (k.bijgewerktOpMs !== null)
            set({ bron: k.bron, kopie: k.kopie }, (nu() - k.bijgewerktOpMs) / 1000);
      },
    );
    this.gauge('duaal_source_records', 'records in the copy of the source', labels, (set) => {
      for (const k of read()) if (k.aantal !== null) set({ bron: k.bron, kopie: k.kopie }, k.aantal);
    });
    this.gauge(
      'duaal_source_state',
      'the state of each copy as the responses report it (1 for the current state)',
      ['bron', 'kopie', 'toestand'],
      (set) => {
        for (const k of read()) set({ bron: k.bron, kopie: k.kopie, toestand: k.toestand }, 1);
      },
    );
  }

  /** The Prometheus text of every metric of this service. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The states a circuit breaker reports, as numbers a dashboard can plot: closed 0, half open 1, open 2. */
/** The label of a code outside the registry: a bounded label set, whatever a subgraph sends. */
const UNREGISTERED_CODE = 'OTHER';

const BREAKER_STATES: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** The breaker of a partner, read at each scrape: the hook for the Kazi circuit breaker. */
export function breakerGauge(metrics: ServiceMetrics, bron: Bron, state: () => BreakerState): void {
  metrics.gauge(
    `duaal_breaker_state`,
    'circuit breaker of a partner: 0 closed, 1 half open, 2 open',
    ['bron'],
    (set) => {
      set({ bron }, BREAKER_STATES[state()]);
    },
  );
}

/** Hits and misses of a cache, read at each scrape: the hook for the response cache. */
export function cacheCounters(
  metrics: ServiceMetrics,
  cache: string,
  read: () => { readonly hits: number; readonly misses: number },
): void {
  metrics.gauge(
    'duaal_cache_lookups',
    'lookups in a cache since start, by cache and result',
    ['cache', 'result'],
    (set) => {
      const { hits, misses } = read();
      set({ cache, result: 'hit' }, hits);
      set({ cache, result: 'miss' }, misses);
    },
  );
}
