import type { PartnerNaam, Vuil } from '../wereld/vuil.ts';
import type { MockResponse, Route } from '../http/routing.ts';

/** A partner system as the mock serves it: its routes, and how test hooks change its data. */
export interface Partner {
  readonly naam: PartnerNaam;
  readonly routes: readonly Route[];
  /** A body that parses but breaks this partner's contract, for the `malformed` fault. */
  readonly kapotAntwoord: () => MockResponse;
  /** Adds a record in the partner's own format, or replaces the one with the same id; returns its id or an error. */
  readonly zetRecord: (body: Buffer, contentType: string) => { id: string } | { fout: string };
  /** Removes the record with this id; false when there is none. */
  readonly verwijderRecord: (id: string) => boolean;
  /** Test hooks of this partner alone, under `/_mock/<partner>`. */
  readonly haken?: readonly Route[];
  /** Dirt the partner made while it ran (the world's own is in `wereld.vuil`). */
  readonly vuil?: () => readonly Vuil[];
  /** Removes what the partner keeps outside memory for this process only; called when the server closes. */
  readonly sluit?: () => void;
}

/** Page arithmetic shared by the page-numbered partners. */
export function pagina<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; totalPages: number } {
  return {
    items: items.slice((page - 1) * size, page * size),
    totalPages: Math.max(1, Math.ceil(items.length / size)),
  };
}

/** Replaces the record with the same key, or appends it. */
export function zetIn<T>(records: T[], nieuw: T, sleutel: (r: T) => string): void {
  const index = records.findIndex((r) => sleutel(r) === sleutel(nieuw));
  if (index === -1) records.push(nieuw);
  else records[index] = nieuw;
}

/** Removes every record with this key; false when there was none. */
export function haalWeg<T>(records: T[], id: string, sleutel: (r: T) => string): boolean {
  let weg = false;
  for (let i = records.length - 1; i >= 0; i--) {
    if (sleutel(records[i] as T) === id) {
      records.splice(i, 1);
      weg = true;
    }
  }
  return weg;
}

/**
 * Reads a posted JSON record and checks that it carries its id field of the right
 * type; anything deeper is left as the caller sent it, dirt included.
 */
// The type parameter only names what the caller expects; the check is the id field, the rest is the caller's dirt.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function leesJsonRecord<T>(
  body: Buffer,
  idVeld: string,
  idType: 'string' | 'number',
): { record: T } | { fout: string } {
  let waarde: unknown;
  try {
    waarde = JSON.parse(body.toString('utf8'));
  } catch {
    return { fout: 'body is geen JSON' };
  }
  if (typeof waarde !== 'object' || waarde === null || Array.isArray(waarde))
    return { fout: 'body is geen object' };
  const id: unknown = (waarde as Record<string, unknown>)[idVeld];
  if (typeof id !== idType) return { fout: `${idVeld} (${idType}) ontbreekt` };
  return { record: waarde as T };
}
