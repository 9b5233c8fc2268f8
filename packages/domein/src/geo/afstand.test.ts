import { describe, expect, it } from 'vitest';
import { afstandKm, rondKm } from './afstand.ts';
import { normaliseerPostcode } from './postcode.ts';

describe('great-circle distance', () => {
  it('is 0 for the same point and symmetric', () => {
    const brugge = { lat: 51.20892, lon: 3.22424 };
    const kortrijk = { lat: 50.8166, lon: 3.27271 };
    expect(afstandKm(brugge, brugge)).toBe(0);
    expect(afstandKm(brugge, kortrijk)).toBeCloseTo(afstandKm(kortrijk, brugge), 12);
  });

  it('measures a degree of latitude as a 360th of the sphere of 6371.0088 km', () => {
    expect(afstandKm({ lat: 51, lon: 4 }, { lat: 52, lon: 4 })).toBeCloseTo(
      (2 * Math.PI * 6371.0088) / 360,
      9,
    );
  });

  it('shrinks a degree of longitude by the cosine of the latitude', () => {
    // Along a parallel the great circle is slightly shorter than the parallel itself.
    const langsParallel = ((2 * Math.PI * 6371.0088) / 360) * Math.cos((51 * Math.PI) / 180);
    const d = afstandKm({ lat: 51, lon: 3 }, { lat: 51, lon: 4 });
    expect(d).toBeLessThan(langsParallel);
    expect(d).toBeGreaterThan(langsParallel - 0.01);
  });

  it('rounds to 0.1 km', () => {
    expect(rondKm(14.649)).toBe(14.6);
    expect(rondKm(14.65)).toBe(14.7);
    expect(rondKm(0)).toBe(0);
  });
});

describe('postcode notation', () => {
  it.each([
    ['8310', '8310'],
    [' 8200 ', '8200'],
    ['B-8501', '8501'],
    ['be-8800', '8800'],
    ['BE 9000', '9000'],
    ['BE8000', '8000'],
  ])('reads %j as %s', (tekst, postcode) => {
    expect(normaliseerPostcode(tekst)).toBe(postcode);
  });

  it.each(['', '831', '83100', '0831', 'abcd', '8 310', 'NL-8310', '8310a'])('refuses %j', (tekst) => {
    expect(normaliseerPostcode(tekst)).toBeNull();
  });
});
