import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyAccessRules, typeRule } from './directive.ts';
import type { Gebruiker } from './caller.ts';

const R = '@toegang(rollen: ["analist", "beheerder"], eigen: ["partner"], openbareStatus: ["ERKEND"])';
const schema = applyAccessRules(
  buildSchema(`
    directive @toegang(rollen: [String!]!, eigen: [String!], openbareStatus: [String!]) on OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
    input Filter { sector: String, status: String ${R} }
    type Erkenning ${R} { id: ID!, sector: String!, status: String!, aantalMentoren: Int @toegang(rollen: ["analist"], eigen: ["partner"]) }
    type Lerende @toegang(rollen: [], eigen: ["trajectbegeleider"]) { id: ID!, instellingsnummer: String! }
    type Query {
      erkenningen(status: [String!] ${R}): [Erkenning!]!
      zoek(filter: Filter): Int!
      lerende: Lerende
    }
  `),
);

const ERKENNINGEN = [
  { id: 'a', sector: 'VOLTA', status: 'ERKEND', aantalMentoren: 2 },
  { id: 'b', sector: 'VOLTA', status: 'GESCHORST', aantalMentoren: 1 },
  { id: 'c', sector: 'EDUCAM', status: 'INGETROKKEN', aantalMentoren: 0 },
];

async function vraag(gebruiker: Gebruiker, source: string) {
  const resultaat = await graphql({
    schema,
    source,
    contextValue: { gebruiker },
    rootValue: {
      erkenningen: () => ERKENNINGEN,
      zoek: () => 1,
      lerende: () => ({ id: 'L-1', instellingsnummer: '030007' }),
    },
  });
  return {
    data: resultaat.data as Record<string, unknown> | null | undefined,
    codes: (resultaat.errors ?? []).map((e) => e.extensions['code']),
  };
}

const publiek: Gebruiker = { soort: 'publiek' };
const volta: Gebruiker = { soort: 'aangemeld', sub: 'p', rol: 'partner', sector: 'VOLTA' };
const analist: Gebruiker = { soort: 'aangemeld', sub: 'a', rol: 'analist' };
const begeleider: Gebruiker = {
  soort: 'aangemeld',
  sub: 't',
  rol: 'trajectbegeleider',
  instellingsnummer: '030007',
};

describe('@toegang', () => {
  it('leaves hidden items out of lists', async () => {
    const ids = async (g: Gebruiker) =>
      ((await vraag(g, '{ erkenningen { id } }')).data?.['erkenningen'] as { id: string }[]).map((e) => e.id);
    expect(await ids(publiek)).toEqual(['a']);
    expect(await ids(volta)).toEqual(['a', 'b']);
    expect(await ids(analist)).toEqual(['a', 'b', 'c']);
    expect(await ids(begeleider)).toEqual(['a']);
  });

  it('makes a restricted field null with FORBIDDEN, judging ownership on its parent', async () => {
    const r = await vraag(volta, '{ erkenningen { id aantalMentoren } }');
    expect(r.data?.['erkenningen']).toEqual([
      { id: 'a', aantalMentoren: 2 },
      { id: 'b', aantalMentoren: 1 },
    ]);
    const p = await vraag(publiek, '{ erkenningen { id aantalMentoren } }');
    expect(p.data?.['erkenningen']).toEqual([{ id: 'a', aantalMentoren: null }]);
    expect(p.codes).toEqual(['FORBIDDEN']);
  });

  it('refuses to filter on what one may not see, also through an input object', async () => {
    expect((await vraag(publiek, '{ erkenningen(status: ["GESCHORST"]) { id } }')).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await vraag(publiek, '{ erkenningen(status: ["ERKEND"]) { id } }')).codes).toEqual([]);
    expect((await vraag(volta, '{ erkenningen(status: ["GESCHORST"]) { id } }')).codes).toEqual([]);
    expect((await vraag(publiek, '{ zoek(filter: { status: "GESCHORST" }) }')).codes).toEqual(['FORBIDDEN']);
    expect((await vraag(publiek, '{ zoek(filter: { status: null }) }')).codes).toEqual(['FORBIDDEN']);
    expect((await vraag(volta, '{ zoek(filter: { status: "GESCHORST" }) }')).codes).toEqual(['FORBIDDEN']);
    expect((await vraag(volta, '{ zoek(filter: { status: "GESCHORST", sector: "EDUCAM" }) }')).codes).toEqual(
      ['FORBIDDEN'],
    );
    expect((await vraag(volta, '{ zoek(filter: { status: "GESCHORST", sector: "VOLTA" }) }')).codes).toEqual(
      [],
    );
    expect((await vraag(analist, '{ zoek(filter: { status: "GESCHORST" }) }')).codes).toEqual([]);
  });

  it('hides a single thing of another owner with FORBIDDEN', async () => {
    expect((await vraag(begeleider, '{ lerende { id } }')).data?.['lerende']).toEqual({ id: 'L-1' });
    const ander = await vraag({ ...begeleider, instellingsnummer: '999999' }, '{ lerende { id } }');
    expect(ander).toEqual({ data: { lerende: null }, codes: ['FORBIDDEN'] });
    expect((await vraag(analist, '{ lerende { id } }')).codes).toEqual(['FORBIDDEN']);
  });

  it('gives the rule of a type to code that must decide by the same rule', () => {
    const regel = typeRule(schema, 'Erkenning');
    expect(regel && [...regel.rollen]).toEqual(['analist', 'beheerder']);
    expect(regel && [...regel.eigen]).toEqual(['partner']);
    expect(regel?.openbareStatus && [...regel.openbareStatus]).toEqual(['ERKEND']);
    expect(typeRule(schema, 'Lerende')?.eigen.has('trajectbegeleider')).toBe(true);
    // No rule: a public type, an input type, a type that does not exist.
    expect(typeRule(schema, 'Query')).toBeNull();
    expect(typeRule(schema, 'Filter')).toBeNull();
    expect(typeRule(schema, 'Nergens')).toBeNull();
  });
});
