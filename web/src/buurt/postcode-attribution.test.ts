import { GEO_BRONVERMELDING } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTION } from '../radar/attribution.ts';
import { POSTCODE_ATTRIBUTION } from './postcode-attribution.ts';

/** What a reader sees of an attribution written as HTML for Leaflet. */
const tekst = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&amp;', '&');

describe('the attribution of the In de buurt map', () => {
  it('names both sources the geographic data ask for: the gemeentegrenzen and the postcode–gemeente link', () => {
    const getoond = [ATTRIBUTION, POSTCODE_ATTRIBUTION].map(tekst).join(' | ');
    for (const regel of GEO_BRONVERMELDING) expect(getoond).toContain(regel.replace(/\.$/, ''));
  });
});
