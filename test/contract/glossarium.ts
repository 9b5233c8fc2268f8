import { readFileSync } from 'node:fs';

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
  const tekst = readFileSync(new URL('../../../shared/domain/GLOSSARY.md', import.meta.url), 'utf8');
  const gemeenten: Gemeente[] = [];
  for (const regel of tekst.split('\n')) {
    const delen = /^\|\s*(3\d{4})\s*\|\s*([^|]+?)\s*\|\s*(\d{4})\s*\|\s*([A-Z_]+)\s*\|$/.exec(regel.trim());
    if (!delen) continue;
    const [, nisCode = '', naam = '', postcode = '', regio = ''] = delen;
    gemeenten.push({ nisCode, naam, postcode, regio });
  }
  if (gemeenten.length < 60) throw new Error(`GLOSSARY.md: only ${gemeenten.length} municipalities read`);
  return gemeenten;
}

/** The mod-97 check of KBO and vestiging numbers (GLOSSARY.md, Identifiers). */
export function mod97Geldig(tienCijfers: string): boolean {
  if (!/^\d{10}$/.test(tienCijfers)) return false;
  return (Number(tienCijfers.slice(0, 8)) + Number(tienCijfers.slice(8))) % 97 === 0;
}

/** A valid ondernemingsnummer written as ten digits: first digit 0 or 1, mod 97. */
export function isOndernemingsnummer(tienCijfers: string): boolean {
  return /^[01]\d{9}$/.test(tienCijfers) && mod97Geldig(tienCijfers);
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
