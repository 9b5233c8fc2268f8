import { describe, expect, it } from 'vitest';
import { signalenVan } from './signalen.ts';

describe('signalen', () => {
  it('flags offer without recognised workplaces', () => {
    expect(signalenVan({ aantalAanbieders: 2, aantalErkendeLeerwerkplekken: 0 })).toEqual([
      'AANBOD_ZONDER_LEERWERKPLEKKEN',
    ]);
    expect(signalenVan({ aantalAanbieders: 2, aantalErkendeLeerwerkplekken: 3 })).toEqual([]);
  });

  it('flags demand without offer, and knelpunt without offer', () => {
    expect(
      signalenVan({
        aantalAanbieders: 0,
        aantalErkendeLeerwerkplekken: 4,
        aantalVacatures: 3,
        knelpunt: true,
      }),
    ).toEqual(['VRAAG_ZONDER_AANBOD', 'KNELPUNT_ZONDER_AANBOD']);
  });

  it('treats a suppressed learner count as not 0', () => {
    const onderdrukt = { waarde: null, onderdrukt: true };
    expect(
      signalenVan({
        aantalAanbieders: 1,
        aantalErkendeLeerwerkplekken: 0,
        aantalZoekendeLerenden: onderdrukt,
      }),
    ).toEqual(['AANBOD_ZONDER_LEERWERKPLEKKEN', 'LERENDEN_ZONDER_LEERWERKPLEK']);
    expect(
      signalenVan({
        aantalAanbieders: 0,
        aantalErkendeLeerwerkplekken: 0,
        aantalZoekendeLerenden: { waarde: 0, onderdrukt: false },
      }),
    ).toEqual([]);
  });

  it('raises nothing from counts no subgraph provides yet', () => {
    expect(signalenVan({ aantalAanbieders: 0, aantalErkendeLeerwerkplekken: 0 })).toEqual([]);
  });
});
