import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCostDirectives } from './list-sizes.ts';
import { operationLimitsPlugin } from './plugin.ts';
import { DEFAULT_OPERATION_LIMITS, readOperationLimits, tooComplex } from './settings.ts';
import { parse } from 'graphql';

const SDL = `
  type Query { regio: Regio gemeenten: [Gemeente!]! @listSize(assumedSize: 300) }
  type Regio { gemeenten: [Gemeente!]! @listSize(assumedSize: 35) }
  type Gemeente { naam: String regio: Regio }
  type Mutation { doe: Int }
`;

let uitgevoerd = 0;
const server = new ApolloServer({
  typeDefs: SDL.replace(/@listSize\([^)]*\)/g, ''),
  resolvers: {
    Query: { regio: () => ({}), gemeenten: () => [] },
    Regio: { gemeenten: () => [] },
    Mutation: {
      doe: () => {
        uitgevoerd += 1;
        return 1;
      },
    },
  },
  plugins: [
    operationLimitsPlugin({
      limits: DEFAULT_OPERATION_LIMITS,
      costDirectives: () => readCostDirectives(parse(SDL)),
    }),
  ],
});

async function stuur(
  body: Record<string, unknown> | null,
  method = 'POST',
  search = '',
): Promise<{
  status: number;
  headers: HeaderMap;
  body: { errors?: { extensions?: Record<string, unknown> }[] };
}> {
  const antwoord = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method,
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        ['apollo-require-preflight', 'true'],
      ]),
      search,
      body,
    },
    context: () => Promise.resolve({}),
  });
  if (antwoord.body.kind !== 'complete') throw new Error('geen volledig antwoord');
  return {
    status: antwoord.status ?? 200,
    headers: antwoord.headers,
    body: JSON.parse(antwoord.body.string) as never,
  };
}

const code = (a: Awaited<ReturnType<typeof stuur>>) => a.body.errors?.[0]?.extensions?.['code'];

beforeAll(async () => {
  await server.start();
});

afterAll(async () => {
  await server.stop();
});

describe('the operation limits plugin', () => {
  const keten = `{ ${'regio { gemeenten { '.repeat(5)}naam${' } }'.repeat(5)} }`;

  it('refuses an operation over a limit, named or not, and whatever operationName says', async () => {
    for (const body of [
      { query: keten },
      { query: keten, operationName: '' },
      { query: keten, operationName: 'Onbekend' },
      { query: `query A ${keten} query B { __typename }` },
      { query: `query A { __typename } query B ${keten}`, operationName: '' },
    ]) {
      const a = await stuur(body);
      expect(a.status).toBe(400);
      expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', grens: 'kosten' });
    }
  });

  it('refuses an operation it cannot resolve with BAD_REQUEST, and runs none', async () => {
    for (const body of [
      { query: 'mutation { doe }', operationName: '' },
      { query: 'mutation { doe }', operationName: 'X' },
      { query: 'mutation A { doe } mutation B { doe }' },
    ]) {
      const a = await stuur(body);
      expect(a.status).toBe(400);
      expect(code(a)).toBe('BAD_REQUEST');
    }
    expect(uitgevoerd).toBe(0);
    expect((await stuur({ query: 'mutation A { doe } mutation B { doe }', operationName: 'B' })).status).toBe(
      200,
    );
    expect(uitgevoerd).toBe(1);
  });

  it('answers a GET that holds a mutation with 405, whatever operationName says', async () => {
    for (const search of [
      '?query=mutation%20%7B%20doe%20%7D',
      '?query=mutation%20%7B%20doe%20%7D&operationName=',
      '?query=mutation%20M%20%7B%20doe%20%7D&operationName=X',
      '?query=query%20Q%20%7B%20__typename%20%7D%20mutation%20M%20%7B%20doe%20%7D&operationName=Q',
    ]) {
      const a = await stuur(null, 'GET', search);
      expect(a.status).toBe(405);
      expect(a.headers.get('allow')).toBe('POST');
      expect(code(a)).toBe('BAD_REQUEST');
    }
    expect(uitgevoerd).toBe(1);
    expect((await stuur(null, 'GET', '?query=%7B%20__typename%20%7D')).status).toBe(200);
  });
});

describe('the limits', () => {
  it('have their defaults, each changed by its own variable', () => {
    expect(readOperationLimits({})).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(
      readOperationLimits({
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
      depth: 8,
      aliases: 5,
      rootFields: 4,
      directives: 3,
      tokens: 500,
      cost: 1000,
      assumedListSize: 5,
      bodyBytes: 4096,
    });
    expect(() => readOperationLimits({ QUERY_MAX_DEPTH: '0' })).toThrow(/QUERY_MAX_DEPTH/);
  });

  it('are refused with QUERY_TOO_COMPLEX naming the limit and both numbers', () => {
    const fout = tooComplex('diepte', 16, 15);
    expect(fout.message).toBe('Query te complex: diepte (geneste velden) ten minste 16, de grens is 15.');
    expect(fout.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      grens: 'diepte',
      waarde: 16,
      maximum: 15,
    });
  });
});
