import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { StelMatchVoorSchema, valideer, WijzigMatchStatusSchema } from './invoer.ts';

const GOED = {
  lerendeId: 'L-7f3a9c',
  ondernemingsnummer: 'BE 0403.170.701',
  vestigingsnummer: '2.145.678.996',
  opleidingscode: ' ds-elt-3 ',
  idempotencyKey: '5f0c6a3e-2b1d-4c1e-9a7f-0d1e2f3a4b5c',
};

/** The field a BAD_USER_INPUT names, or null when the input passes. */
function fout(schema: Parameters<typeof valideer>[0], invoer: unknown): string | null {
  try {
    valideer(schema, invoer);
    return null;
  } catch (f) {
    if (!(f instanceof GraphQLError)) throw f;
    expect(f.extensions['code']).toBe('BAD_USER_INPUT');
    return String(f.extensions['argument']);
  }
}

describe('stelMatchVoor input', () => {
  it('normalises the usual notations to what Kazi keeps', () => {
    expect(valideer(StelMatchVoorSchema, GOED)).toEqual({
      lerendeId: 'L-7f3a9c',
      ondernemingsnummer: '0403170701',
      vestigingsnummer: '2145678996',
      opleidingscode: 'DS-ELT-3',
      idempotencyKey: GOED.idempotencyKey,
    });
    expect(
      valideer(StelMatchVoorSchema, { ...GOED, ondernemingsnummer: '403170701', vestigingsnummer: null }),
    ).toMatchObject({ ondernemingsnummer: '0403170701', vestigingsnummer: null });
  });

  it.each([
    ['ondernemingsnummer', { ondernemingsnummer: '0403.170.702' }],
    ['vestigingsnummer', { vestigingsnummer: '2.145.678.997' }],
    ['lerendeId', { lerendeId: '../matches' }],
    ['lerendeId', { lerendeId: 'L-7f3a9c?x=1' }],
    ['opleidingscode', { opleidingscode: 'DS ELT/3' }],
    ['idempotencyKey', { idempotencyKey: 'twee\r\nX-Api-Key: gestolen' }],
    ['idempotencyKey', { idempotencyKey: '' }],
  ])('refuses a wrong %s, naming it', (veld, over) => {
    expect(fout(StelMatchVoorSchema, { ...GOED, ...over })).toBe(`input.${veld}`);
  });
});

describe('wijzigMatchStatus input', () => {
  const GOED_W = { matchId: 'M-000481', versie: 3, status: 'IN_GESPREK', reden: '  eerste gesprek  ' };

  it('trims the reason and leaves an empty one out', () => {
    expect(valideer(WijzigMatchStatusSchema, GOED_W)).toEqual({ ...GOED_W, reden: 'eerste gesprek' });
    expect(valideer(WijzigMatchStatusSchema, { ...GOED_W, reden: '  ' }).reden).toBeNull();
  });

  it.each([
    ['status', { status: 'VOORGESTELD' }],
    ['status', { status: 'GEMATCHT' }],
    ['versie', { versie: 0 }],
    ['matchId', { matchId: 'M-1/../../lerenden' }],
    ['reden', { reden: 'x'.repeat(501) }],
  ])('refuses a wrong %s, naming it', (veld, over) => {
    expect(fout(WijzigMatchStatusSchema, { ...GOED_W, ...over })).toBe(`input.${veld}`);
  });
});
