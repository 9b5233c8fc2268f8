import { describe, expect, it } from 'vitest';
import { gepeildeTellingen } from './gepeild.ts';

describe('gepeildeTellingen', () => {
  it('answers the stored counts of a cell of a past date, nulls and suppressed learners included', () => {
    const ref = {
      id: 'MIDWEST|DS-ELT-3|2026-11-01',
      gepeild: {
        aantalAanbieders: 3,
        aantalPlaatsen: null,
        aantalZoekendeLerenden: { waarde: null, onderdrukt: true },
      },
    };
    expect(gepeildeTellingen(ref)).toMatchObject({
      id: ref.id,
      aantalAanbieders: 3,
      aantalPlaatsen: null,
      aantalZoekendeLerenden: { waarde: null, onderdrukt: true },
    });
  });

  it('leaves a cell of now to its owner', () => {
    const nu: { id: string; gepeild?: null } = { id: 'MIDWEST|DS-ELT-3' };
    expect(gepeildeTellingen(nu)).toBeUndefined();
    expect(gepeildeTellingen({ ...nu, gepeild: null })).toBeUndefined();
  });
});
