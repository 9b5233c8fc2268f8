import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCostDirectives } from './list-sizes.ts';
import { measureOperation } from './measure.ts';
import { MeasurementCache } from './measurement-cache.ts';
import { DEFAULT_OPERATION_LIMITS } from './settings.ts';

const SDL = `
  type Query {
    regios(first: Int = 10, naam: String): [Regio!]! @listSize(slicingArguments: ["first"])
    regio(naam: String): Regio
  }
  type Regio { naam: String gemeenten(first: Int): [Gemeente!]! @listSize(slicingArguments: ["first"]) }
  type Gemeente { naam: String }
`;
const schema = buildSchema(SDL, { assumeValidSDL: true });
const costs = readCostDirectives(parse(SDL));
const limits = { ...DEFAULT_OPERATION_LIMITS, cost: 1_000 };
const document = parse(
  'query Q($n: Int, $m: Int, $naam: String) { regios(first: $n, naam: $naam) { naam gemeenten(first: $m) { naam } } }',
);
const operation = getOperationAST(document);
if (!operation) throw new Error('geen operatie');

/** The measurement made afresh, the reading the cache must agree with. */
const vers = (variables: Record<string, unknown>) =>
  measureOperation(schema, costs, document, operation, variables, limits).excess;

describe('the measurement cache', () => {
  it('answers as a fresh measurement for every mix of sizes, in any order, kept or not', () => {
    const cache = new MeasurementCache(limits);
    const reeksen: Record<string, unknown>[] = [
      { n: 5, m: 5, naam: 'a' },
      { n: 5, m: 5, naam: 'b' },
      { n: 50, m: 50, naam: 'a' },
      { n: 5, m: 500 },
      {},
      { n: 50, m: 50, naam: 'c' },
      { n: 5, m: 5 },
      { n: null, m: 30 },
    ];
    for (const variables of [...reeksen, ...reeksen.reverse()])
      expect(cache.excess(schema, costs, document, operation, variables)).toEqual(vers(variables));
    // The walk must be able to refuse: some of these are too costly.
    expect(reeksen.filter((v) => vers(v) !== null).length).toBeGreaterThan(0);
    expect(reeksen.filter((v) => vers(v) === null).length).toBeGreaterThan(0);
  });

  it('measures once for requests that differ only in variables no size reads', () => {
    const cache = new MeasurementCache(limits);
    for (const naam of ['a', 'b', 'c', 'd'])
      expect(cache.excess(schema, costs, document, operation, { n: 5, m: 5, naam })).toBeNull();
    expect(cache.measurements).toBe(1);
    cache.excess(schema, costs, document, operation, { n: 6, m: 5, naam: 'a' });
    cache.excess(schema, costs, document, operation, { n: 5, m: 5, naam: 'e' });
    expect(cache.measurements).toBe(2);
  });
});
