import { describe, expect, it } from 'vitest';
import { unansweredEntities } from './unanswered-entities.ts';

const fout = {
  message: 'Bron VDAB is niet beschikbaar (DOWN).',
  extensions: { code: 'PARTNER_UNAVAILABLE' },
};

describe('unansweredEntities', () => {
  it('answers every entity asked with each field asked of its type null, keeping what the representation holds', () => {
    const query = `query Radar__vacatures__1($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on RadarCel { aantalVacatures duaal: aantalDualeVacatures knelpunt regioCode }
        ... on Opleiding { knelpuntberoep }
      }
    }`;
    const representations = [
      { __typename: 'RadarCel', regioCode: 'MIDWEST', opleidingscode: 'X-1' },
      { __typename: 'Opleiding', code: 'X-1' },
      { __typename: 'Onbekend', id: '1' },
    ];
    expect(unansweredEntities({ query, variables: { representations } }, fout)).toEqual({
      data: {
        _entities: [
          {
            __typename: 'RadarCel',
            aantalVacatures: null,
            duaal: null,
            knelpunt: null,
            regioCode: 'MIDWEST',
          },
          { __typename: 'Opleiding', knelpuntberoep: null },
          { __typename: 'Onbekend' },
        ],
      },
      errors: [fout],
    });
  });

  it('leaves any other operation alone', () => {
    expect(unansweredEntities({ query: '{ vacatures { totalCount } }', variables: {} }, fout)).toBeNull();
    expect(
      unansweredEntities({ query: '{ _entities(representations: []) { __typename } }' }, fout),
    ).toBeNull();
    expect(
      unansweredEntities({ query: 'niet { geldig', variables: { representations: [] } }, fout),
    ).toBeNull();
  });
});
