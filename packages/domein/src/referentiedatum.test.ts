import { describe, expect, it } from 'vitest';
import { dagenTussen, plusDagen } from './referentiedatum.ts';

describe('plusDagen', () => {
  it.each([
    ['2026-11-01', 0, '2026-11-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-01', -2200, '2020-10-23'],
  ])('%s plus %i days is %s', (datum, dagen, uitkomst) => {
    expect(plusDagen(datum, dagen)).toBe(uitkomst);
  });
});

describe('dagenTussen', () => {
  it.each([
    ['2026-11-01', '2026-11-01', 0],
    ['2026-11-01', '2026-11-02', 1],
    ['2026-11-01', '2026-10-31', -1],
    ['2026-03-28', '2026-03-30', 2],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-11-01', '2027-11-01', 365],
  ])('from %s to %s is %i days', (van, tot, dagen) => {
    expect(dagenTussen(van, tot)).toBe(dagen);
  });

  it('undoes plusDagen over six years, day by day', () => {
    for (let d = -1100; d <= 1100; d += 7)
      expect(dagenTussen('2026-11-01', plusDagen('2026-11-01', d))).toBe(d);
  });
});
