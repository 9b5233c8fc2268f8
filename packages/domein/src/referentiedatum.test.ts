import { describe, expect, it } from 'vitest';
import { plusDagen } from './referentiedatum.ts';

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
