import { buildSchema, getOperationAST, Kind, parse, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldSize, readCostDirectives, variablesWithDefaults } from './list-sizes.ts';

const SDL = `
  type Query {
    items(first: Int): [Item!]! @listSize(slicingArguments: ["first"], assumedSize: 20, requireOneSlicingArgument: false)
    pagina(first: Int = 30, after: String): ItemConnection!
      @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
    alles: [Item!]! @listSize(assumedSize: 360)
    zonder: [Item!]!
    een: Item @cost(weight: 5)
    _entities(representations: [String!]!): [Item]!
  }
  type ItemConnection { edges: [ItemEdge!]! @federation__listSize(assumedSize: 100) totalCount: Int! }
  type ItemEdge { node: Item! }
  type Item { naam: String }
`;
const schema = buildSchema(SDL, { assumeValidSDL: true });
const costs = readCostDirectives(parse(SDL));

function maat(query: string, variabelen: Record<string, unknown> = {}, handed?: number) {
  const operatie = getOperationAST(parse(query));
  const veld = operatie?.selectionSet.selections[0] as FieldNode | undefined;
  if (!operatie || veld?.kind !== Kind.FIELD) throw new Error('geen veld');
  const definitie = schema.getQueryType()?.getFields()[veld.name.value];
  if (!definitie) throw new Error('onbekend veld');
  const cost = costs.get('Query')?.get(veld.name.value);
  return fieldSize(veld, definitie, cost, variablesWithDefaults(operatie, variabelen), handed, 10);
}

describe('the list sizes of the cost', () => {
  it('read @listSize and @cost, imported or namespaced, and refuse a wrong argument', () => {
    expect(costs.get('Query')?.get('alles')).toEqual({ listSize: { assumedSize: 360 } });
    expect(costs.get('Query')?.get('een')).toEqual({ weight: 5 });
    expect(costs.get('ItemConnection')?.get('edges')).toEqual({ listSize: { assumedSize: 100 } });
    expect(costs.get('Query')?.has('zonder')).toBe(false);
    expect(() => readCostDirectives(parse('type Q { a: [Int] @listSize(assumedSize: -1) }'))).toThrow(
      /Q\.a assumedSize/,
    );
  });

  it('take a slicing argument: the literal, the variable, the argument default, else the assumed size', () => {
    expect(maat('{ items(first: 7) { naam } }').times).toBe(7);
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 42 }).times).toBe(42);
    expect(maat('query($n: Int = 3) { items(first: $n) { naam } }').times).toBe(3);
    expect(maat('{ items { naam } }').times).toBe(20);
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 'veel' }).times).toBe(20);
  });

  it("hand a connection's size to its sized fields instead of multiplying the connection", () => {
    expect(maat('{ pagina(first: 50) { totalCount } }')).toEqual({
      times: 1,
      sizedFields: new Map([['edges', 50]]),
    });
    expect(maat('{ pagina { totalCount } }').sizedFields?.get('edges')).toBe(30);
  });

  it('take a documented size, the size handed down, or the assumed size for an undocumented list', () => {
    expect(maat('{ alles { naam } }').times).toBe(360);
    expect(maat('{ alles { naam } }', {}, 4).times).toBe(4);
    expect(maat('{ zonder { naam } }').times).toBe(10);
    expect(maat('{ een { naam } }').times).toBe(1);
  });

  it('count an _entities fetch as its representations', () => {
    const query = 'query($r: [String!]!) { _entities(representations: $r) { naam } }';
    expect(maat(query, { r: Array.from({ length: 5_700 }, () => 'x') }).times).toBe(5_700);
    expect(maat('{ _entities(representations: ["a", "b"]) { naam } }').times).toBe(2);
    expect(maat(query, { r: 'geen lijst' }).times).toBe(1);
  });

  it('count at least one item, rounded up', () => {
    expect(maat('{ items(first: 0) { naam } }').times).toBe(1);
    expect(maat('{ items(first: -5) { naam } }').times).toBe(1);
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 2.5 }).times).toBe(3);
  });
});
