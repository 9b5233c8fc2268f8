import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PAD } from '@duaal-graph/schema';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { STANDAARD_GRENZEN, type Grenzen } from './grenzen.ts';
import { meetOperatie } from './meting.ts';

// The supergraph as the gateway serves it: its types are what the cost looks at.
const schema = buildSchema(readFileSync(SUPERGRAPH_PAD, 'utf8'));

function meet(query: string, variabelen?: Record<string, unknown>, grenzen: Grenzen = STANDAARD_GRENZEN) {
  const document = parse(query);
  const operatie = getOperationAST(document);
  if (!operatie) throw new Error('geen operatie');
  return meetOperatie(schema, document, operatie, variabelen, grenzen);
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
  it('let the radar of West-Vlaanderen with all its fields pass, with a cost of 171', () => {
    expect(meet(RADAR)).toEqual({
      meting: { diepte: 3, aliassen: 0, wortelvelden: 1, directieven: 0, kosten: 171 },
      overschreden: null,
    });
  });

  it('let company → erkenningen → opleiding → aanbod → school pass at the largest page of 100', () => {
    const { meting, overschreden } = meet(BEDRIJF, { n: 100 });
    expect(overschreden).toBeNull();
    expect(meting.diepte).toBe(8);
    // 100 companies, 10 erkenningen each, 10 aanbod rows each: 1 + 1 + 1 + 100 * (2 + 2 + 10 * (5 + 10 * 4)) + 2 + ...
    expect(meting.kosten).toBe(46_506);
  });

  it("take `first` from the variable's default, or the contract's 20", () => {
    const standaard = meet(BEDRIJF).meting.kosten;
    expect(meet(BEDRIJF.replace('$n: Int', '$n: Int = 20'), {}).meting.kosten).toBe(standaard);
    expect(meet(BEDRIJF, { n: 20 }).meting.kosten).toBe(standaard);
    expect(meet(BEDRIJF, { n: 5 }).meting.kosten).toBeLessThan(standaard);
  });

  it("take a list's `first` default from the schema (bevindingen: 50)", () => {
    const vijftig = meet('{ onderwijsbron { bevindingen { regel } } }').meting.kosten;
    expect(vijftig).toBe(1 + 1 + 50);
    expect(meet('{ onderwijsbron { bevindingen(first: 1000) { regel veld } } }').meting.kosten).toBe(
      2 + 2000,
    );
  });

  it('count a connection without its edges once, whatever `first` says', () => {
    expect(meet('{ scholen(first: 100000) { totalCount } }')).toMatchObject({
      meting: { kosten: 2 },
      overschreden: null,
    });
  });

  it('refuse a huge `first` on the items by their cost', () => {
    const { overschreden } = meet('{ ondernemingen(first: 1000000) { edges { node { naam } } } }');
    expect(overschreden).toMatchObject({ grens: 'kosten', maximum: 100_000 });
    expect(overschreden?.waarde).toBeGreaterThan(100_000);
  });

  it('count an empty page as one item, so that no selection is free', () => {
    expect(meet('{ ondernemingen(first: 0) { edges { node { naam } } } }').meting.kosten).toBe(4);
  });

  it('multiply nested lists, and refuse where they go too far', () => {
    const q = `{ ondernemingen(first: 100) { edges { node { erkenningen { opleiding { aanbod { school { aanbod {
      opleiding { naam } } } } } } } } } }`;
    expect(meet(q).overschreden).toMatchObject({ grens: 'kosten' });
  });

  it('measure the depth, and stop at 15', () => {
    // Lists in the chain: the cost would stop it first, so the cost is let go here.
    const ruim = { ...STANDAARD_GRENZEN, kosten: Number.MAX_SAFE_INTEGER };
    expect(meet(diep(15), {}, ruim)).toMatchObject({ meting: { diepte: 15 }, overschreden: null });
    expect(meet(diep(16), {}, ruim).overschreden).toMatchObject({
      grens: 'diepte',
      waarde: 16,
      maximum: 15,
    });
  });

  it("let a tool's introspection query pass (its 15 levels of ofType do not count as depth)", () => {
    const { meting, overschreden } = meet(getIntrospectionQuery({ descriptions: true }));
    expect(overschreden).toBeNull();
    expect(meting.diepte).toBe(1);
  });

  it('count aliases in fragments each time a fragment is spread', () => {
    const q = `{ ...A ...A } fragment A on Query { a: regios { naam } b: regios { naam } }`;
    expect(meet(q).meting).toMatchObject({ aliassen: 4, wortelvelden: 4 });
  });

  it('refuse an alias bomb', () => {
    const velden = Array.from({ length: 31 }, (_, i) => `n${i}: naam`).join(' ');
    expect(meet(`{ opleiding(code: "X") { ${velden} } }`).overschreden).toMatchObject({
      grens: 'aliassen',
      waarde: 31,
      maximum: 30,
    });
  });

  it('refuse too many root fields', () => {
    const velden = Array.from({ length: 21 }, (_, i) => `r${i}: regios { naam }`).join(' ');
    const ruim = { ...STANDAARD_GRENZEN, aliassen: 100 };
    expect(meet(`{ ${velden} }`, {}, ruim).overschreden).toMatchObject({
      grens: 'wortelvelden',
      maximum: 20,
    });
  });

  it('refuse too many directives, on the operation, fields and fragments', () => {
    const velden = Array.from({ length: 11 }, () => 'naam @include(if: true) code @skip(if: false)').join(
      ' ',
    );
    expect(meet(`{ regio(code: "X") { ${velden} } }`).overschreden).toMatchObject({
      grens: 'directieven',
      maximum: 20,
    });
    expect(
      meet(`{ regio(code: "X") { ...F @include(if: true) } } fragment F on Regio { naam }`).meting,
    ).toMatchObject({ directieven: 1 });
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
    const { meting, overschreden } = meet(
      `{ ...F8 } ${fragmenten.join(' ')}`,
      {},
      {
        ...STANDAARD_GRENZEN,
        wortelvelden: Number.MAX_SAFE_INTEGER,
      },
    );
    expect(overschreden).toMatchObject({ grens: 'kosten' });
    expect(meting.kosten).toBeLessThanOrEqual(100_000 + 10);
  });

  it('measure a mutation and a query alike', () => {
    const eigen = buildSchema(
      'type Query { a: Int } type Mutation { doe(n: Int): [Item!]! } type Item { x: Int }',
    );
    const document = parse('mutation { doe(n: 1) { x } }');
    const operatie = getOperationAST(document);
    if (!operatie) throw new Error('geen operatie');
    expect(meetOperatie(eigen, document, operatie, {}, STANDAARD_GRENZEN).meting.kosten).toBe(11);
  });
});
