import { describe, expect, it } from 'vitest';
import { gereconstrueerdeRij, reconstructieDatums } from './reconstructie.ts';

describe('reconstructieDatums', () => {
  it('holds the first date, then the first of every month, up to the first real measurement', () => {
    expect(reconstructieDatums('2026-01-15', '2026-05-01', '2000-01-01')).toEqual([
      '2026-01-15',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(reconstructieDatums('2026-01-01', '2026-03-02', '2000-01-01')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    // Across a year's end, and from the end of a month.
    expect(reconstructieDatums('2025-11-30', '2026-01-10', '2000-01-01')).toEqual([
      '2025-11-30',
      '2025-12-01',
      '2026-01-01',
    ]);
  });

  it('is empty from a date on or after the first real measurement', () => {
    expect(reconstructieDatums('2026-05-01', '2026-05-01', '2000-01-01')).toEqual([]);
    expect(reconstructieDatums('2027-01-01', '2026-05-01', '2000-01-01')).toEqual([]);
  });

  it('never reaches before the retention limit', () => {
    expect(reconstructieDatums('2020-01-01', '2026-03-15', '2026-01-20')).toEqual([
      '2026-01-20',
      '2026-02-01',
      '2026-03-01',
    ]);
  });
});

describe('gereconstrueerdeRij', () => {
  const cel = {
    id: '34022|12345',
    regioCode: 'ZUIDWEST',
    opleidingscode: '12345',
    gemeente: { nisCode: '34022' },
    plekken: [3, null, 0],
  };

  it('keeps the keys and the count of its date; every other measure is unknown', () => {
    expect(gereconstrueerdeRij('GEMEENTE', cel, 0)).toEqual({
      id: '34022|12345',
      regioCode: 'ZUIDWEST',
      opleidingscode: '12345',
      gemeente: { nisCode: '34022' },
      aantalErkendeLeerwerkplekken: 3,
      onbekend: [
        'AANBOD',
        'VACATURES',
        'ZOEKENDE_LERENDEN',
        'GESTARTE_LERENDEN',
        'ACTIEVE_LEERWERKPLEKKEN',
        'PLAATSEN',
      ],
    });
    expect(gereconstrueerdeRij('GEMEENTE', cel, 2)['aantalErkendeLeerwerkplekken']).toBe(0);
    const onbekend = gereconstrueerdeRij('GEMEENTE', cel, 1);
    expect(onbekend['aantalErkendeLeerwerkplekken']).toBeNull();
    expect(onbekend['onbekend']).toContain('ERKENDE_LEERWERKPLEKKEN');
  });

  it('for a regio total: its opleidingen kept, the measures of a total unknown', () => {
    const totaal = {
      id: 'ZUIDWEST|ALLE',
      regio: { code: 'ZUIDWEST' },
      opleidingscodes: ['1', '2'],
      plekken: [7],
    };
    expect(gereconstrueerdeRij('TOTALEN', totaal, 0)).toEqual({
      id: 'ZUIDWEST|ALLE',
      regio: { code: 'ZUIDWEST' },
      opleidingscodes: ['1', '2'],
      aantalErkendeLeerwerkplekken: 7,
      onbekend: ['AANBOD', 'VACATURES', 'ZOEKENDE_LERENDEN', 'GESTARTE_LERENDEN', 'ACTIEVE_LEERWERKPLEKKEN'],
    });
  });
});
