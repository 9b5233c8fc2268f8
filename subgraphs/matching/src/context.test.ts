import { describe, expect, it } from 'vitest';
import { perSleutel } from './context.ts';

describe('perSleutel: per key, a bounded pool', () => {
  it('keeps every key in its place, a failure alone in its own', async () => {
    const uit = await perSleutel(['a', 'b', 'c'], (k) =>
      k === 'b' ? Promise.reject(new Error('kapot')) : Promise.resolve(k.toUpperCase()),
    );
    expect(uit[0]).toBe('A');
    expect(uit[1]).toBeInstanceOf(Error);
    expect(uit[2]).toBe('C');
  });

  it('has at most the bound in flight, and refills a place as soon as it frees', async () => {
    let bezig = 0;
    let piek = 0;
    const gestart: string[] = [];
    const sleutels = Array.from({ length: 7 }, (_, i) => `k${String(i)}`);
    await perSleutel(
      sleutels,
      async (k) => {
        gestart.push(k);
        bezig += 1;
        piek = Math.max(piek, bezig);
        // k0 is slow: the others must not wait for it in rounds.
        await new Promise((r) => setTimeout(r, k === 'k0' ? 50 : 1));
        if (k === 'k0') gestart.push('k0 klaar');
        bezig -= 1;
        return k;
      },
      3,
    );
    expect(piek).toBe(3);
    expect(gestart).toEqual([...sleutels, 'k0 klaar']);
  });

  it('asks a whole school (50 keys) in one round by default', async () => {
    let bezig = 0;
    let piek = 0;
    await perSleutel(
      Array.from({ length: 50 }, (_, i) => String(i)),
      async () => {
        bezig += 1;
        piek = Math.max(piek, bezig);
        await new Promise((r) => setTimeout(r, 5));
        bezig -= 1;
      },
    );
    expect(piek).toBe(50);
  });
});
