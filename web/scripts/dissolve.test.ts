import { describe, expect, it } from 'vitest';
import { dissolveOutline, type Position } from './dissolve.ts';

const square = (x: number, y: number): Position[] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
];

describe('dissolveOutline', () => {
  it('drops the border two neighbours share and keeps the rest as one closed ring', () => {
    const rings = dissolveOutline([[square(0, 0)], [square(1, 0)]]);
    expect(rings).toHaveLength(1);
    const ring = rings[0] ?? [];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    // Six corners of the 2 x 1 rectangle, the middle points of its long sides included.
    expect(new Set(ring.map((p) => p.join(','))).size).toBe(6);
    const xs = ring.map((p) => p[0]);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(2);
  });

  it('keeps apart what does not touch, and keeps a hole', () => {
    expect(dissolveOutline([[square(0, 0)], [square(5, 5)]])).toHaveLength(2);
    // A ring of eight squares around an empty middle: an outer ring and the hole.
    const around = [0, 1, 2]
      .flatMap((x) => [0, 1, 2].map((y) => [x, y] as const))
      .filter(([x, y]) => x !== 1 || y !== 1);
    const rings = dissolveOutline(around.map(([x, y]) => [square(x, y)]));
    expect(rings.map((r) => r.length - 1).sort((a, b) => a - b)).toEqual([4, 12]);
  });
});
