import { getalUit, requestError } from '@duaal-graph/domein/subgraaf';
import type { GraphQLError } from 'graphql';

/**
 * How big one request may be. Every legitimate query of the contract stays well
 * under each (see the README): the limits only stop what no screen or report needs.
 */
export interface Grenzen {
  /** Nested fields on the longest path; the introspection fields below `__schema`/`__type` do not count. */
  readonly diepte: number;
  /** Aliased fields, with fragments expanded. */
  readonly aliassen: number;
  /** Fields at the root of the operation, aliases included. */
  readonly wortelvelden: number;
  /** Directive uses, with fragments expanded. */
  readonly directieven: number;
  /** Lexical tokens of the document (counted by the parser, which stops at the limit). */
  readonly tokens: number;
  /** Estimated fields resolved, list sizes multiplied in (see kosten.ts). */
  readonly kosten: number;
  /** The size assumed for a list that takes no `first`. */
  readonly aangenomenLijst: number;
  /** Largest request body in bytes. */
  readonly bodyBytes: number;
}

export const STANDAARD_GRENZEN: Grenzen = {
  diepte: 15,
  aliassen: 30,
  wortelvelden: 20,
  directieven: 20,
  tokens: 2_000,
  kosten: 100_000,
  aangenomenLijst: 10,
  bodyBytes: 100 * 1024,
};

export function leesGrenzen(omgeving: NodeJS.ProcessEnv): Grenzen {
  const s = STANDAARD_GRENZEN;
  return {
    diepte: getalUit(omgeving, 'QUERY_MAX_DEPTH', s.diepte, 1),
    aliassen: getalUit(omgeving, 'QUERY_MAX_ALIASES', s.aliassen, 0),
    wortelvelden: getalUit(omgeving, 'QUERY_MAX_ROOT_FIELDS', s.wortelvelden, 1),
    directieven: getalUit(omgeving, 'QUERY_MAX_DIRECTIVES', s.directieven, 0),
    tokens: getalUit(omgeving, 'QUERY_MAX_TOKENS', s.tokens, 10),
    kosten: getalUit(omgeving, 'QUERY_MAX_COST', s.kosten, 1),
    aangenomenLijst: getalUit(omgeving, 'QUERY_ASSUMED_LIST_SIZE', s.aangenomenLijst, 1),
    bodyBytes: getalUit(omgeving, 'MAX_BODY_BYTES', s.bodyBytes, 1_024),
  };
}

/** The limits a request can exceed, as `extensions.grens` names them. */
export type Grens =
  'diepte' | 'aliassen' | 'wortelvelden' | 'directieven' | 'tokens' | 'kosten' | 'bodyBytes';

const OMSCHRIJVING: Record<Grens, string> = {
  diepte: 'diepte (geneste velden)',
  aliassen: 'aliassen',
  wortelvelden: 'velden op het hoogste niveau',
  directieven: 'directieven',
  tokens: 'tokens',
  kosten: 'geschatte kosten (velden maal lijstgroottes)',
  bodyBytes: 'bytes in het verzoek',
};

/**
 * QUERY_TOO_COMPLEX naming the limit and both numbers, so that a client sees
 * what to change. Counting stops as soon as a limit is passed, so `waarde` is a lower bound.
 */
export function teComplex(grens: Grens, waarde: number, maximum: number, status?: number): GraphQLError {
  return requestError(
    'QUERY_TOO_COMPLEX',
    `Query te complex: ${OMSCHRIJVING[grens]} ten minste ${waarde}, de grens is ${maximum}.`,
    { grens, waarde, maximum },
    status === undefined ? {} : { status },
  );
}
