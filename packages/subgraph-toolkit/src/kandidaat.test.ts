import { VLAANDEREN } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { gemeentenBinnen } from './buurt.ts';
import { binnenKm, gemeentenBinnenVan, kandidaatSleutel, leesKandidaatSleutel, perKm } from './kandidaat.ts';

describe('kandidaat-opleidingen in de buurt', () => {
  it('carries the question in its key and refuses a key the graph never makes', () => {
    const vraag = { plaatsen: ['31005', '34022'], km: 20, opleidingscode: 'DS-ELT-3' };
    expect(leesKandidaatSleutel(kandidaatSleutel(vraag))).toEqual(vraag);
    expect(leesKandidaatSleutel(kandidaatSleutel({ ...vraag, plaatsen: [] }))).toEqual({
      ...vraag,
      plaatsen: [],
    });
    expect(leesKandidaatSleutel('31005|51|DS-ELT-3')).toBeNull();
    expect(leesKandidaatSleutel('31005|0|DS-ELT-3')).toBeNull();
    expect(leesKandidaatSleutel('99999|20|DS-ELT-3')).toBeNull();
    expect(leesKandidaatSleutel('31005|20|')).toBeNull();
    expect(leesKandidaatSleutel('31005|20|DS-ELT-3|x')).toBeNull();
  });

  it('measures from the nearest of several gemeenten', () => {
    const brugge = gemeentenBinnen('31005', 15);
    const kortrijk = gemeentenBinnen('34022', 15);
    const beide = gemeentenBinnenVan(['31005', '34022'], 15);
    expect(new Set(beide.keys())).toEqual(new Set([...brugge.keys(), ...kortrijk.keys()]));
    for (const [nis, afstand] of beide)
      expect(afstand).toBe(Math.min(brugge.get(nis) ?? Infinity, kortrijk.get(nis) ?? Infinity));
    expect(beide.get('31005')).toBe(0);
    expect(gemeentenBinnenVan([], 50).size).toBe(0);
    // Every gemeente within 15 km of either lies within 15 km by the table of distances.
    for (const [nis, afstand] of beide)
      expect(
        Math.min(
          VLAANDEREN.afstandenVanaf('31005').get(nis) ?? Infinity,
          VLAANDEREN.afstandenVanaf('34022').get(nis) ?? Infinity,
        ),
      ).toBe(afstand);
  });

  it('counts per km what lies within it, on the unrounded distance', () => {
    const lijst = perKm([0, 0.4, 1, 1.01, 19.99, 20, 20.0001, 50, 50.5]);
    expect(lijst).toHaveLength(50);
    expect(binnenKm(lijst, 1)).toBe(3);
    expect(binnenKm(lijst, 2)).toBe(4);
    expect(binnenKm(lijst, 20)).toBe(6);
    expect(binnenKm(lijst, 21)).toBe(7);
    expect(binnenKm(lijst, 50)).toBe(8);
    expect(binnenKm(undefined, 20)).toBe(0);
    expect(binnenKm([], 20)).toBe(0);
  });
});
