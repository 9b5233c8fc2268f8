import type { GraphQLError } from 'graphql';
import { requestError } from '../error-codes.ts';
import { defineSettings, integerSetting, type SettingValues } from '@duaal-graph/domein';

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

const d = DEFAULT_OPERATION_LIMITS;

/** The limits' settings, read by the gateway and by every subgraph; the README's abuse protection table explains each. */
export const OPERATION_LIMIT_SETTINGS = {
  depth: integerSetting('QUERY_MAX_DEPTH', {
    default: d.depth,
    min: 1,
    description: 'most fields on the longest path of an operation',
  }),
  aliases: integerSetting('QUERY_MAX_ALIASES', {
    default: d.aliases,
    min: 0,
    description: 'most aliased fields, fragments expanded',
  }),
  rootFields: integerSetting('QUERY_MAX_ROOT_FIELDS', {
    default: d.rootFields,
    min: 1,
    description: 'most fields at the root, aliases included',
  }),
  directives: integerSetting('QUERY_MAX_DIRECTIVES', {
    default: d.directives,
    min: 0,
    description: 'most directive uses, fragments expanded',
  }),
  tokens: integerSetting('QUERY_MAX_TOKENS', {
    default: d.tokens,
    min: 10,
    description: 'most lexical tokens in a document',
  }),
  cost: integerSetting('QUERY_MAX_COST', {
    default: d.cost,
    min: 1,
    description:
      'highest estimated cost: the fields an operation resolves, list sizes (`@listSize`) multiplied in',
  }),
  assumedListSize: integerSetting('QUERY_ASSUMED_LIST_SIZE', {
    default: d.assumedListSize,
    min: 1,
    description: 'the items the cost assumes for a list whose schema documents no size',
  }),
  bodyBytes: integerSetting('MAX_BODY_BYTES', {
    default: d.bodyBytes,
    min: 1_024,
    description: 'largest request body in bytes; larger is HTTP 413',
  }),
} as const;

export function operationLimitsFrom(values: SettingValues<typeof OPERATION_LIMIT_SETTINGS>): OperationLimits {
  return {
    depth: values.depth,
    aliases: values.aliases,
    rootFields: values.rootFields,
    directives: values.directives,
    tokens: values.tokens,
    cost: values.cost,
    assumedListSize: values.assumedListSize,
    bodyBytes: values.bodyBytes,
  };
}

const operationLimitSettings = defineSettings(OPERATION_LIMIT_SETTINGS);

export function readOperationLimits(environment: NodeJS.ProcessEnv): OperationLimits {
  return operationLimitsFrom(operationLimitSettings.read(environment));
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
export function tooComplex(grens: LimitName, waarde: number, maximum: number, status?: number): GraphQLError {
  return requestError(
    'QUERY_TOO_COMPLEX',
    `Query te complex: ${DESCRIPTION[grens]} ten minste ${waarde}, de grens is ${maximum}.`,
    { grens, waarde, maximum },
    status === undefined ? {} : { status },
  );
}
