import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VLAANDEREN, WEST_VLAANDEREN } from './gemeenten.ts';
import { referentiedatum, schooljaarVan } from './referentiedatum.ts';

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

  it('has unique NIS codes and postcodes across Flanders, each in a known region of its province', () => {
    const nis = new Set(VLAANDEREN.gemeenten.map((g) => g.nisCode));
    const postcodes = new Set(VLAANDEREN.gemeenten.flatMap((g) => g.postcodes));
    expect(nis.size).toBe(VLAANDEREN.gemeenten.length);
    expect(postcodes.size).toBe(VLAANDEREN.gemeenten.length);
    for (const g of VLAANDEREN.gemeenten) {
      expect(VLAANDEREN.regio(g.regioCode)?.provincie).toBe(g.provincie);
    }
    expect(VLAANDEREN.regios).toHaveLength(19);
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
