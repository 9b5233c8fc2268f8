import { Kind, parse, type SelectionSetNode } from 'graphql';
import { columnsOf } from './csv.ts';
import type { ExportDefinition } from './definitions.ts';

type Json = Record<string, unknown>;

/**
 * An answer with every field the operation selects, each leaf null and each
 * of the export's lists (`lijsten`) holding one item: what the export's own
 * `rows` makes of it has every column a full answer would have.
 */
function filledAnswer(selectie: SelectionSetNode, lijsten: ReadonlySet<string>, pad = ''): Json {
  const antwoord: Json = {};
  for (const keuze of selectie.selections) {
    if (keuze.kind === Kind.INLINE_FRAGMENT)
      Object.assign(antwoord, filledAnswer(keuze.selectionSet, lijsten, pad));
    if (keuze.kind !== Kind.FIELD) continue;
    const naam = keuze.alias?.value ?? keuze.name.value;
    const hier = pad === '' ? naam : `${pad}.${naam}`;
    if (!keuze.selectionSet) antwoord[naam] = null;
    else {
      const item = filledAnswer(keuze.selectionSet, lijsten, hier);
      antwoord[naam] = lijsten.has(hier) ? [item] : item;
    }
  }
  return antwoord;
}

/**
 * The header of an export, read from its operation, never from its rows: an
 * export without rows (an empty list, or a root field the graph answered
 * null) names the same columns as a full one, and a full one has the columns
 * of every field it selects whatever its rows hold (a radar of regio cells,
 * each gemeente null, still has `gemeente.nisCode` and `gemeente.naam`).
 */
export function headerOf(definitie: ExportDefinition): string[] {
  const [operatie] = parse(definitie.document).definitions;
  if (operatie?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`export ${definitie.naam}: no operation`);
  return columnsOf(definitie.rows(filledAnswer(operatie.selectionSet, new Set(definitie.lijsten))));
}
