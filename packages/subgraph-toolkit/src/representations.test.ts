import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateRepresentations } from './representations.ts';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
  type Query { regio(code: String!): Regio }
  enum Provincie { WEST_VLAANDEREN LIMBURG }
  type Regio @key(fields: "code") { code: String! provincie: Provincie! }
  type Cel @key(fields: "regioCode opleidingscode") @key(fields: "id") {
    id: ID!
    regioCode: String!
    opleidingscode: String!
    aantal: Int! @external
    telling: Telling! @external
    dubbel: Int! @requires(fields: "aantal telling { waarde }")
  }
  type Telling { waarde: Int onderdrukt: Boolean! }
  type Gemeente @key(fields: "nisCode", resolvable: false) { nisCode: String! }
`);

const gelezen: unknown[] = [];
const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    Regio: {
      __resolveReference: (ref: { code: string }) => {
        gelezen.push(ref);
        return { code: ref.code.trim(), provincie: 'WEST_VLAANDEREN' };
      },
    },
    Cel: {
      __resolveReference: (ref: object) => ({ regioCode: 'R', ...ref }),
      dubbel: (c: { aantal: number; telling: { waarde: number } }) => c.aantal * 2 + c.telling.waarde,
    },
  },
});
validateRepresentations(schema, typeDefs);

const QUERY = parse(`query($r: [_Any!]!, $metDubbel: Boolean!) {
  _entities(representations: $r) {
    ... on Regio { code provincie }
    ... on Cel { regioCode dubbel @include(if: $metDubbel) }
  }
}`);

async function entiteiten(representations: unknown[], metDubbel = false): Promise<ExecutionResult> {
  return execute({ schema, document: QUERY, variableValues: { r: representations, metDubbel } });
}

async function weigering(representations: unknown[], metDubbel = false): Promise<string> {
  gelezen.length = 0;
  const a = await entiteiten(representations, metDubbel);
  expect(a.errors).toHaveLength(1);
  expect(a.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'representations' });
  expect(gelezen).toEqual([]);
  return a.errors?.[0]?.message ?? '';
}

describe('the representations of an _entities call', () => {
  it('pass as a router builds them, with either key and the fields a @requires needs', async () => {
    const a = await entiteiten(
      [
        { __typename: 'Regio', code: 'BRUGGE' },
        { __typename: 'Cel', id: 'c1', aantal: 2, telling: { __typename: 'Telling', waarde: null } },
        { __typename: 'Cel', regioCode: 'BRUGGE', opleidingscode: 'x', aantal: 2, telling: { waarde: 1 } },
      ],
      true,
    );
    expect(a.errors).toBeUndefined();
    expect(a.data?.['_entities']).toEqual([
      { code: 'BRUGGE', provincie: 'WEST_VLAANDEREN' },
      { regioCode: 'R', dubbel: 4 },
      { regioCode: 'BRUGGE', dubbel: 5 },
    ]);
  });

  it('are refused before any resolver when a key is missing or of another type', async () => {
    expect(await weigering([{ __typename: 'Regio' }])).toBe(
      'Ongeldige representatie 0 in _entities: Regio.code ontbreekt.',
    );
    expect(await weigering([{ __typename: 'Regio', code: 42 }])).toContain('Regio.code is geen String');
    expect(await weigering([{ __typename: 'Cel', id: 7 }])).toContain('Cel.id is geen ID');
    expect(await weigering([{ __typename: 'Regio', code: null }])).toContain('Regio.code mag niet null zijn');
    expect(await weigering([{ __typename: 'Regio', code: { $gt: '' } }])).toContain('is geen String');
    expect(await weigering([{ __typename: 'Regio', code: 'A', provincie: 'BRABANT' }])).toContain(
      'Regio.provincie is geen Provincie',
    );
    expect(await weigering([{ __typename: 'Cel', regioCode: 'BRUGGE' }])).toContain('ontbreekt');
  });

  it('are refused for a forged __typename, a field the type lacks, or garbage', async () => {
    for (const typename of ['Query', 'Telling', 'Gemeente', 'Bestaat', '__Schema', 42])
      expect(await weigering([{ __typename: typename, code: 'A', nisCode: '31005' }])).toMatch(
        /geen entiteit|__typename ontbreekt/,
      );
    expect(await weigering([{ __typename: 'Regio', code: 'A', constructor: 'x' }])).toContain(
      'Regio.constructor is geen veld van Regio',
    );
    for (const rommel of ['x', 42, [], true, { code: 'A' }])
      expect(await weigering([{ __typename: 'Regio', code: 'A' }, rommel])).toContain('representatie 1');
  });

  it('need the @requires fields of the fields asked, and only those', async () => {
    const cel = { __typename: 'Cel', id: 'c1' };
    expect((await entiteiten([cel])).errors).toBeUndefined();
    expect(await weigering([cel], true)).toBe(
      'Ongeldige representatie 0 in _entities: Cel.aantal ontbreekt (nodig voor dubbel).',
    );
    expect(await weigering([{ ...cel, aantal: 1, telling: {} }], true)).toContain(
      'Cel.telling.waarde ontbreekt',
    );
    expect(await weigering([{ ...cel, aantal: 1, telling: { waarde: 'veel' } }], true)).toContain(
      'Cel.telling.waarde is geen Int',
    );
  });
});
