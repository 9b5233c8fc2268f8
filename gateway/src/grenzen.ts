import { defineSettings, integerSetting, type SettingValues } from '@duaal-graph/domein/subgraaf';
import { GraphQLError } from 'graphql';

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

const s = STANDAARD_GRENZEN;

/** The limits' settings, part of the gateway's schema; the README's abuse protection table explains each. */
export const LIMIT_SETTINGS = {
  diepte: integerSetting('QUERY_MAX_DEPTH', {
    default: s.diepte,
    min: 1,
    description: 'most fields on the longest path of an operation',
  }),
  aliassen: integerSetting('QUERY_MAX_ALIASES', {
    default: s.aliassen,
    min: 0,
    description: 'most aliased fields, fragments expanded',
  }),
  wortelvelden: integerSetting('QUERY_MAX_ROOT_FIELDS', {
    default: s.wortelvelden,
    min: 1,
    description: 'most fields at the root, aliases included',
  }),
  directieven: integerSetting('QUERY_MAX_DIRECTIVES', {
    default: s.directieven,
    min: 0,
    description: 'most directive uses, fragments expanded',
  }),
  tokens: integerSetting('QUERY_MAX_TOKENS', {
    default: s.tokens,
    min: 10,
    description: 'most lexical tokens in a document',
  }),
  kosten: integerSetting('QUERY_MAX_COST', {
    default: s.kosten,
    min: 1,
    description: 'highest estimated cost: the fields an operation resolves, list sizes multiplied in',
  }),
  aangenomenLijst: integerSetting('QUERY_ASSUMED_LIST_SIZE', {
    default: s.aangenomenLijst,
    min: 1,
    description: 'the items the cost assumes for a list that takes no `first`',
  }),
  bodyBytes: integerSetting('MAX_BODY_BYTES', {
    default: s.bodyBytes,
    min: 1_024,
    description: 'largest request body in bytes; larger is HTTP 413',
  }),
} as const;

export function grenzenUit(w: SettingValues<typeof LIMIT_SETTINGS>): Grenzen {
  return {
    diepte: w.diepte,
    aliassen: w.aliassen,
    wortelvelden: w.wortelvelden,
    directieven: w.directieven,
    tokens: w.tokens,
    kosten: w.kosten,
    aangenomenLijst: w.aangenomenLijst,
    bodyBytes: w.bodyBytes,
  };
}

const limitSettings = defineSettings(LIMIT_SETTINGS);

export function leesGrenzen(omgeving: NodeJS.ProcessEnv): Grenzen {
  return grenzenUit(limitSettings.read(omgeving));
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
export function teComplex(grens: Grens, waarde: number, maximum: number, status = 400): GraphQLError {
  return new GraphQLError(
    `Query te complex: ${OMSCHRIJVING[grens]} ten minste ${waarde}, de grens is ${maximum}.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', grens, waarde, maximum, http: { status } } },
  );
}
