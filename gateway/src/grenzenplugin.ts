import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { teComplex, type Grenzen } from './grenzen.ts';
import { meetOperatie } from './meting.ts';

/**
 * Refuses an operation that passes a limit with QUERY_TOO_COMPLEX once it is
 * parsed and validated and before the gateway plans it: a refused request
 * costs no query plan and no subgraph call. The token limit is the parser's
 * (`parseOptions.maxTokens`), the body limit the listener's.
 */
export function grenzenPlugin<C extends BaseContext>(grenzen: Grenzen): ApolloServerPlugin<C> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, operation, request }) => {
          if (!operation) return Promise.resolve();
          const { overschreden } = meetOperatie(schema, document, operation, request.variables, grenzen);
          return overschreden
            ? Promise.reject(teComplex(overschreden.grens, overschreden.waarde, overschreden.maximum))
            : Promise.resolve();
        },
      }),
  };
}
