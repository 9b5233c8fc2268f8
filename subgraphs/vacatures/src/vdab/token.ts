import type { Token } from './schema.ts';

interface Geldig {
  readonly waarde: string;
  readonly verlooptOp: number;
  readonly levensduurMs: number;
}

/**
 * VDAB's access token: fetched once and shared by every call, renewed in the
 * last quarter of its life (at most 30 s early) so that no call carries one
 * about to expire, and dropped when VDAB calls it `invalid_token`. Callers
 * that ask while a token is being fetched share that one fetch.
 */
export class TokenBron {
  /** How many tokens were fetched: a test sees that it is not one per call. */
  aanvragen = 0;
  private huidig: Geldig | undefined;
  private bezig: Promise<string> | undefined;

  constructor(
    private readonly haalNieuw: () => Promise<Token>,
    private readonly nu: () => number = Date.now,
  ) {}

  haal(): Promise<string> {
    const h = this.huidig;
    if (h && this.nu() < h.verlooptOp - Math.min(30_000, h.levensduurMs / 4))
      return Promise.resolve(h.waarde);
    this.bezig ??= this.vernieuw().finally(() => {
      this.bezig = undefined;
    });
    return this.bezig;
  }

  /** VDAB refused this token: the next `haal` fetches a new one, unless another call already did. */
  vergeet(waarde: string): void {
    if (this.huidig?.waarde === waarde) this.huidig = undefined;
  }

  private async vernieuw(): Promise<string> {
    // Counted from the request, not the answer: the token's life started at VDAB before the answer came back.
    const gevraagd = this.nu();
    this.aanvragen += 1;
    const token = await this.haalNieuw();
    const levensduurMs = token.expires_in * 1000;
    this.huidig = { waarde: token.access_token, verlooptOp: gevraagd + levensduurMs, levensduurMs };
    return token.access_token;
  }
}
