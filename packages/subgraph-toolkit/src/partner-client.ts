import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { RateLimiter } from './rate-limiter.ts';
import type { Bron, Reden } from './source-status.ts';
import {
  CallPolicies,
  CircuitOpen,
  CredentialsRefused,
  DeadlineExceeded,
  type BackoffOptions,
  type BreakerOptions,
  type BreakerState,
} from './policies.ts';
import { currentTelemetry, type Telemetry } from './observability/scope.ts';
import { inSpan } from './observability/tracing.ts';

/** A partner call that failed, in the graph's terms: which source, and why. */
export class PartnerError extends Error {
  constructor(
    readonly bron: Bron,
    readonly reden: Reden,
    boodschap: string,
    readonly status?: number,
    /** The partner's `Retry-After`, in milliseconds, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${bron}: ${boodschap}`);
    this.name = 'PartnerError';
  }
}

export interface PartnerResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly tekst: string;
}

export interface PartnerRequest {
  readonly methode?: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, or an absolute path on the partner's host (a HAL link). */
  readonly pad: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Statuses besides 2xx that the caller handles itself (304, 404, 410, …). */
  readonly toegestaan?: readonly number[];
  /** Retry this call on failure; on by default for GET only: never retry a write without an idempotency key. */
  readonly herhaalbaar?: boolean;
  /** This call's credentials instead of the client's, asked again for every attempt. */
  readonly authenticatie?: PartnerClientOptions['authenticatie'];
  /** This call's deadline across its attempts instead of the client's; null for none. */
  readonly deadlineMs?: number | null;
  /** The caller's cancellation: calls still waiting for their turn are dropped, one under way is aborted. */
  readonly signal?: AbortSignal;
  /**
   * Streams a successful body into this file instead of into memory (a large
   * download: the answer's `tekst` is then empty). A retry resumes where the
   * file ends with a `Range` request, as large downloads do; a partner that
   * answers the whole body again (200) overwrites the file.
   */
  readonly naarBestand?: string;
}

export interface PartnerClientOptions {
  readonly bron: Bron;
  readonly basisUrl: string;
  /**
   * Headers every call carries (credentials); may fetch a token. Asked for every
   * attempt, and once more, given the refused ones, when `geweigerd` says the
   * partner refused them.
   */
  readonly authenticatie?: (
    geweigerd?: Record<string, string>,
  ) => Promise<Record<string, string>> | Record<string, string>;
  /** Whether an answer refuses the credentials themselves (an expired token): renewed once per call. */
  readonly geweigerd?: (antwoord: PartnerResponse) => boolean;
  /** The timeout of one attempt. */
  readonly timeoutMs?: number;
  /** One deadline across all attempts of a call, waits included: a live read costs its caller at most this. */
  readonly deadlineMs?: number;
  /** Attempts for a retryable call that fails on the way (timeout, lost connection, 5xx), the first included. */
  readonly pogingen?: number;
  /** How long one call waits out `Retry-After` pauses in all before it gives up. */
  readonly maxWachtMs?: number;
  /** The delays between attempts (the one formula of ./policies.ts). */
  readonly backoff?: BackoffOptions;
  /** Calls under way at once; unlimited by default. */
  readonly concurrency?: number;
  /** Paces the calls under a partner's rate limit; shared with every client of that limit. */
  readonly pacing?: RateLimiter;
  /** A circuit breaker for a partner read live (./policies.ts): open, it fails calls at once with CIRCUIT_OPEN. */
  readonly breaker?: BreakerOptions;
  /** Tests pass an undici MockAgent; by default the global dispatcher (which nock intercepts). */
  readonly dispatcher?: Dispatcher;
  /** Called for every HTTP call made, for counting. */
  readonly bijVerzoek?: (methode: string, pad: string) => void;
}

/** Why this client's calls are failing or held right now, and since when (ms); cleared by the next answer. */
export interface CurrentFailure {
  readonly reden: Reden;
  readonly since: number;
}

/** Maps an HTTP failure to the graph's reasons: the one place that decides what a partner's status means. */
export function errorFromResponse(bron: Bron, antwoord: PartnerResponse): PartnerError {
  const { status } = antwoord;
  const detail = `HTTP ${status}${antwoord.tekst ? `: ${antwoord.tekst.slice(0, 200)}` : ''}`;
  const wachtMs = retryAfterMs(antwoord.headers['retry-after']);
  if (status === 429) return new PartnerError(bron, 'RATE_LIMITED', detail, status, wachtMs);
  if (status === 502 || status === 503 || status === 504)
    return new PartnerError(bron, 'DOWN', detail, status, wachtMs);
  return new PartnerError(bron, 'ERROR', detail, status, wachtMs);
}

/** `Retry-After` in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(waarde: string | string[] | undefined, nu = Date.now()): number | undefined {
  const tekst = Array.isArray(waarde) ? waarde[0] : waarde;
  if (tekst === undefined || tekst.trim() === '') return undefined;
  if (/^\d+$/.test(tekst.trim())) return Number(tekst.trim()) * 1000;
  const datum = Date.parse(tekst);
  return Number.isNaN(datum) ? undefined : Math.max(0, datum - nu);
}

/** The bytes a file holds so far; 0 when it does not exist yet. */
async function bestandsgrootte(pad: string): Promise<number> {
  try {
    return (await stat(pad)).size;
  } catch {
    return 0;
  }
}

function netwerkReden(fout: unknown): { reden: Reden; boodschap: string } {
  const f = fout as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (
    f.name === 'TimeoutError' ||
    f.name === 'AbortError' ||
    f.code === 'UND_ERR_ABORTED' ||
    f.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    f.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return { reden: 'TIMEOUT', boodschap: 'geen antwoord binnen de tijd' };
  }
  return {
    reden: 'DOWN',
    boodschap: `geen verbinding (${f.code ?? f.cause?.code ?? f.message ?? 'onbekend'})`,
  };
}

/**
 * The base of every partner client: base URL, credentials, the mapping of
 * failures to the graph's error reasons, and the call policies of
 * ./policies.ts (deadline, retries honouring `Retry-After`, concurrency,
 * pacing, attempt timeout), so that every partner is called the same way.
 */
export class PartnerClient {
  readonly bron: Bron;
  private readonly basis: URL;
  private readonly policies: CallPolicies;
  private failure: CurrentFailure | null = null;
  private rateLimitedWaits = 0;
  /** The service this client calls for: its metrics count the calls (the scope it was built in). */
  private readonly telemetry: Telemetry = currentTelemetry();

