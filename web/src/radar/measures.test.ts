import { describe, expect, it } from 'vitest';
import type { RadarCel } from '../graph/types.ts';
import { classify, MARKED, regionValue, SCALE, UNKNOWN, UNMARKED } from './measures.ts';

const cel = (over: Partial<RadarCel>): RadarCel => ({
  regioCode: 'BRUGGE',
  opleidingscode: 'O1',
  regio: { naam: 'Regio Brugge' },
  opleiding: { naam: 'Elektrotechnicus', niveau: 'SECUNDAIR' },
  aantalAanbieders: 0,
  aantalPlaatsen: 0,
  aantalErkendeLeerwerkplekken: 0,
  aantalVacatures: 0,
  aantalDualeVacatures: 0,
  knelpunt: false,
  aantalZoekendeLerenden: { waarde: 0, onderdrukt: false },
  witteVlek: false,
  signalen: [],
  ...over,
});

describe('what a regio shows on the map', () => {
  it('for one opleiding: the cell itself, a suppressed count as unknown', () => {
    expect(regionValue([cel({ witteVlek: true })], 'witteVlek', true).value).toBe(1);
    expect(
      regionValue([cel({ signalen: ['VRAAG_ZONDER_AANBOD'] })], 'KNELPUNT_ZONDER_AANBOD', true).value,
    ).toBe(0);
    expect(regionValue([cel({ aantalVacatures: 7 })], 'aantalVacatures', true).value).toBe(7);
    const suppressed = regionValue(
      [cel({ aantalZoekendeLerenden: { waarde: null, onderdrukt: true } })],
      'aantalZoekendeLerenden',
      true,
    );
    expect(suppressed.value).toBeNull();
    expect(suppressed.label).toMatch(/onderdrukt/);
  });

  it('for all opleidingen: how many cells are marked', () => {
    const cells = [cel({ witteVlek: true }), cel({ witteVlek: false }), cel({ witteVlek: true })];
    expect(regionValue(cells, 'witteVlek', false)).toEqual({ value: 2, label: '2 van 3 opleidingen' });
  });

  it('colours yes and no apart, counts by class, the unknown grey', () => {
    const yesNo = classify([0, 1], 'witteVlek', true);
    expect([yesNo.colour(1), yesNo.colour(0), yesNo.colour(null)]).toEqual([MARKED, UNMARKED, UNKNOWN]);
    const counts = classify([0, 3, 8], 'aantalVacatures', true);
    expect(counts.colour(0)).toBe(SCALE[0]);
    expect(counts.colour(8)).toBe(SCALE[4]);
    expect(counts.colour(1)).toBe(SCALE[1]);
    expect(counts.legend.map((l) => l.label)).toEqual(['0', '1 – 2', '3 – 4', '5 – 6', '7 – 8']);
  });
});
