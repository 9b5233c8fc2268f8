import { describe, expect, it } from 'vitest';
import { onbekendVan, signalenVan, type CelTellingen } from './signalen.ts';

const volledig: CelTellingen = {
  aantalAanbieders: 2,
  aantalPlaatsen: 40,
  aantalErkendeLeerwerkplekken: 3,
  aantalVacatures: 0,
  knelpunt: false,
  aantalZoekendeLerenden: { waarde: 0, onderdrukt: false },
  aantalGestarteLerenden: { waarde: null, onderdrukt: true },
  aantalActieveLeerwerkplekken: 0,
};

describe('signalen', () => {
  it('flags offer without recognised workplaces', () => {
    expect(signalenVan({ ...volledig, aantalErkendeLeerwerkplekken: 0 })).toEqual([
      'AANBOD_ZONDER_LEERWERKPLEKKEN',
    ]);
    expect(signalenVan(volledig)).toEqual([]);
  });

  it('flags demand without offer, and knelpunt without offer', () => {
    expect(
      signalenVan({
        ...volledig,
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
        ...volledig,
        aantalAanbieders: 1,
        aantalErkendeLeerwerkplekken: 0,
        aantalZoekendeLerenden: onderdrukt,
      }),
    ).toEqual(['AANBOD_ZONDER_LEERWERKPLEKKEN', 'LERENDEN_ZONDER_LEERWERKPLEK']);
    expect(signalenVan({ ...volledig, aantalAanbieders: 0, aantalErkendeLeerwerkplekken: 0 })).toEqual([]);
  });

  it('raises a signal only on measures that are known, null or missing alike', () => {
    // Workplaces unknown: neither signal that needs them, though offer and learners would raise both.
    const zonderPlekken = { ...volledig, aantalZoekendeLerenden: { waarde: 7, onderdrukt: false } };
    expect(signalenVan({ ...zonderPlekken, aantalErkendeLeerwerkplekken: null })).toEqual([]);
    const { aantalErkendeLeerwerkplekken: _weg, ...zonderVeld } = zonderPlekken;
    expect(signalenVan(zonderVeld)).toEqual([]);
    // Offer unknown: no VRAAG_ZONDER_AANBOD nor KNELPUNT_ZONDER_AANBOD, however many vacatures.
    expect(signalenVan({ ...volledig, aantalAanbieders: null, aantalVacatures: 9, knelpunt: true })).toEqual(
      [],
    );
    // Vacatures unknown: no VRAAG_ZONDER_AANBOD; the knelpunt, known, still counts.
    expect(signalenVan({ ...volledig, aantalAanbieders: 0, aantalVacatures: null, knelpunt: true })).toEqual([
      'KNELPUNT_ZONDER_AANBOD',
    ]);
    // Learners unknown: no LERENDEN_ZONDER_LEERWERKPLEK; the offer signal stands.
    expect(
      signalenVan({ ...volledig, aantalErkendeLeerwerkplekken: 0, aantalZoekendeLerenden: null }),
    ).toEqual(['AANBOD_ZONDER_LEERWERKPLEKKEN']);
  });
});

describe('onbekend', () => {
  it('is empty when every count is known', () => {
    expect(onbekendVan(volledig)).toEqual([]);
  });

  it('lists each measure whose count is null or missing, in the order of the enum', () => {
    expect(
      onbekendVan({
        aantalPlaatsen: null,
        aantalErkendeLeerwerkplekken: null,
        knelpunt: false,
        aantalVacatures: null,
        aantalZoekendeLerenden: null,
        aantalGestarteLerenden: { waarde: null, onderdrukt: false },
      }),
    ).toEqual([
      'AANBOD',
      'ERKENDE_LEERWERKPLEKKEN',
      'VACATURES',
      'ZOEKENDE_LERENDEN',
      'GESTARTE_LERENDEN',
      'ACTIEVE_LEERWERKPLEKKEN',
      'PLAATSEN',
    ]);
    expect(onbekendVan({ ...volledig, knelpunt: null })).toEqual(['VACATURES']);
  });

  it('knows a suppressed learner count, and not one that is null without being suppressed', () => {
    expect(onbekendVan({ ...volledig, aantalZoekendeLerenden: { waarde: null, onderdrukt: true } })).toEqual(
      [],
    );
    expect(onbekendVan({ ...volledig, aantalZoekendeLerenden: { waarde: null, onderdrukt: false } })).toEqual(
      ['ZOEKENDE_LERENDEN'],
    );
  });
});
