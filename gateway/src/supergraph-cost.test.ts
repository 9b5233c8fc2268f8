import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import {
  DEFAULT_OPERATION_LIMITS,
  measureOperation,
  readCostDirectives,
  type OperationLimits,
} from '@duaal-graph/subgraph-toolkit';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

// The supergraph as the gateway serves it: its types and its list sizes are what the cost looks at.
const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = buildSchema(supergraph);
const costs = readCostDirectives(parse(supergraph));

function meet(
  query: string,
  variabelen?: Record<string, unknown>,
  grenzen: OperationLimits = DEFAULT_OPERATION_LIMITS,
) {
  const document = parse(query);
  const operatie = getOperationAST(document);
  if (!operatie) throw new Error('geen operatie');
  return measureOperation(schema, costs, document, operatie, variabelen, grenzen);
}

/** An operation n fields deep: vestiging → onderneming → vestigingen → onderneming … → __typename. */
function diep(n: number): string {
  const velden = Array.from({ length: n - 1 }, (_, i) =>
    i === 0 ? 'vestiging(vestigingsnummer: "1")' : i % 2 === 1 ? 'onderneming' : 'vestigingen',
  );
  return `{ ${velden.join(' { ')} { __typename ${' }'.repeat(n - 1)} }`;
}

/** The radar of West-Vlaanderen with every field of a cell in the contract. */
const RADAR = `{ radar(provincie: WEST_VLAANDEREN) {
  regioCode opleidingscode regio { naam } opleiding { naam } aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken
  aantalVacatures aantalDualeVacatures knelpunt aantalZoekendeLerenden { waarde onderdrukt } witteVlek signalen } }`;

const BEDRIJF = `query Bedrijven($n: Int) { ondernemingen(first: $n) { totalCount
  edges { cursor node { ondernemingsnummer naam
    erkenningen { sector status geldigTot opleiding { naam aanbod { school { naam } gemeente { naam } } } } } }
  pageInfo { hasNextPage endCursor } } }`;

