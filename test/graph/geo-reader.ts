/**
 * The geography of ../shared/domain/geo read straight from its CSV files, and
 * distances computed another way than the graph does (the chord between two
 * points on the unit sphere, turned into the arc): an independent reading.
 */
import { readFileSync } from 'node:fs';

const STRAAL_KM = 6371.0088;

function csv(naam: string): string[][] {
  const tekst = readFileSync(new URL(`../../../shared/domain/geo/${naam}`, import.meta.url), 'utf8');
  return tekst
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((r) => r.split(';'));
}

export interface GeoGemeente {
  readonly nis: string;
  readonly naam: string;
  readonly lat: number;
  readonly lon: number;
}

export const GEO_GEMEENTEN: readonly GeoGemeente[] = csv('gemeenten-vlaanderen.csv').map(
  ([nis = '', naam = '', , lat = '', lon = '']) => ({ nis, naam, lat: Number(lat), lon: Number(lon) }),
);
const PER_NIS = new Map(GEO_GEMEENTEN.map((g) => [g.nis, g]));

/** Every Flemish postcode with its gemeenten, in the file's order (1804 has two). */
export const GEO_POSTCODES: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [postcode = '', , nis = ''] of csv('postcodes-vlaanderen.csv')) {
    const lijst = m.get(postcode) ?? [];
    if (!lijst.includes(nis)) lijst.push(nis);
    m.set(postcode, lijst);
  }
  return m;
})();

export function nisVoorPostcode(postcode: string): string | null {
  return GEO_POSTCODES.get(postcode.trim())?.[0] ?? null;
}

function eenheidsvector(g: GeoGemeente): [number, number, number] {
  const φ = (g.lat * Math.PI) / 180;
  const λ = (g.lon * Math.PI) / 180;
  return [Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ)];
}

/** The great-circle distance in km between the representative points of two gemeenten, unrounded. */
export function afstandTussen(nisA: string, nisB: string): number {
  const a = PER_NIS.get(nisA);
  const b = PER_NIS.get(nisB);
  if (!a || !b) throw new Error(`unknown gemeente ${nisA} or ${nisB}`);
  const [x1, y1, z1] = eenheidsvector(a);
  const [x2, y2, z2] = eenheidsvector(b);
  const koorde = Math.hypot(x1 - x2, y1 - y2, z1 - z2);
  return 2 * STRAAL_KM * Math.asin(Math.min(1, koorde / 2));
}

export const tiendeKm = (km: number): number => Math.round(km * 10) / 10;
