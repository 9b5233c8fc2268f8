import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VLAANDEREN, WEST_VLAANDEREN } from './gemeenten.ts';
import { rondKm } from './geo/afstand.ts';
import { referentiedatum, schooljaarVan } from './referentiedatum.ts';

function lees(pad: string): string[][] {
  const tekst = readFileSync(new URL(`../../../../shared/${pad}`, import.meta.url), 'utf8');
  return tekst
    .trimEnd()
    .split('\n')
    .map((r) => r.split(';'));
}

describe('the municipality table', () => {
  it('equals the West-Vlaanderen table of the glossary', () => {
    const glossary = readFileSync(new URL('../../../../shared/domain/GLOSSARY.md', import.meta.url), 'utf8');
    const rijen = [...glossary.matchAll(/^\| (3\d{4}) \| ([^|]+) \| (\d{4}) \| ([A-Z_]+) \|$/gm)].map((m) => [
      m[1],
      m[2]?.trim(),
      m[3],
      m[4],
    ]);
    expect(rijen).toHaveLength(64);
    expect(WEST_VLAANDEREN.gemeenten.map((g) => [g.nisCode, g.naam, g.postcodes[0], g.regioCode])).toEqual(
      rijen,
    );
  });

  it('has the 300 gemeenten of ../shared/domain/geo, each in a known region of its province', () => {
    const nis = new Set(VLAANDEREN.gemeenten.map((g) => g.nisCode));
    expect(nis.size).toBe(300);
    expect(VLAANDEREN.gemeenten).toHaveLength(300);
    const csv = lees('domain/geo/gemeenten-vlaanderen.csv').slice(1);
    for (const [nisCode = '', naam, , lat, lon] of csv) {
      const g = VLAANDEREN.gemeente(nisCode);
      expect(g?.naam).toBe(naam);
      expect(g?.ligging).toEqual({ lat: Number(lat), lon: Number(lon) });
    }
    for (const g of VLAANDEREN.gemeenten) {
      expect(VLAANDEREN.regio(g.regioCode)?.provincie).toBe(g.provincie);
    }
    expect(VLAANDEREN.regios).toHaveLength(19);
  });

  it('knows every Flemish postcode, deelgemeenten included, and lists all of a gemeente', () => {
    const rijen = lees('domain/geo/postcodes-vlaanderen.csv').slice(1);
    const perNis = new Map<string, Set<string>>();
    for (const [postcode = '', , nisCode = ''] of rijen) {
      perNis.set(nisCode, (perNis.get(nisCode) ?? new Set()).add(postcode));
      // 1804 Cargovil is the one postcode of two gemeenten: it answers the first.
      if (postcode !== '1804') expect(VLAANDEREN.gemeenteVoorPostcode(postcode)?.nisCode).toBe(nisCode);
    }
    expect(VLAANDEREN.gemeenteVoorPostcode('1804')?.nisCode).toBe('23088');
    for (const g of VLAANDEREN.gemeenten) expect(new Set(g.postcodes)).toEqual(perNis.get(g.nisCode));
    expect(VLAANDEREN.gemeenteVoorPostcode('8310')?.naam).toBe('Brugge');
    expect(VLAANDEREN.gemeenteVoorPostcode('8200')?.naam).toBe('Brugge');
    expect(VLAANDEREN.gemeenteVoorPostcode('8501')?.naam).toBe('Kortrijk');
    expect(VLAANDEREN.gemeenteVoorPostcode('1000')).toBeUndefined();
    expect(WEST_VLAANDEREN.gemeenteVoorPostcode('9000')).toBeUndefined();
  });

  it('measures from Roeselare what the README of the geo data lists within 15 km', () => {
    const readme = readFileSync(new URL('../../../../shared/domain/geo/README.md', import.meta.url), 'utf8');
    const zin = /the 15 km radius covers([\s\S]*?)km \(haversine\)/.exec(readme)?.[1] ?? '';
    const verwacht = [...zin.matchAll(/([A-Z][\w-]+(?:-[\w]+)*) (\d+\.\d)/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(verwacht).toHaveLength(19);
    const afstanden = VLAANDEREN.afstandenVanaf('36015');
    const binnen = VLAANDEREN.gemeenten
      .filter((g) => g.nisCode !== '36015' && (afstanden.get(g.nisCode) ?? Infinity) <= 15)
      .map((g) => [g.naam, rondKm(afstanden.get(g.nisCode) ?? NaN)] as const)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    expect(binnen).toEqual(verwacht);
    expect(afstanden.get('36015')).toBe(0);
  });
});

describe('reference date', () => {
  it('defaults to today and refuses a value that is no date', () => {
    expect(referentiedatum(undefined, new Date('2026-11-22T10:00:00Z'))).toBe('2026-11-22');
    expect(referentiedatum('2026-02-10')).toBe('2026-02-10');
    expect(() => referentiedatum('2026-02-30')).toThrow(/DUAAL_REFERENTIEDATUM/);
  });

  it('knows the school year runs from September to August', () => {
    expect(schooljaarVan('2026-09-01')).toBe('2026-2027');
    expect(schooljaarVan('2026-08-31')).toBe('2025-2026');
  });
});
