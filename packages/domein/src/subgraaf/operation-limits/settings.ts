import { GraphQLError } from 'graphql';
import { getalUit } from '../omgeving.ts';

/**
 * How big one operation may be, the same at the gateway and at every subgraph.
 * Every legitimate query of the contract stays well under each (see the README):
 * the limits only stop what no screen or report needs.
 */
export interface OperationLimits {
  /** Nested fields on the longest path; the introspection fields below `__schema`/`__type` do not count. */
  readonly depth: number;
  /** Aliased fields, with fragments expanded. */
  readonly aliases: number;
  /** Fields at the root of the operation, aliases included. */
  readonly rootFields: number;
  /** Directive uses, with fragments expanded. */
  readonly directives: number;
  /** Lexical tokens of the document (counted by the parser, which stops at the limit). */
  readonly tokens: number;
  /** Estimated fields resolved, list sizes multiplied in (see list-sizes.ts). */
  readonly cost: number;
  /** The size assumed for a list whose schema documents none. */
  readonly assumedListSize: number;
  /** Largest request body in bytes (the gateway's listener). */
  readonly bodyBytes: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  depth: 15,
  aliases: 30,
  rootFields: 20,
  directives: 20,
  tokens: 2_000,
  cost: 500_000,
  assumedListSize: 10,
  bodyBytes: 100 * 1024,
};

export function readOperationLimits(environment: NodeJS.ProcessEnv): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    depth: getalUit(environment, 'QUERY_MAX_DEPTH', d.depth, 1),
    aliases: getalUit(environment, 'QUERY_MAX_ALIASES', d.aliases, 0),
    rootFields: getalUit(environment, 'QUERY_MAX_ROOT_FIELDS', d.rootFields, 1),
    directives: getalUit(environment, 'QUERY_MAX_DIRECTIVES', d.directives, 0),
    tokens: getalUit(environment, 'QUERY_MAX_TOKENS', d.tokens, 10),
    cost: getalUit(environment, 'QUERY_MAX_COST', d.cost, 1),
    assumedListSize: getalUit(environment, 'QUERY_ASSUMED_LIST_SIZE', d.assumedListSize, 1),
    bodyBytes: getalUit(environment, 'MAX_BODY_BYTES', d.bodyBytes, 1_024),
  };
}

/** The limits a request can exceed, as the contract's `extensions.grens` names them. */
export type LimitName =
  'diepte' | 'aliassen' | 'wortelvelden' | 'directieven' | 'tokens' | 'kosten' | 'bodyBytes';

const DESCRIPTION: Record<LimitName, string> = {
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
export function tooComplex(grens: LimitName, waarde: number, maximum: number, status = 400): GraphQLError {
  return new GraphQLError(
    `Query te complex: ${DESCRIPTION[grens]} ten minste ${waarde}, de grens is ${maximum}.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', grens, waarde, maximum, http: { status } } },
  );
}
