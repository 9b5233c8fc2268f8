/** A point in WGS84, in degrees. */
export interface Punt {
  readonly lat: number;
  readonly lon: number;
}

/** The mean radius of the Earth (IUGG), the sphere every distance of the graph is measured on. */
export const AARDSTRAAL_KM = 6371.0088;

const radialen = (graden: number) => (graden * Math.PI) / 180;

/**
 * The great-circle distance between two points on a sphere of radius
 * 6371.0088 km, by the haversine formula (well conditioned for the short
 * distances of Flanders, unlike the spherical law of cosines). Unrounded:
 * "within" compares this value, and only what is shown is rounded.
 */
export function afstandKm(a: Punt, b: Punt): number {
  const dLat = radialen(b.lat - a.lat);
  const dLon = radialen(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radialen(a.lat)) * Math.cos(radialen(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * AARDSTRAAL_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A distance as the graph shows it: km rounded to 0.1 (the precision is the gemeente anyway). */
export function rondKm(km: number): number {
  return Math.round(km * 10) / 10;
}
