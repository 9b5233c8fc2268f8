import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** One line per request. Deliberately no query text, no variables, no token, no caller: what holds them stays out. */
export interface RequestLogLine {
  readonly operatie: string | null;
  /** The sha256 of the query text, shortened: enough to find the operation in a manifest. */
  readonly hash: string | null;
  readonly ms: number;
  readonly status: number;
  readonly fouten: readonly string[];
}

function alsCode(code: unknown): string {
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function codes(fouten: readonly GraphQLFormattedError[] | undefined): string[] {
  return [...new Set((fouten ?? []).map((f) => alsCode(f.extensions?.['code'])))];
}

function statusVan(fout: Error, standaard: number): number {
  const http = (fout as { extensions?: { http?: { status?: unknown } } }).extensions?.http;
  return typeof http?.status === 'number' ? http.status : standaard;
}

function codeVan(fout: Error): string {
  return alsCode((fout as { extensions?: { code?: unknown } }).extensions?.code);
}

/**
 * Logs every request as one JSON line: operation name, hash, duration, status
 * and error codes. Requests refused before they run (a bad token, the rate
 * limit, a request Apollo cannot read) are logged too, without a hash.
 */
export function requestLogPlugin<C extends BaseContext>(
  schrijf: (regel: string) => void = (regel) => {
    console.log(regel);
  },
): ApolloServerPlugin<C> {
  const log = (regel: RequestLogLine) => {
    schrijf(JSON.stringify({ verzoek: regel }));
  };
  const geweigerd = (fout: Error, standaard: number) => {
    log({ operatie: null, hash: null, ms: 0, status: statusVan(fout, standaard), fouten: [codeVan(fout)] });
    return Promise.resolve();
  };
  return {
    contextCreationDidFail: ({ error }) => geweigerd(error, 500),
    invalidRequestWasReceived: ({ error }) => geweigerd(error, 400),
    requestDidStart: () => {
      const begin = performance.now();
      return Promise.resolve({
        willSendResponse: ({ response, operationName, queryHash }) => {
          const body = response.body;
          // Apollo's type promises a hash, but a request refused before its query was read has none.
          const hash = queryHash as string | undefined;
          log({
            operatie: operationName ?? null,
            hash: hash === undefined ? null : hash.slice(0, 16),
            ms: Math.round(performance.now() - begin),
            status: response.http.status ?? 200,
            fouten: codes(body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors),
          });
          return Promise.resolve();
        },
      });
    },
  };
}
