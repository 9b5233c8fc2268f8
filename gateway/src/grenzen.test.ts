import { describe, expect, it } from 'vitest';
import { leesGrenzen, STANDAARD_GRENZEN, teComplex } from './grenzen.ts';

describe('the limits', () => {
  it('have their defaults, each changed by its own variable', () => {
    expect(leesGrenzen({})).toEqual(STANDAARD_GRENZEN);
    expect(
      leesGrenzen({
        QUERY_MAX_DEPTH: '8',
        QUERY_MAX_ALIASES: '5',
        QUERY_MAX_ROOT_FIELDS: '4',
        QUERY_MAX_DIRECTIVES: '3',
        QUERY_MAX_TOKENS: '500',
        QUERY_MAX_COST: '1000',
        QUERY_ASSUMED_LIST_SIZE: '5',
        MAX_BODY_BYTES: '4096',
      }),
    ).toEqual({
      diepte: 8,
      aliassen: 5,
      wortelvelden: 4,
      directieven: 3,
      tokens: 500,
      kosten: 1000,
      aangenomenLijst: 5,
      bodyBytes: 4096,
    });
    expect(() => leesGrenzen({ QUERY_MAX_DEPTH: '0' })).toThrow(/QUERY_MAX_DEPTH/);
  });

  it('are refused with QUERY_TOO_COMPLEX naming the limit and both numbers', () => {
    const fout = teComplex('diepte', 16, 15);
    expect(fout.message).toBe('Query te complex: diepte (geneste velden) ten minste 16, de grens is 15.');
    expect(fout.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      grens: 'diepte',
      waarde: 16,
      maximum: 15,
    });
  });
});