  constructor(private readonly opties: PartnerClientOptions) {
    this.bron = opties.bron;
    this.basis = new URL(opties.basisUrl.endsWith('/') ? opties.basisUrl : `${opties.basisUrl}/`);
    this.policies = new CallPolicies({
      attemptTimeoutMs: opties.timeoutMs ?? 10_000,
      deadlineMs: opties.deadlineMs,
      concurrency: opties.concurrency,
      pacing: opties.pacing,
      breaker: opties.breaker,
      retry: {
        attempts: opties.pogingen ?? 3,
        maxWaitMs: opties.maxWachtMs ?? 5_000,
        ...(opties.backoff ? { backoff: opties.backoff } : {}),
      },
    });
  }

  /** Why calls are failing or held right now (RATE_LIMITED while waiting out 429s), and since when. */
  get currentFailure(): CurrentFailure | null {
    return this.failure;
  }

  /** How many 429s this client waited out. */
  get rateLimitedWaitCount(): number {
    return this.rateLimitedWaits;
  }

  /** The state of the client's circuit breaker (`closed` without one), for metrics and health. */
  get breakerState(): BreakerState {
    return this.policies.breakerState;
  }

  /** Calls `listener` on every change of the breaker's state; returns the unsubscribe. */
  onBreakerStateChange(listener: (state: BreakerState) => void): () => void {
    return this.policies.onBreakerStateChange(listener);
  }

  /** The limiter that paces this client and holds its pauses. */
  get limiter(): RateLimiter {
    return this.policies.limiter;
  }

