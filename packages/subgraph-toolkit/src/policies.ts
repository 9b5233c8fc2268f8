import {
  BrokenCircuitError,
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  EventEmitter,
  handleType,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IDefaultPolicyContext,
  type IFailureEvent,
  type IPolicy,
  type ISuccessEvent,
} from 'cockatiel';
import { RateLimiter } from './rate-limiter.ts';
import type { Reden } from './source-status.ts';

/**
 * The policies every partner call runs under, outside in: an optional circuit
 * breaker, one deadline across all attempts, retries (one backoff formula;
 * `Retry-After` honoured), a concurrency limit, the credentials, rate pacing,
 * and a timeout per attempt. cockatiel does the breaker, the retry loop, the
 * timeouts and the concurrency limit (its bulkhead). The pacing is the toolkit's own limiter (begrenzer.ts): neither
 * cockatiel nor p-limit paces by rate, and a partner's 429 must hold every
 * call of the client at once.
 */

export interface BackoffOptions {
  /** The delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** No delay grows beyond this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 10_000 };

/**
 * The one backoff formula: exponential in the retry (1 for the first), capped,
 * with half of it random ("equal jitter"), so that clients that failed together
 * do not come back together, and none retries at once.
 */
export function backoffMs(
  retryNumber: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** What the retry rules need to know of a failed attempt. */
export interface Failure {
  readonly reden: Reden;
  readonly status?: number | undefined;
  /** The partner's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number | undefined;
}

/** A failure that may pass: no answer, no answer in time, a broken answer, a 5xx. */
export function isTransient(failure: Failure): boolean {
  return (
    failure.reden === 'DOWN' ||
    failure.reden === 'TIMEOUT' ||
    failure.reden === 'INVALID_RESPONSE' ||
    (failure.status ?? 0) >= 500
  );
}

export interface RetryOptions {
  /** Attempts in all for a transient failure, the first included; 1 never retries one. */
  readonly attempts: number;
  /** How long one call waits out `Retry-After` pauses in all before it gives up. */
  readonly maxWaitMs: number;
  readonly backoff?: BackoffOptions;
  /** Tests pass their own randomness and clock. */
  readonly random?: () => number;
  readonly now?: () => number;
}

export type RetryDecision =
  | { readonly retry: false }
  | {
      readonly retry: true;
      readonly waitMs: number;
      /** The wait is the partner's to decide (429, `Retry-After`): every call of the client holds, not only this one. */
      readonly holdEveryone: boolean;
    };

const STOP: RetryDecision = { retry: false };

/**
 * The retry rules of one call. A 429 wrote nothing and uses up no attempt, even
 * for a write: it is waited out (its `Retry-After`, at least the backoff) while
 * the waiting stays within `maxWaitMs`. A transient failure is retried within
 * `attempts`, after the backoff or the `Retry-After` if the partner sent one.
 * No wait that would end past the deadline is started: the call fails at once
 * with its real reason instead.
 */
export class RetrySchedule {
  private attemptsUsed = 1;
  private rateLimited = 0;
  private waitedMs = 0;
  private readonly now: () => number;

  constructor(
    private readonly options: RetryOptions,
    private readonly deadlineAt?: number,
  ) {
    this.now = options.now ?? Date.now;
  }

  next(failure: Failure | undefined): RetryDecision {
    if (failure === undefined) return STOP;
    if (failure.reden === 'RATE_LIMITED') {
      this.rateLimited += 1;
      return this.wait(this.partnerWait(failure.retryAfterMs, this.rateLimited), true);
    }
    if (!isTransient(failure) || this.attemptsUsed >= this.options.attempts) return STOP;
    this.attemptsUsed += 1;
    const retryNumber = this.attemptsUsed - 1;
    return failure.retryAfterMs === undefined
      ? this.wait(backoffMs(retryNumber, this.options.backoff, this.options.random), false)
      : this.wait(this.partnerWait(failure.retryAfterMs, retryNumber), true);
  }

  /** `Retry-After` is the earliest the partner takes calls again; never sooner than the backoff either. */
  private partnerWait(retryAfterMs: number | undefined, retryNumber: number): number {
    return Math.max(retryAfterMs ?? 0, backoffMs(retryNumber, this.options.backoff, this.options.random));
  }

  private wait(waitMs: number, holdEveryone: boolean): RetryDecision {
    if (holdEveryone && this.waitedMs + waitMs > this.options.maxWaitMs) return STOP;
    if (this.deadlineAt !== undefined && this.now() + waitMs >= this.deadlineAt) return STOP;
    if (holdEveryone) this.waitedMs += waitMs;
    return { retry: true, waitMs, holdEveryone };
  }
}

/**
 * Rate pacing as a policy: each attempt waits its turn under the limiter
 * (which also holds everyone during a partner's pause). A call whose deadline
 * passed while it waited sends nothing.
 */
class PacingPolicy implements IPolicy {
  declare readonly _altReturn: never;
  // cockatiel's policies carry these events; nothing listens to them here.
  private readonly successes = new EventEmitter<ISuccessEvent>();
  private readonly failures = new EventEmitter<IFailureEvent>();
  readonly onSuccess = this.successes.addListener;
  readonly onFailure = this.failures.addListener;

  constructor(private readonly limiter: RateLimiter) {}

  async execute<T>(
    fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<T> {
    await this.limiter.beurt();
    if (signal.aborted) throw new TaskCancelledError('cancelled while waiting for a turn');
    return fn({ signal });
  }
}

export interface BreakerOptions {
  /** Calls in a row that failed on the partner's side (after their retries) that open the breaker. */
  readonly threshold: number;
  /** How long an open breaker fails calls at once before it lets one call through as a probe. */
  readonly halfOpenAfterMs: number;
}

/** `closed`: calls go out; `open`: they fail at once; `half-open`: one probe is under way. */
export type BreakerState = 'closed' | 'open' | 'half-open';

const BREAKER_STATES: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  // Isolated is cockatiel's manual hold-open, which nothing here uses: to a caller it is open.
  [CircuitState.Isolated]: 'open',
};

/** The breaker is open: the call was not made. */
export class CircuitOpen extends Error {
  constructor() {
    super('circuit open: the partner failed repeatedly and is not called during its cool-down');
    this.name = 'CircuitOpen';
  }
}

/** Carries a failure the breaker counts through it, so that it can tell them from the partner's answers. */
class CountedFailure extends Error {
  constructor(readonly failure: unknown) {
    super('counted failure');
  }
}

export interface CallPolicyOptions {
  /** The timeout of one attempt. */
  readonly attemptTimeoutMs: number;
  /** One deadline for all attempts of a call together, waits included; none by default. */
  readonly deadlineMs?: number | undefined;
  /** Calls under way at once; unlimited by default. */
  readonly concurrency?: number | undefined;
  /**
   * The limiter that paces this client's calls and holds them during a
   * partner's pause. Share one between clients that share a partner's limit
   * (VDAB's token and API calls); by default a limiter without a rate, which
   * only holds the pauses.
   */
  readonly pacing?: RateLimiter | undefined;
  readonly retry: RetryOptions;
  /**
   * A circuit breaker over whole calls (their retries included), for a partner
   * read live: none by default. It counts the failures that retries exist for
   * (no answer, no answer in time, a broken answer, a 5xx) and the deadline;
   * a refusal, a 4xx or a 429 is the partner answering and counts as a success.
   */
  readonly breaker?: BreakerOptions | undefined;
}

export interface CallOptions {
  /** Whether a transient failure may be retried (reads, writes with an idempotency key). */
  readonly retryable: boolean;
  /** This call's own deadline instead of the client's; null for none. */
  readonly deadlineMs?: number | null | undefined;
  /** The caller's cancellation. */
  readonly signal?: AbortSignal | undefined;
  /** Which failures the retry rules know; anything else is thrown at once. */
  readonly classify: (error: unknown) => Failure | undefined;
  /** Called with each decision to retry or not, for the client's own bookkeeping. */
  readonly onDecision?: (failure: Failure | undefined, decision: RetryDecision) => void;
}

/**
 * One attempt in two steps: `prepare` (credentials) once it has its place under
 * the concurrency limit, so that a token is fresh when the call goes out and not
 * fetched long before while the call waited for a place; then `send` at its turn
 * under the pacing, within the attempt timeout. When `send` finds its
 * credentials refused, `prepare` is asked once for fresh ones (given the
 * refused ones) and the attempt goes out again at once, in the same place.
 */
export interface Attempt<P, T> {
  readonly prepare: (refused?: P) => Promise<P> | P;
  readonly send: (prepared: P, signal: AbortSignal) => Promise<T>;
}

/**
 * Thrown by `send` when the partner refused the credentials themselves (an
 * expired token). Renewed once per call: fresh credentials refused again mean
 * something else is wrong, and `failure` is what the caller gets.
 */
export class CredentialsRefused extends Error {
  constructor(readonly failure: Error) {
    super(failure.message);
    this.name = 'CredentialsRefused';
  }
}

/** The deadline passed before any attempt succeeded. */
export class DeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`no answer within the deadline of ${deadlineMs} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/** The policies of one partner client; `run` executes one call under them. */
export class CallPolicies {
  readonly limiter: RateLimiter;
  private readonly concurrency: BulkheadPolicy | undefined;
  private readonly limits: IPolicy;
  private readonly breaker: CircuitBreakerPolicy | undefined;

  constructor(private readonly options: CallPolicyOptions) {
    this.limiter = options.pacing ?? new RateLimiter({ aantal: Infinity });
    // An unbounded queue: a call waits for a free place rather than being refused.
    this.concurrency =
      options.concurrency === undefined ? undefined : bulkhead(options.concurrency, Infinity);
    const pacing = new PacingPolicy(this.limiter);
    // Cooperative: the attempt's request is aborted through its signal and fails as a TIMEOUT itself.
    const attemptTimeout = timeout(options.attemptTimeoutMs, TimeoutStrategy.Cooperative);
    this.limits = wrap(pacing, attemptTimeout);
    this.breaker = options.breaker
      ? circuitBreaker(handleType(CountedFailure), {
          halfOpenAfter: options.breaker.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(options.breaker.threshold),
        })
      : undefined;
  }

  /** The breaker's state now; `closed` for a client without one. */
  get breakerState(): BreakerState {
    return this.breaker ? BREAKER_STATES[this.breaker.state] : 'closed';
  }

  /** Calls `listener` on every change of the breaker's state (for metrics and logs); returns the unsubscribe. */
  onBreakerStateChange(listener: (state: BreakerState) => void): () => void {
    if (!this.breaker) return () => undefined;
    const subscription = this.breaker.onStateChange((state) => {
      listener(BREAKER_STATES[state]);
    });
    return () => {
      subscription.dispose();
    };
  }

  /** Runs one call under the breaker, when there is one; `CircuitOpen` when it is open. */
  async run<P, T>(call: CallOptions, attempt: Attempt<P, T>): Promise<T> {
    const breaker = this.breaker;
    if (!breaker) return this.runClosed(call, attempt);
    const counts = (error: unknown): boolean => {
      if (error instanceof DeadlineExceeded) return true;
      const failure = call.classify(error);
      return failure !== undefined && failure.reden !== 'RATE_LIMITED' && isTransient(failure);
    };
    try {
      return await breaker.execute(() =>
        this.runClosed(call, attempt).catch((error: unknown) => {
          throw counts(error) ? new CountedFailure(error) : error;
        }),
      );
    } catch (error) {
      if (error instanceof CountedFailure) throw error.failure;
      if (error instanceof BrokenCircuitError) throw new CircuitOpen();
      throw error;
    }
  }

  private async runClosed<P, T>(call: CallOptions, attempt: Attempt<P, T>): Promise<T> {
    const now = this.options.retry.now ?? Date.now;
    const deadlineMs =
      call.deadlineMs === undefined ? this.options.deadlineMs : (call.deadlineMs ?? undefined);
    const schedule = new RetrySchedule(
      { ...this.options.retry, attempts: call.retryable ? this.options.retry.attempts : 1 },
      deadlineMs === undefined ? undefined : now() + deadlineMs,
    );
    let decision: RetryDecision = STOP;
    const retries = retry(
      handleWhen((error) => {
        const failure = call.classify(error);
        decision = schedule.next(failure);
        if (decision.retry && decision.holdEveryone) this.limiter.pauzeer(decision.waitMs);
        call.onDecision?.(failure, decision);
        return decision.retry;
      }),
      // The limiter holds the partner's pauses; the retry itself waits only the backoff.
      {
        backoff: new DelegateBackoff(() => (decision.retry && !decision.holdEveryone ? decision.waitMs : 0)),
      },
    );
    let renewed = false;
    const send = (prepared: P, signal: AbortSignal) =>
      this.limits.execute(({ signal: inner }) => attempt.send(prepared, inner), signal);
    const once = async (signal: AbortSignal): Promise<T> => {
      const prepared = await attempt.prepare();
      try {
        return await send(prepared, signal);
      } catch (error) {
        if (!(error instanceof CredentialsRefused)) throw error;
        if (renewed) throw error.failure;
        renewed = true;
      }
      try {
        return await send(await attempt.prepare(prepared), signal);
      } catch (error) {
        throw error instanceof CredentialsRefused ? error.failure : error;
      }
    };
    const run = (signal: AbortSignal) =>
      this.concurrency
        ? // The signal is checked here, not handed to the bulkhead: a bulkhead that refuses a cancelled
          // call at its door does not pass its place on, and the calls queued behind it would wait for ever.
          this.concurrency.execute(() => {
            if (signal.aborted) throw new TaskCancelledError('cancelled while waiting for a place');
            return once(signal);
          })
        : once(signal);
    // A signal of this call's own: without one cockatiel hangs every call's listeners on one shared signal.
    const signal = call.signal ?? new AbortController().signal;
    if (deadlineMs === undefined) return retries.execute((context) => run(context.signal), signal);
    // Aggressive: the caller has its answer at the deadline, whatever wait or attempt is under way (they are aborted).
    const deadline = timeout(deadlineMs, TimeoutStrategy.Aggressive);
    try {
      return await wrap(deadline, retries).execute((context) => run(context.signal), signal);
    } catch (error) {
      if (error instanceof TaskCancelledError && !call.signal?.aborted)
        throw new DeadlineExceeded(deadlineMs);
      throw error;
    }
  }
}
