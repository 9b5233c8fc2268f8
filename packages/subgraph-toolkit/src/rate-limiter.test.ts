import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

/** A clock that only moves when someone sleeps: the limiter's decisions, without real time. */
function klok() {
  let tijd = 0;
  return {
    nu: () => tijd,
    wacht: (ms: number) => {
      tijd += ms;
      return Promise.resolve();
    },
  };
}

describe('RateLimiter', () => {
  it('lets at most `aantal` requests start within any window, in the order they asked', async () => {
    const k = klok();
    const b = new RateLimiter({ aantal: 3, vensterMs: 1_000, ...k });
    const starts: [number, number][] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        b.beurt().then(() => {
          starts.push([i, k.nu()]);
        }),
      ),
    );
    expect(starts.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const tijden = starts.map(([, t]) => t);
    for (const t of tijden)
      expect(tijden.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(3);
    expect(tijden.slice(0, 3)).toEqual([0, 0, 0]);
  });

  it('holds everyone after a pause until it ends', async () => {
    const k = klok();
    const b = new RateLimiter({ aantal: 10, ...k });
    await b.beurt();
    b.pauzeer(2_000);
    await Promise.all([b.beurt(), b.beurt()]);
    expect(k.nu()).toBe(2_000);
  });

  it('refuses a limit below one request', () => {
    expect(() => new RateLimiter({ aantal: 0 })).toThrow();
  });
});
