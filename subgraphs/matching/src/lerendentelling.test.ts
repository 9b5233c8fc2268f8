import { describe, expect, it } from 'vitest';
import type { KaziLerende, LerendeStatus } from './kazi/schema.ts';
import { telLerenden, type TelFilter } from './lerendentelling.ts';

let volgnummer = 0;
function lerende(instellingsnummer: string, opleidingscode: string, status: LerendeStatus): KaziLerende {
  volgnummer += 1;
  return {
    lerendeId: `L-${String(volgnummer)}`,
    instellingsnummer,
    opleidingscode,
    status,
    woonplaatsNisCode: '34022',
    mobiliteitKm: 10,
  };
}

const GEEN: TelFilter = { instellingsnummer: null, opleidingscode: null, status: null };

/** n learners of a school, an opleiding and a status. */
function reeks(n: number, school: string, code: string, status: LerendeStatus): KaziLerende[] {
  return Array.from({ length: n }, () => lerende(school, code, status));
}

describe('lerendenTelling: a count of learners that never gives 1 to 4 away', () => {
  it('counts what matches the filter', () => {
    const alle = [...reeks(6, '000001', 'A', 'ZOEKEND'), ...reeks(6, '000002', 'A', 'GESTART')];
    expect(telLerenden(alle, GEEN)).toEqual({ waarde: 12, onderdrukt: false });
    expect(telLerenden(alle, { ...GEEN, status: 'ZOEKEND' })).toEqual({ waarde: 6, onderdrukt: false });
    expect(telLerenden(alle, { ...GEEN, opleidingscode: 'B' })).toEqual({ waarde: 0, onderdrukt: false });
  });

  it('suppresses 1 to 4', () => {
    const alle = [...reeks(5, '000001', 'A', 'ZOEKEND'), ...reeks(5, '000002', 'A', 'ZOEKEND')];
    expect(telLerenden(alle, { ...GEEN, opleidingscode: 'A', status: 'ZOEKEND' })).toEqual({
      waarde: 10,
      onderdrukt: false,
    });
    expect(telLerenden(reeks(4, '000001', 'A', 'ZOEKEND'), GEEN)).toEqual({ waarde: null, onderdrukt: true });
  });

  it('suppresses a count that one school could take its own learners from to find 1 to 4', () => {
    const alle = [...reeks(7, '000001', 'A', 'ZOEKEND'), ...reeks(2, '000002', 'A', 'ZOEKEND')];
    expect(telLerenden(alle, GEEN)).toEqual({ waarde: null, onderdrukt: true });
  });

  it('suppresses a count 1 to 4 apart from the same count without one filter field', () => {
    // 8 ZOEKEND for A, 3 GESTART for A: asking "A" (11) and "A, ZOEKEND" (8) would give the 3 away.
    const alle = [
      ...reeks(5, '000001', 'A', 'ZOEKEND'),
      ...reeks(5, '000002', 'A', 'ZOEKEND'),
      ...reeks(3, '000003', 'A', 'GESTART'),
      ...reeks(5, '000003', 'B', 'ZOEKEND'),
    ];
    expect(telLerenden(alle, { ...GEEN, opleidingscode: 'A', status: 'ZOEKEND' })).toEqual({
      waarde: null,
      onderdrukt: true,
    });
    // Without the status field the difference is with every status: 13 of A, 20 in all.
    expect(telLerenden(alle, { ...GEEN, opleidingscode: 'A' })).toEqual({ waarde: 13, onderdrukt: false });
  });
});
