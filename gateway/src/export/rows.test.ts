import { describe, expect, it } from 'vitest';
import { connectionRows, flatten, unnest } from './rows.ts';

describe('rows', () => {
  it('flattens nested objects into dotted columns and a Telling into its number', () => {
    expect(
      flatten({
        regioCode: 'MIDWEST',
        opleiding: { naam: 'Kok', niveau: 'SECUNDAIR' },
        gemeente: null,
        aantalZoekendeLerenden: { waarde: null, onderdrukt: true },
        aantalGestarteLerenden: { waarde: 7, onderdrukt: false },
        signalen: ['VRAAG_ZONDER_AANBOD'],
      }),
    ).toEqual({
      regioCode: 'MIDWEST',
      'opleiding.naam': 'Kok',
      'opleiding.niveau': 'SECUNDAIR',
      gemeente: null,
      aantalZoekendeLerenden: null,
      aantalGestarteLerenden: 7,
      signalen: ['VRAAG_ZONDER_AANBOD'],
    });
  });

  it('reads the nodes of a connection', () => {
    expect(connectionRows({ e: { edges: [{ node: { id: '1' } }, { node: { id: '2' } }] } }, 'e')).toEqual([
      { id: '1' },
      { id: '2' },
    ]);
  });

  it('unnests lists into one row per element with its kind', () => {
    expect(
      unnest(
        [{ opleiding: { code: 'X' }, a: [{ km: 1 }], b: [{ km: 2 }, { km: 3 }] }],
        [
          { veld: 'a', soort: 'A' },
          { veld: 'b', soort: 'B' },
        ],
      ),
    ).toEqual([
      { 'opleiding.code': 'X', soort: 'A', km: 1 },
      { 'opleiding.code': 'X', soort: 'B', km: 2 },
      { 'opleiding.code': 'X', soort: 'B', km: 3 },
    ]);
  });
});
