import { setTimeout as slaap } from 'node:timers/promises';

export interface RateLimiterOptions {
  /** How many requests may start within one window; Infinity paces nothing and only holds the pauses. */
  readonly aantal: number;
  /**
   * The window in milliseconds. The partner counts arrivals, not departures:
   * a margin above its own second absorbs requests that travel at different speeds.
   */
  readonly vensterMs?: number;
  /** Tests pass a clock and a sleep of their own. */
  readonly nu?: () => number;
  readonly wacht?: (ms: number) => Promise<unknown>;
}

/**
 * Keeps a client under a partner's limit of requests a second: a sliding window
 * of start times that every request waits its turn in, in the order it asked,
 * and a pause for everyone when the partner answers 429 with a `Retry-After`.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private pauzeTot = 0;
  private rij: Promise<void> = Promise.resolve();
  private readonly vensterMs: number;
  private readonly nu: () => number;
  private readonly wacht: (ms: number) => Promise<unknown>;

  constructor(private readonly opties: RateLimiterOptions) {
    if (!(opties.aantal >= 1)) throw new Error('RateLimiter: aantal must be at least 1');
    this.vensterMs = opties.vensterMs ?? 1_100;
    this.nu = opties.nu ?? Date.now;
    this.wacht = opties.wacht ?? ((ms) => slaap(ms));
  }

  /** Resolves when one more request may start; callers are served first come, first served. */
  beurt(): Promise<void> {
    const mijnBeurt = this.rij.then(() => this.wachtOpPlaats());
    this.rij = mijnBeurt;
    return mijnBeurt;
  }

  /** Holds every caller for this long: the partner said when it takes requests again. */
  pauzeer(ms: number): void {
    this.pauzeTot = Math.max(this.pauzeTot, this.nu() + ms);
  }

  private async wachtOpPlaats(): Promise<void> {
    for (;;) {
      const nu = this.nu();
      if (nu < this.pauzeTot) {
        await this.wacht(this.pauzeTot - nu);
        continue;
      }
      if (this.opties.aantal === Infinity) return;
      while (this.starts.length > 0 && nu - (this.starts[0] ?? nu) >= this.vensterMs) this.starts.shift();
      if (this.starts.length < this.opties.aantal) {
        this.starts.push(nu);
        return;
      }
      await this.wacht(this.vensterMs - (nu - (this.starts[0] ?? nu)));
    }
  }
}