  url(pad: string, query: PartnerRequest['query'] = {}): URL {
    const url =
      pad.startsWith('/') && pad.startsWith(this.basis.pathname)
        ? new URL(pad, this.basis.origin)
        : new URL(pad.replace(/^\//, ''), this.basis);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * One call, all its attempts included, in a span of its own (source, method
   * and outcome; each attempt's HTTP span below it), counted and timed in the
   * service's metrics by source and outcome: `ok` or the reason it failed.
   */
  async verzoek(verzoek: PartnerRequest): Promise<PartnerResponse> {
    const methode = verzoek.methode ?? 'GET';
    const begin = performance.now();
    const meet = (outcome: string) => {
      const labels = { bron: this.bron, outcome };
      this.telemetry.metrics.partnerCalls.inc(labels);
      this.telemetry.metrics.partnerCallDuration.observe(labels, (performance.now() - begin) / 1000);
    };
    const uitkomst = (fout: unknown) => (fout instanceof PartnerError ? fout.reden : 'ERROR');
    return inSpan(
      `partner ${this.bron}`,
      { 'duaal.bron': this.bron, 'http.request.method': methode },
      async () => {
        try {
          const antwoord = await this.roep(methode, verzoek);
          meet('ok');
          return antwoord;
        } catch (fout) {
          meet(uitkomst(fout));
          throw fout;
        }
      },
      uitkomst,
    );
  }

  private async roep(methode: 'GET' | 'POST' | 'PATCH', verzoek: PartnerRequest): Promise<PartnerResponse> {
    const url = this.url(verzoek.pad, verzoek.query);
    try {
      return await this.policies.run(
        {
          retryable: verzoek.herhaalbaar ?? methode === 'GET',
          deadlineMs: verzoek.deadlineMs,
          signal: verzoek.signal,
          classify: (fout) => (fout instanceof PartnerError ? fout : undefined),
          onDecision: (failure, decision) => {
            if (failure?.reden === 'RATE_LIMITED' && decision.retry) this.rateLimitedWaits += 1;
          },
        },
        {
          prepare: async (geweigerd?: Record<string, string>) =>
            (await (verzoek.authenticatie ?? this.opties.authenticatie)?.(geweigerd)) ?? {},
          send: (auth, signal) => this.eenmaal(methode, url, verzoek, auth, signal),
        },
      );
    } catch (fout) {
      if (fout instanceof CircuitOpen) {
        const gevolg = new PartnerError(
          this.bron,
          'CIRCUIT_OPEN',
          `${methode} ${url.pathname}: niet gevraagd, de bron faalde herhaaldelijk (afkoelen)`,
        );
        this.meld(gevolg);
        throw gevolg;
      }
      if (fout instanceof DeadlineExceeded) {
        const gevolg = new PartnerError(
          this.bron,
          'TIMEOUT',
          `${methode} ${url.pathname}: geen antwoord binnen ${fout.deadlineMs} ms`,
        );
        this.meld(gevolg);
        throw gevolg;
      }
      throw fout;
    }
  }

  private meld(fout: PartnerError | null): void {
    if (fout === null) this.failure = null;
    else if (this.failure?.reden !== fout.reden) this.failure = { reden: fout.reden, since: Date.now() };
  }

  /** One attempt: an answer, or a PartnerError saying why not. */
  private async eenmaal(
    methode: string,
    url: URL,
    verzoek: PartnerRequest,
    auth: Record<string, string>,
    signal: AbortSignal,
  ): Promise<PartnerResponse> {
    this.opties.bijVerzoek?.(methode, url.pathname);
    const al = verzoek.naarBestand === undefined ? 0 : await bestandsgrootte(verzoek.naarBestand);
    const bereik: Record<string, string> = al > 0 ? { range: `bytes=${al}-` } : {};
    let status: number;
    let headers: PartnerResponse['headers'];
    let body: Dispatcher.ResponseData['body'];
    try {
      const res = await request(url, {
        method: methode,
        headers: { ...auth, ...verzoek.headers, ...bereik },
        ...(verzoek.body !== undefined ? { body: verzoek.body } : {}),
        signal,
        ...(this.opties.dispatcher ? { dispatcher: this.opties.dispatcher } : {}),
      });
      ({ statusCode: status, headers, body } = res);
    } catch (fout) {
      const { reden, boodschap } = netwerkReden(fout);
      throw this.mislukt(new PartnerError(this.bron, reden, `${methode} ${url.pathname}: ${boodschap}`));
    }
    let tekst: string;
    const geslaagd = (status >= 200 && status < 300) || verzoek.toegestaan?.includes(status);
    try {
      if (verzoek.naarBestand !== undefined && geslaagd) {
        // A 206 continues the file; any other success is the whole body again.
        await pipeline(body, createWriteStream(verzoek.naarBestand, { flags: status === 206 ? 'a' : 'w' }));
        tekst = '';
      } else tekst = await body.text();
    } catch (fout) {
      // A body cut off is a broken answer; a body that does not come in time is a timeout.
      const { reden } = netwerkReden(fout);
      throw this.mislukt(
        reden === 'TIMEOUT'
          ? new PartnerError(
              this.bron,
              'TIMEOUT',
              `${methode} ${url.pathname}: antwoord niet op tijd`,
              status,
            )
          : new PartnerError(
              this.bron,
              'INVALID_RESPONSE',
              `${methode} ${url.pathname}: antwoord afgebroken`,
              status,
            ),
      );
    }
    const antwoord: PartnerResponse = { status, headers, tekst };
    if (geslaagd) {
      this.telemetry.metrics.partnerAttempts.inc({ bron: this.bron, outcome: 'ok' });
      this.meld(null);
      return antwoord;
    }
    const fout = this.mislukt(errorFromResponse(this.bron, antwoord));
    throw status === 401 && this.opties.geweigerd?.(antwoord) ? new CredentialsRefused(fout) : fout;
  }

  private mislukt(fout: PartnerError): PartnerError {
    this.telemetry.metrics.partnerAttempts.inc({ bron: this.bron, outcome: fout.reden });
    this.meld(fout);
    return fout;
  }

  /** Parses and validates a JSON answer; a body that breaks the contract is INVALID_RESPONSE. */
  leesJson<S extends z.ZodType>(antwoord: PartnerResponse, schema: S, wat: string): z.infer<S> {
    let waarde: unknown;
    try {
      waarde = JSON.parse(antwoord.tekst);
    } catch {
      throw new PartnerError(this.bron, 'INVALID_RESPONSE', `${wat}: geen JSON`, antwoord.status);
    }
    const resultaat = schema.safeParse(waarde);
    if (!resultaat.success) {
      throw new PartnerError(
        this.bron,
        'INVALID_RESPONSE',
        `${wat} breekt het contract: ${resultaat.error.issues[0]?.message ?? ''}`,
        antwoord.status,
      );
    }
    return resultaat.data;
  }

  async json<S extends z.ZodType>(schema: S, verzoek: PartnerRequest): Promise<z.infer<S>> {
    return this.leesJson(await this.verzoek(verzoek), schema, `${verzoek.methode ?? 'GET'} ${verzoek.pad}`);
  }
}
