import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSdl, SUBGRAPHS } from './subgraphs.ts';

function isLijst(type: TypeNode): boolean {
  return type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isLijst(type.type));
}

const richtlijn = (veld: FieldDefinitionNode, naam: string) =>
  veld.directives?.find((d) => d.name.value === naam);

/**
 * The cost estimate bounds the work of a query only where the schema says how
 * big its lists get: every list field of every subgraph documents its size
 * (`@listSize`), and every field that pages by `first` says so.
 */
describe.each(SUBGRAPHS.map((s) => [s.naam, s] as const))('the list sizes of %s', (_naam, subgraph) => {
  const velden = parse(readSdl(subgraph)).definitions.flatMap((d) =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION
      ? (d.fields ?? []).map((veld) => ({ type: d.name.value, veld }))
      : [],
  );

  it('document a size on every list field it resolves', () => {
    const zonder = velden
      .filter(({ veld }) => isLijst(veld.type) && !richtlijn(veld, 'external'))
      .filter(({ veld }) => !richtlijn(veld, 'listSize'))
      .map(({ type, veld }) => `${type}.${veld.name.value}`);
    expect(zonder).toEqual([]);
  });

  it('slice every field that takes `first` by it', () => {
    const zonder = velden
      .filter(({ veld }) => veld.arguments?.some((a) => a.name.value === 'first'))
      .filter(({ veld }) => {
        const slicing = richtlijn(veld, 'listSize')?.arguments?.find(
          (a) => a.name.value === 'slicingArguments',
        );
        return !(
          slicing?.value.kind === Kind.LIST &&
          slicing.value.values.some((v) => v.kind === Kind.STRING && v.value === 'first')
        );
      })
      .map(({ type, veld }) => `${type}.${veld.name.value}`);
    expect(zonder).toEqual([]);
  });
});
