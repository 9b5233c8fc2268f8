import { describe, expect, it } from 'vitest';
import { dutchDate, plusMonths } from './dates.ts';

describe('dates of the pages', () => {
  it('adds months and keeps to the last day of a shorter month', () => {
    expect(plusMonths('2026-11-30', 6)).toBe('2027-05-30');
    expect(plusMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(plusMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(plusMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('writes a date as day/month/year', () => {
    expect(dutchDate('2026-11-30')).toBe('30/11/2026');
    expect(dutchDate(null)).toBe('');
  });
});