describe('the operation limits', () => {
  it('let the radar of a province with all its fields pass: 360 cells at most, a cost of 6,121', () => {
    expect(meet(RADAR)).toEqual({
      measurement: { depth: 3, aliases: 0, rootFields: 1, directives: 0, cost: 6_121 },
      excess: null,
    });
  });

  it('let company → erkenningen → opleiding → aanbod → school pass at the largest page of 100', () => {
    const { measurement, excess } = meet(BEDRIJF, { n: 100 });
    expect(excess).toBeNull();
    expect(measurement?.depth).toBe(8);
    // 100 companies, 10 erkenningen each, 100 aanbod rows each (the schema's @listSize):
    // 3 + 3 + 100 * (2 + 3 + 10 * (4 + 2 + 100 * 4))
    expect(measurement?.cost).toBe(406_506);
  });

  it("take `first` from the variable's default, or the contract's 20", () => {
    const standaard = meet(BEDRIJF).measurement?.cost;
    expect(meet(BEDRIJF.replace('$n: Int', '$n: Int = 20'), {}).measurement?.cost).toBe(standaard);
    expect(meet(BEDRIJF, { n: 20 }).measurement?.cost).toBe(standaard);
    expect(meet(BEDRIJF, { n: 5 }).measurement?.cost).toBeLessThan(standaard ?? 0);
  });

  it("take a list's `first` default from the schema (bevindingen: 50)", () => {
    const vijftig = meet('{ onderwijsbron { bevindingen { regel } } }').measurement?.cost;
    expect(vijftig).toBe(1 + 1 + 50);
    expect(meet('{ onderwijsbron { bevindingen(first: 1000) { regel veld } } }').measurement?.cost).toBe(
      2 + 2000,
    );
  });

  it('count a connection without its edges once, whatever `first` says', () => {
    expect(meet('{ scholen(first: 100000) { totalCount } }')).toMatchObject({
      measurement: { cost: 2 },
      excess: null,
    });
  });

  it('refuse a huge `first` on the items by their cost', () => {
    const { excess } = meet('{ ondernemingen(first: 1000000) { edges { node { naam } } } }');
    expect(excess).toMatchObject({ grens: 'kosten', maximum: 500_000 });
    expect(excess?.waarde).toBeGreaterThan(100_000);
  });

  it('count an empty page as one item, so that no selection is free', () => {
    expect(meet('{ ondernemingen(first: 0) { edges { node { naam } } } }').measurement?.cost).toBe(4);
  });

  it('multiply nested lists, and refuse where they go too far', () => {
    const q = `{ ondernemingen(first: 100) { edges { node { erkenningen { opleiding { aanbod { school { aanbod {
      opleiding { naam } } } } } } } } } }`;
    expect(meet(q).excess).toMatchObject({ grens: 'kosten' });
  });

  it('measure the depth, and stop at 15', () => {
    // Lists in the chain: the cost would stop it first, so the cost is let go here.
    const ruim = { ...DEFAULT_OPERATION_LIMITS, cost: Number.MAX_SAFE_INTEGER };
    expect(meet(diep(15), {}, ruim)).toMatchObject({ measurement: { depth: 15 }, excess: null });
    expect(meet(diep(16), {}, ruim).excess).toMatchObject({
      grens: 'diepte',
      waarde: 16,
      maximum: 15,
    });
  });

  it("let a tool's introspection query pass (its 15 levels of ofType do not count as depth)", () => {
    const { measurement, excess } = meet(getIntrospectionQuery({ descriptions: true }));
    expect(excess).toBeNull();
    expect(measurement?.depth).toBe(1);
  });

  it('count aliases in fragments each time a fragment is spread', () => {
    const q = `{ ...A ...A } fragment A on Query { a: regios { naam } b: regios { naam } }`;
    expect(meet(q).measurement).toMatchObject({ aliases: 4, rootFields: 4 });
  });

  it('refuse an alias bomb', () => {
    const velden = Array.from({ length: 31 }, (_, i) => `n${i}: naam`).join(' ');
    expect(meet(`{ opleiding(code: "X") { ${velden} } }`).excess).toMatchObject({
      grens: 'aliassen',
      waarde: 31,
      maximum: 30,
    });
  });

  it('refuse too many root fields', () => {
    const velden = Array.from({ length: 21 }, (_, i) => `r${i}: regios { naam }`).join(' ');
    const ruim = { ...DEFAULT_OPERATION_LIMITS, aliases: 100 };
    expect(meet(`{ ${velden} }`, {}, ruim).excess).toMatchObject({
      grens: 'wortelvelden',
      maximum: 20,
    });
  });

  it('refuse too many directives, on the operation, fields and fragments', () => {
    const velden = Array.from({ length: 11 }, () => 'naam @include(if: true) code @skip(if: false)').join(
      ' ',
    );
    expect(meet(`{ regio(code: "X") { ${velden} } }`).excess).toMatchObject({
      grens: 'directieven',
      maximum: 20,
    });
    expect(
      meet(`{ regio(code: "X") { ...F @include(if: true) } } fragment F on Regio { naam }`).measurement,
    ).toMatchObject({ directives: 1 });
  });

  it('stop a fragment bomb at the cost limit, without expanding it', () => {
    // F0 holds one field; each next fragment spreads the one before ten times: 10^8 fields in the end.
    const fragmenten = [`fragment F0 on Query { regios { naam } }`];
    for (let i = 1; i <= 8; i++)
      fragmenten.push(
        `fragment F${i} on Query { ${Array(10)
          .fill(`...F${i - 1}`)
          .join(' ')} }`,
      );
    const { measurement, excess } = meet(
      `{ ...F8 } ${fragmenten.join(' ')}`,
      {},
      {
        ...DEFAULT_OPERATION_LIMITS,
        rootFields: Number.MAX_SAFE_INTEGER,
      },
    );
    expect(excess).toMatchObject({ grens: 'kosten', maximum: 500_000 });
    expect(measurement).toBeNull();
  });

  it('measure a mutation and a query alike', () => {
    const eigen = buildSchema(
      'type Query { a: Int } type Mutation { doe(n: Int): [Item!]! } type Item { x: Int }',
    );
    const document = parse('mutation { doe(n: 1) { x } }');
    const operatie = getOperationAST(document);
    if (!operatie) throw new Error('geen operatie');
    expect(
      measureOperation(eigen, new Map(), document, operatie, {}, DEFAULT_OPERATION_LIMITS).measurement?.cost,
    ).toBe(11);
  });

  it('take the list sizes from the supergraph, as composition carries them', () => {
    expect(costs.get('Query')?.get('radar')).toEqual({ listSize: { assumedSize: 360 } });
    expect(costs.get('Opleiding')?.get('aanbod')).toEqual({ listSize: { assumedSize: 100 } });
    expect(costs.get('Query')?.get('ondernemingen')?.listSize).toMatchObject({
      slicingArguments: ['first'],
      sizedFields: ['edges'],
      assumedSize: 20,
    });
  });

  // Issue 9, finding 3: 27 tokens that nest the radar's 360 cells into every opleiding's aanbod and every school's.
  it.each([
    '{ radar(provincie: WEST_VLAANDEREN) { opleiding { aanbod { school { aanbod { school { naam } } } } } } }',
    '{ radar(provincie: WEST_VLAANDEREN) { opleiding { aanbod { school { aanbod { opleiding { naam } } } } } } }',
    `{ radar(provincie: WEST_VLAANDEREN) { opleiding { aanbod { school { aanbod { opleiding { aanbod {
      school { naam } } } } } } } } }`,
    '{ opleidingen { aanbod { school { aanbod { opleiding { aanbod { school { naam } } } } } } } }',
  ])('refuse a nesting of lists without `first` by the sizes the schema documents: %s', (query) => {
    expect(meet(query).excess).toMatchObject({ grens: 'kosten', maximum: 500_000 });
  });

  it('count a list without a documented size as the assumed size', () => {
    // Introspection lists carry no @listSize.
    expect(meet('{ __schema { types { name } } }').measurement?.cost).toBe(1 + 1 + 10);
  });
});
