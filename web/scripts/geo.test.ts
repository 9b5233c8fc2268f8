import { readFileSync } from 'node:fs';
import { WEST_VLAANDEREN } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { geoForProvince, regioOf } from './geo-build.ts';

const source = JSON.parse(
  readFileSync(new URL('../../../shared/domain/geo/gemeenten-vlaanderen.geojson', import.meta.url), 'utf8'),
) as unknown;

interface Out {
  features: {
    properties: { soort: string; nisCode?: string; regioCode: string };
    geometry: { type: string; coordinates: number[][][] };
  }[];
}

describe('the map data of a provincie', () => {
  const geo = geoForProvince(source, 'WEST_VLAANDEREN') as Out;

  it('holds every West-Vlaamse gemeente once, in the regio of the glossary', () => {
    const gemeenten = geo.features.filter((f) => f.properties.soort === 'gemeente');
    expect(gemeenten.map((f) => f.properties.nisCode).sort()).toEqual(
      WEST_VLAANDEREN.gemeenten.map((g) => g.nisCode).sort(),
    );
    for (const f of gemeenten)
      expect(f.properties.regioCode).toBe(WEST_VLAANDEREN.gemeente(f.properties.nisCode ?? '')?.regioCode);
  });

  it('outlines each of the five regio’s with closed rings', () => {
    const regios = geo.features.filter((f) => f.properties.soort === 'regio');
    expect(regios.map((f) => f.properties.regioCode).sort()).toEqual(
      WEST_VLAANDEREN.regios.map((r) => r.code).sort(),
    );
    for (const r of regios)
      for (const ring of r.geometry.coordinates) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('puts a gemeente outside West-Vlaanderen in its arrondissement', () => {
    expect(regioOf('11001')).toEqual({ code: 'ANTWERPEN', provincie: 'ANTWERPEN' });
    expect(regioOf('99999')).toBeUndefined();
  });

  it('is the committed file', () => {
    const committed = readFileSync(new URL('../public/geo/WEST_VLAANDEREN.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(geo)}\n`);
  });
});
