import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCostDirectives } from './list-sizes.ts';
import { measureOperation } from './measure.ts';
import { DEFAULT_OPERATION_LIMITS } from './settings.ts';

const SDL = `
  type Query { regio: Regio regios: [Regio!]! @listSize(assumedSize: 19) }
  type Regio { naam: String gemeenten: [Gemeente!]! @listSize(assumedSize: 35) }
  type Gemeente { naam: String regio: Regio }
`;
const schema = buildSchema(SDL, { assumeValidSDL: true });
const costs = readCostDirectives(parse(SDL));

function meet(query: string, limits = DEFAULT_OPERATION_LIMITS) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('geen operatie');
  return measureOperation(schema, costs, document, operation, {}, limits);
}

describe('measuring an operation', () => {
  it('counts a fragment as if it were written out where it is spread', () => {
    const uitgeschreven = meet('{ a: regio { gemeenten { naam } } b: regio { gemeenten { naam } } }');
    const gespreid = meet(
      '{ ...A ...B } fragment A on Query { a: regio { ...G } } fragment B on Query { b: regio { ...G } } fragment G on Regio { gemeenten { naam } }',
    );
    expect(uitgeschreven.measurement).toEqual({
      depth: 3,
      aliases: 2,
      rootFields: 2,
      directives: 0,
      cost: 74,
    });
    expect(gespreid.measurement).toEqual(uitgeschreven.measurement);
  });

  it('multiplies nested list sizes, and takes depth and aliases once per use', () => {
    expect(meet('{ regios { gemeenten { regio { naam } } } }').measurement).toEqual({
      depth: 4,
      aliases: 0,
      rootFields: 1,
      directives: 0,
      cost: 1 + 19 + 19 * 35 * 2,
    });
  });

  it('refuses a fragment bomb of 10^12 fields in the time its text takes', () => {
    const fragmenten = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 12; i++)
      fragmenten.push(
        `fragment F${i} on Query { ${Array(10)
          .fill(`...F${i - 1}`)
          .join(' ')} }`,
      );
    const begin = performance.now();
    const { excess } = meet(`{ ...F12 } ${fragmenten.join(' ')}`, {
      ...DEFAULT_OPERATION_LIMITS,
      rootFields: Number.MAX_SAFE_INTEGER,
    });
    expect(excess).toMatchObject({ grens: 'kosten', maximum: DEFAULT_OPERATION_LIMITS.cost });
    expect(performance.now() - begin).toBeLessThan(200);
  });
});
