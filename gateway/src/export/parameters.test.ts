import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseParameters } from './parameters.ts';

const operatie = parse(
  'query X($provincie: Provincie!, $km: Int, $geldig: Boolean, $lat: Float, $codes: [ID!], $van: Date, $first: Int) { x }',
).definitions[0] as OperationDefinitionNode;

const lees = (search: string) => parseParameters(operatie, new URLSearchParams(search));

describe('parseParameters', () => {
  it('reads each parameter as the scalar of its variable', () => {
    expect(lees('provincie=WEST_VLAANDEREN&km=25&geldig=true&lat=51,2&codes=a&codes=b')).toEqual({
      ok: true,
      variables: { provincie: 'WEST_VLAANDEREN', km: 25, geldig: true, lat: 51.2, codes: ['a', 'b'] },
    });
  });

  it.each([
    ['onbekend=1', 'onbekend'],
    ['km=twee', 'km'],
    ['km=1.5', 'km'],
    ['geldig=ja', 'geldig'],
    ['km=1&km=2', 'km'],
    ['km=99999999999', 'km'],
    ['van=morgen', 'van'],
    ['van=2026-02-30', 'van'],
    ['van=2026-2-3', 'van'],
  ])('refuses %s as BAD_USER_INPUT naming %s', (search, argument) => {
    const uitslag = lees(search);
    expect(uitslag.ok).toBe(false);
    if (!uitslag.ok) expect(uitslag.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('reads a Date as a calendar date, unchanged', () => {
    expect(lees('provincie=LIMBURG&van=2028-02-29')).toEqual({
      ok: true,
      variables: { provincie: 'LIMBURG', van: '2028-02-29' },
    });
  });

  it('refuses a variable the export sets itself as an unknown parameter', () => {
    const uitslag = parseParameters(operatie, new URLSearchParams('first=5'), new Set(['first']));
    expect(uitslag.ok).toBe(false);
    if (!uitslag.ok) {
      expect(uitslag.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
      expect(uitslag.error.message).toContain('kent provincie, km, geldig, lat, codes, van.');
    }
  });

  it('refuses a missing required parameter as BAD_USER_INPUT naming it, in Dutch', () => {
    for (const search of ['', 'km=5']) {
      const uitslag = lees(search);
      expect(uitslag.ok).toBe(false);
      if (!uitslag.ok) {
        expect(uitslag.error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'provincie' });
        expect(uitslag.error.message).toBe("De parameter 'provincie' is verplicht voor deze export.");
      }
    }
  });

  it('does not ask for a required variable the export sets itself, or one with a default', () => {
    const eigen = parse('query Y($first: Int!, $km: Int! = 20, $nr: String) { y }')
      .definitions[0] as OperationDefinitionNode;
    expect(parseParameters(eigen, new URLSearchParams(''), new Set(['first']))).toEqual({
      ok: true,
      variables: {},
    });
  });
});
