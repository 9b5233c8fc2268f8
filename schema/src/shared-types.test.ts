import { isTypeDefinitionNode, Kind, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSdl, SUBGRAPHS, type SubgraphDefinitie } from './subgraphs.ts';

/**
 * Federation wants the value types a subgraph returns declared in that
 * subgraph's own SDL, so some definitions stand in several files. They must stay
 * the same to the letter (descriptions included), or the graph's contract drifts
 * per subgraph; this test holds them together.
 */
function definities(definitie: SubgraphDefinitie): Map<string, string> {
  const uit = new Map<string, string>();
  for (const d of parse(readSdl(definitie)).definitions) {
    if (isTypeDefinitionNode(d) || d.kind === Kind.DIRECTIVE_DEFINITION) uit.set(d.name.value, print(d));
  }
  return uit;
}

const GEDEELD = [
  'BronRapport',
  'Bevinding',
  'BronStatus',
  'PageInfo',
  'Adres',
  'Bron',
  'BronToestand',
  'Niveau',
  'Telling',
  'toegang',
  'Date',
  'DateTime',
];

describe('definitions that several subgraphs declare', () => {
  const perSubgraph = new Map(SUBGRAPHS.map((s) => [s.naam, definities(s)]));

  it.each(GEDEELD)('%s is the same in every subgraph that declares it', (naam) => {
    const versies = [...perSubgraph].flatMap(([subgraph, defs]) => {
      const tekst = defs.get(naam);
      return tekst === undefined ? [] : [{ subgraph, tekst }];
    });
    const eerste = versies[0];
    for (const v of versies)
      expect({ subgraph: v.subgraph, tekst: v.tekst }).toEqual({
        subgraph: v.subgraph,
        tekst: eerste?.tekst,
      });
  });
});
