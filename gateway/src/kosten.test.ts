import {
  buildSchema,
  getOperationAST,
  isObjectType,
  Kind,
  parse,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { lijstmaat, STANDAARD_EERSTE, variabelenMetStandaard } from './kosten.ts';

const schema = buildSchema(`
  type Query { items(first: Int): [Item!]! pagina(first: Int, after: String): ItemConnection! alles: [Item!]! een: Item
    bevindingen(first: Int = 50): [Item!]! }
  type ItemConnection { edges: [ItemEdge!]! totalCount: Int! }
  type ItemEdge { node: Item! }
  type Item { naam: String }
`);

function veld(query: string): { operatie: OperationDefinitionNode; veld: FieldNode } {
  const operatie = getOperationAST(parse(query));
  const eerste = operatie?.selectionSet.selections[0];
  if (!operatie || eerste?.kind !== Kind.FIELD) throw new Error('geen veld');
  return { operatie, veld: eerste };
}

function maat(query: string, variabelen: Record<string, unknown> = {}, pagina?: number) {
  const { operatie, veld: v } = veld(query);
  const definitie = schema.getQueryType()?.getFields()[v.name.value];
  if (!definitie) throw new Error('onbekend veld');
  return lijstmaat(v, definitie, variabelenMetStandaard(operatie, variabelen), pagina, 10);
}

describe('the list sizes of the cost', () => {
  it('take a literal or a variable `first` for a list', () => {
    expect(maat('{ items(first: 7) { naam } }')).toEqual({ keer: 7, pagina: undefined });
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 42 })).toEqual({
      keer: 42,
      pagina: undefined,
    });
    expect(maat('query($n: Int = 3) { items(first: $n) { naam } }')).toEqual({ keer: 3, pagina: undefined });
  });

  it("fall back on the argument's default, then on the contract's 20", () => {
    expect(maat('{ bevindingen { naam } }').keer).toBe(50);
    expect(maat('{ items { naam } }').keer).toBe(STANDAARD_EERSTE);
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 'veel' }).keer).toBe(STANDAARD_EERSTE);
  });

  it("hand a connection's `first` to its edges instead of multiplying the connection itself", () => {
    expect(maat('{ pagina(first: 30) { totalCount } }')).toEqual({ keer: 1, pagina: 30 });
    const connectie = schema.getType('ItemConnection');
    const definitie = isObjectType(connectie) ? connectie.getFields()['edges'] : undefined;
    if (!definitie) throw new Error('geen edges');
    const { veld: v } = veld('{ edges { node { naam } } }');
    expect(lijstmaat(v, definitie, {}, 30, 10)).toEqual({ keer: 30, pagina: undefined });
    expect(lijstmaat(v, definitie, {}, undefined, 10)).toEqual({ keer: 10, pagina: undefined });
  });

  it('assume the configured size for a list without `first`, and one for a single object', () => {
    expect(maat('{ alles { naam } }').keer).toBe(10);
    expect(maat('{ een { naam } }')).toEqual({ keer: 1, pagina: undefined });
  });

  it('count at least one item, rounded up', () => {
    expect(maat('{ items(first: 0) { naam } }').keer).toBe(1);
    expect(maat('{ items(first: -5) { naam } }').keer).toBe(1);
    expect(maat('query($n: Int) { items(first: $n) { naam } }', { n: 2.5 }).keer).toBe(3);
  });
});
