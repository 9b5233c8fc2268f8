import { badUserInput } from './errors.ts';

export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;

export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  readonly totalCount: number;
}

function cursorVoor(positie: number): string {
  return Buffer.from(`positie:${positie}`).toString('base64url');
}

function positieUit(cursor: string): number | null {
  const tekst = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^positie:(\d+)$/.exec(tekst);
  return m ? Number(m[1]) : null;
}

/**
 * A Relay connection over a list that is already filtered and ordered: `first`
 * defaults to 20 and may be at most 100; `after` is an opaque cursor from an earlier page.
 */
export function connection<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
): Connection<T> {
  const aantal = first ?? DEFAULT_FIRST;
  if (!Number.isInteger(aantal) || aantal < 0 || aantal > MAX_FIRST) {
    throw badUserInput('first', `tussen 0 en ${MAX_FIRST}`);
  }
  let begin = 0;
  if (after !== null && after !== undefined) {
    const positie = positieUit(after);
    if (positie === null) throw badUserInput('after', 'geen cursor van deze lijst');
    begin = positie + 1;
  }
  const pagina = items.slice(begin, begin + aantal);
  return {
    edges: pagina.map((node, i) => ({ cursor: cursorVoor(begin + i), node })),
    pageInfo: {
      hasNextPage: begin + aantal < items.length,
      endCursor: pagina.length > 0 ? cursorVoor(begin + pagina.length - 1) : null,
    },
    totalCount: items.length,
  };
}
