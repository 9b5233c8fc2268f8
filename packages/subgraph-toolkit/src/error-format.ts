import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, isRegisteredErrorCode } from './error-codes.ts';

export const GENERIC_ERROR_MESSAGE = 'Interne fout in de graaf.';

const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Codes raised in development or a test that the registry does not know. The
 * formatter keeps them here as well as logging them, so that the test suite's
 * hook (test/setup/registered-error-codes.ts) fails the test that caused one.
 */
const unregistered: string[] = [];

/** The unregistered codes seen since the last call, and forgets them. */
export function takeUnregisteredErrorCodes(): string[] {
  return unregistered.splice(0);
}

function reportUnregistered(code: unknown, message: string): void {
  const shown = typeof code === 'string' ? code : String(code);
  unregistered.push(shown);
  console.error(
    `UNREGISTERED ERROR CODE ${shown} (message "${message}"): declare it in packages/subgraph-toolkit/src/error-codes.ts`,
  );
}

/**
 * The registry's rules for one formatted error, for the gateway and every
 * subgraph alike. In production: an error whose code is unregistered or not
 * shown becomes INTERNAL_SERVER_ERROR with a generic message; the others keep
 * their message and extensions, less what tells about the inside of the graph
 * (stack, subgraph name) and less "Did you mean" (it spells the schema out to a
 * prober). Elsewhere the error stays as it is, and an unregistered code is
 * reported loudly.
 */
export function formatRegisteredError(
  error: GraphQLFormattedError,
  options: { readonly production: boolean },
): GraphQLFormattedError {
  const code = error.extensions?.['code'];
  if (!options.production) {
    if (!isRegisteredErrorCode(code)) reportUnregistered(code, error.message);
    return error;
  }
  if (!isRegisteredErrorCode(code) || !ERROR_CODES[code].shownInProduction)
    return {
      message: GENERIC_ERROR_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      ...(error.path ? { path: error.path } : {}),
    };
  const {
    stacktrace: _stack,
    exception: _exception,
    serviceName: _subgraph,
    ...extensions
  } = error.extensions ?? {};
  return { ...error, message: error.message.replace(SUGGESTION, ''), extensions };
}

/**
 * Gives a request that an error refuses as a whole (no `data`) the status its
 * code has in the registry, where Apollo or a library left its default 500 (an
 * error thrown by a plugin or by @apollo/gateway without an HTTP status). A status
 * the raiser chose (401, 405, 413, 429) stands; a response with `data` stays 200.
 */
export function registeredStatusPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const code = result.errors?.[0]?.extensions?.['code'];
          const status = response.http.status;
          if (
            result.data === undefined &&
            isRegisteredErrorCode(code) &&
            (status === undefined || status === 500)
          )
            response.http.status = ERROR_CODES[code].status;
          return Promise.resolve();
        },
      }),
  };
}
