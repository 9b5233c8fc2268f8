import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** What the graph promises about one `extensions.code`. */
export interface ErrorCodeDefinition {
  /**
   * The HTTP status of a response that this error refuses as a whole (no `data`).
   * An error on a field leaves the response 200 with the rest of the answer, as
   * GraphQL over HTTP has it.
   */
  readonly status: number;
  /** Whether production shows the message and extensions as raised; otherwise the generic INTERNAL_SERVER_ERROR. */
  readonly shownInProduction: boolean;
  /** Who defines the code: the contract (`../shared/schema/CONTRACT.md`), Apollo Server, or @apollo/gateway. */
  readonly origin: 'contract' | 'apollo' | 'gateway';
  readonly description: string;
}

/**
 * Every code the graph (the gateway and each subgraph) can answer, declared once.
 * The production allow-list, the HTTP status of a refused request and the
 * README's error table come from here; raise errors with `graphError` or `requestError`.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: {
    status: 400,
    shownInProduction: true,
    origin: 'contract',
    description:
      'an argument, variable or input field the caller got wrong (`extensions.argument` names it), or a malformed `_entities` representation',
  },
  UNAUTHENTICATED: {
    status: 401,
    shownInProduction: true,
    origin: 'contract',
    description:
      'a token that is present but invalid, expired or for another audience; never treated as the public',
  },
  FORBIDDEN: {
    status: 403,
    shownInProduction: true,
    origin: 'contract',
    description:
      'what the caller may not see or do (a field is null with this error on its path), or `_service` without the composition credential',
  },
  PARTNER_UNAVAILABLE: {
    status: 503,
    shownInProduction: true,
    origin: 'contract',
    description:
      'a partner or subgraph that could not be read (`extensions.bron`, `extensions.reden`); the rest of the answer stands',
  },
  CONFLICT: {
    status: 409,
    shownInProduction: true,
    origin: 'contract',
    description: 'a match transition that is not allowed, or an open match already there',
  },
  VERSIE_CONFLICT: {
    status: 409,
    shownInProduction: true,
    origin: 'contract',
    description: 'a stale `versie` of a match (`extensions.huidigeVersie` when known)',
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    shownInProduction: true,
    origin: 'contract',
    description:
      'an operation over a limit (`extensions.grens`, `waarde`, `maximum`); HTTP 413 for a body over its limit',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 400,
    shownInProduction: true,
    origin: 'contract',
    description:
      'an operation that is not in the trusted-documents manifest; for automatic persisted queries Apollo answers 200, so that the client sends the text',
  },
  RATE_LIMITED: {
    status: 429,
    shownInProduction: true,
    origin: 'contract',
    description:
      'too many requests from one client; `Retry-After` and `extensions.retryAfterS` say when to try again',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    shownInProduction: false,
    origin: 'contract',
    description:
      'anything the graph did not expect; in production the message is "Interne fout in de graaf." without stack or internals',
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    shownInProduction: true,
    origin: 'apollo',
    description: 'the query text is not GraphQL',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    shownInProduction: true,
    origin: 'apollo',
    description:
      'the operation does not fit the schema (an unknown field, two anonymous operations, introspection in production); no "Did you mean" in production',
  },
  BAD_REQUEST: {
    status: 400,
    shownInProduction: true,
    origin: 'apollo',
    description:
      'the HTTP request is not a GraphQL request (no query, not JSON, suspect of CSRF); 405 for a mutation over GET',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    shownInProduction: true,
    origin: 'apollo',
    description:
      'the request does not say which operation to run: an unknown `operationName`, or several operations and no name',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 400,
    shownInProduction: true,
    origin: 'apollo',
    description: 'a persisted-query hash sent where persisted queries are off (Apollo answers 200)',
  },
  DOWNSTREAM_SERVICE_ERROR: {
    status: 502,
    shownInProduction: false,
    origin: 'gateway',
    description: 'a subgraph answered an error without a code; in production INTERNAL_SERVER_ERROR',
  },
} as const satisfies Record<string, ErrorCodeDefinition>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isRegisteredErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

export interface RequestErrorOptions {
  /** Another HTTP status than the registry's, where the code covers several (413 for the body limit). */
  readonly status?: number;
  /** HTTP headers of the refused request (`Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error with a registered code, on a field or anywhere an answer goes on
 * (`extensions` adds the code's own details: `argument`, `bron` …). It carries
 * no HTTP status: Apollo would give that status to the whole response, partial
 * data and all. A request it ends up refusing as a whole gets the registry's
 * status from `registeredStatusPlugin`.
 */
export function graphError(
  code: ErrorCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
  originalError?: Error,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extensions },
    ...(originalError ? { originalError } : {}),
  });
}

/**
 * An error that refuses the whole request (a bad token, the rate limit, a limit,
 * an unregistered document), with the registry's HTTP status: also where Apollo
 * answers before any plugin runs (the context), which only this status reaches.
 */
export function requestError(
  code: ErrorCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
  options: RequestErrorOptions = {},
): GraphQLError {
  const http = {
    status: options.status ?? ERROR_CODES[code].status,
    ...(options.headers ? { headers: new HeaderMap(Object.entries(options.headers)) } : {}),
  };
  return new GraphQLError(message, { extensions: { code, ...extensions, http } });
}

/** An error as a JSON body, for the listener that answers before Apollo does (body too large, not JSON). */
export function errorBody(
  code: ErrorCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
): { errors: [{ message: string; extensions: Record<string, unknown> }] } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** The README's error table, one row per code in the registry's order (`npm run errors:table` writes it). */
export function errorTableRows(): string[][] {
  return Object.entries(ERROR_CODES).map(([code, d]) => [
    `\`${code}\``,
    String(d.status),
    d.shownInProduction ? 'kept' : 'generic',
    d.origin,
    d.description,
  ]);
}

export const ERROR_TABLE_HEADER = ['code', 'HTTP', 'message in production', 'defined by', 'meaning'] as const;

/** The markers around the generated table in the README. */
export const ERROR_TABLE_MARKERS = ['<!-- error-codes:start -->', '<!-- error-codes:end -->'] as const;

/** The table as Markdown (unaligned: Prettier aligns it). */
export function renderErrorTable(): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(ERROR_TABLE_HEADER),
    row(ERROR_TABLE_HEADER.map(() => '---')),
    ...errorTableRows().map(row),
  ].join('\n');
}
