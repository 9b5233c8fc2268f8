import { PROVINCIES, VLAANDEREN, type Provincie } from '@duaal-graph/domein';
import { dissolveOutline, type PolygonRings } from './dissolve.ts';

export const PROVINCES_OF_GEO = PROVINCIES;

interface SourceFeature {
  readonly properties: { readonly nisCode: string; readonly naam: string };
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: PolygonRings }
    | { readonly type: 'MultiPolygon'; readonly coordinates: readonly PolygonRings[] };
}

/**
 * A gemeente's regio by the glossary: West-Vlaanderen's table names each one;
 * elsewhere a region is the arrondissement, the first two digits of the NIS code
 * (the domain table lists only some real gemeenten of each, the rest synthetic).
 */
export function regioOf(nisCode: string): { code: string; provincie: Provincie } | undefined {
  const known = VLAANDEREN.gemeente(nisCode);
  if (known) return { code: known.regioCode, provincie: known.provincie };
  // Outside West-Vlaanderen every gemeente of a regio shares the arrondissement's prefix.
  const sibling = VLAANDEREN.gemeenten.find(
    (g) => g.provincie !== 'WEST_VLAANDEREN' && g.nisCode.slice(0, 2) === nisCode.slice(0, 2),
  );
  return sibling && { code: sibling.regioCode, provincie: sibling.provincie };
}

function isSourceFeature(value: unknown): value is SourceFeature {
  const f = value as Partial<SourceFeature> | null;
  return (
    typeof f?.properties?.nisCode === 'string' &&
    (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
  );
}

/** The provincie's GeoJSON for the map: gemeenten first, then the regio outlines. */
export function geoForProvince(collection: unknown, provincie: Provincie): unknown {
  const features = (collection as { features?: unknown[] }).features ?? [];
  const gemeenten = features.filter(isSourceFeature).flatMap((f) => {
    const regio = regioOf(f.properties.nisCode);
    if (regio?.provincie !== provincie) return [];
    return [{ feature: f, regioCode: regio.code }];
  });
  const regioCodes = [...new Set(gemeenten.map((g) => g.regioCode))].sort();
  return {
    type: 'FeatureCollection',
    features: [
      ...gemeenten.map(({ feature, regioCode }) => ({
        type: 'Feature',
        properties: {
          soort: 'gemeente',
          nisCode: feature.properties.nisCode,
          naam: feature.properties.naam,
          regioCode,
        },
        geometry: feature.geometry,
      })),
      ...regioCodes.map((regioCode) => ({
        type: 'Feature',
        properties: { soort: 'regio', regioCode },
        geometry: {
          type: 'MultiLineString',
          coordinates: dissolveOutline(
            gemeenten
              .filter((g) => g.regioCode === regioCode)
              .flatMap(({ feature: { geometry } }) =>
                geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates,
              ),
          ),
        },
      })),
    ],
  };
}
