import type { RegisterOpleiding } from '@duaal-graph/subgraph-toolkit';

/** Lower case without diacritics ("Mécanicien" → "mecanicien"), so that neither matters in a search. */
export function vereenvoudig(tekst: string): string {
  return tekst.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
}

/** The words of a text: runs of letters and digits ("CNC-operator" is two words). */
export function woorden(tekst: string): string[] {
  return vereenvoudig(tekst).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words an opleiding can be found by: its naam, studiedomein, beroepskwalificaties and beroepsprofiel labels. */
export function zoekwoorden(
  o: Pick<RegisterOpleiding, 'naam' | 'studiedomein' | 'beroepskwalificaties' | 'beroepsprofielCodes'>,
  labels: ReadonlyMap<string, string>,
): string[] {
  const teksten = [
    o.naam,
    o.studiedomein ?? '',
    ...o.beroepskwalificaties.map((bk) => bk.naam),
    ...o.beroepsprofielCodes.map((code) => labels.get(code) ?? ''),
  ];
  return [...new Set(teksten.flatMap(woorden))];
}

/**
 * The test of `OpleidingFilter.zoekterm`: every word of the term is the start
 * of one of the opleiding's words ("elektr" finds Elektrotechnicus). A term
 * without words asks nothing.
 */
export function zoektermVindt(term: string, woordenVanOpleiding: readonly string[]): boolean {
  return woorden(term).every((w) => woordenVanOpleiding.some((v) => v.startsWith(w)));
}
