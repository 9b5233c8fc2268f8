import { GEO_BRONVERMELDING } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { GEO_ATTRIBUTION_TEXT } from './geo-attribution.ts';
import { ATTRIBUTION } from '../radar/attribution.ts';
import { POSTCODE_ATTRIBUTION } from '../buurt/postcode-attribution.ts';

/** What a reader sees of an attribution written as HTML for Leaflet. */
const tekst = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&amp;', '&');

describe('the attribution of the geographic data', () => {
  it('names both sources the geographic data ask for: the gemeentegrenzen and the postcode–gemeente link', () => {
    const getoond = [ATTRIBUTION, POSTCODE_ATTRIBUTION].map(tekst).join(' | ');
    for (const regel of GEO_BRONVERMELDING) expect(getoond).toContain(regel.replace(/\.$/, ''));
  });

  it('is, as text for a page without a map, exactly what the domein package gives', () => {
    expect(GEO_ATTRIBUTION_TEXT).toEqual(GEO_BRONVERMELDING);
  });
});
