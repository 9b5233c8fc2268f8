import { leesWestVlaamseGemeenten } from './sector-reader.ts';

export { isOndernemingsnummer, mod97Geldig } from './sector-reader.ts';

/** One row of the West-Vlaanderen municipality table in shared/domain/GLOSSARY.md. */
export interface Gemeente {
  readonly nisCode: string;
  readonly naam: string;
  readonly postcode: string;
  readonly regio: string;
}

/**
 * The municipality table read from the glossary itself, so that the tests hold
 * the partners to the same reference data the graph maps with.
 */
export function leesGemeenten(): Gemeente[] {
  const gemeenten = leesWestVlaamseGemeenten().map((g) => ({
    nisCode: g.nis,
    naam: g.gemeente,
    postcode: g.postcode,
    regio: g.regio,
  }));
  if (gemeenten.length < 60) throw new Error(`GLOSSARY.md: only ${gemeenten.length} municipalities read`);
  return gemeenten;
}

/** The school year (September to August) that contains the date (shared/schema/CONTRACT.md). */
export function schooljaarVan(isoDatum: string): string {
  const jaar = Number(isoDatum.slice(0, 4));
  const start = Number(isoDatum.slice(5, 7)) >= 9 ? jaar : jaar - 1;
  return `${start}-${start + 1}`;
}

export function wacht(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
