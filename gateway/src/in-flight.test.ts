import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

describe('InFlight', () => {
  it('lets identical calls under way share one piece of work, and different ones not', async () => {
    const inFlight = new InFlight<number>();
    let gestart = 0;
    let klaar!: (n: number) => void;
    const werk = () => {
      gestart += 1;
      return new Promise<number>((resolve) => (klaar = resolve));
    };
    const a = inFlight.run('x', werk);
    const b = inFlight.run('x', werk);
    const c = inFlight.run('y', () => Promise.resolve(7));
    klaar(42);
    expect(await Promise.all([a, b, c])).toEqual([42, 42, 7]);
    expect(gestart).toBe(1);
    expect(inFlight.shared).toBe(1);
  });

  it('keeps nothing once the work ended, also when it failed', async () => {
    const inFlight = new InFlight<number>();
    await expect(inFlight.run('x', () => Promise.reject(new Error('weg')))).rejects.toThrow('weg');
    expect(inFlight.size).toBe(0);
    expect(await inFlight.run('x', () => Promise.resolve(1))).toBe(1);
    expect(inFlight.size).toBe(0);
  });
});
