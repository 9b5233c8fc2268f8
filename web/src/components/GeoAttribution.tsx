import { GEO_ATTRIBUTION_TEXT } from './geo-attribution.ts';

/** The geographic data's attribution under distances shown without a map. */
export function GeoAttribution() {
  return <p className="hint bronvermelding">Afstanden: {GEO_ATTRIBUTION_TEXT.join(' ')}</p>;
}
