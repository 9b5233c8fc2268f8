import { formatRegisteredError, GENERIC_ERROR_MESSAGE, tooComplex } from '@duaal-graph/subgraph-toolkit';
import type { GraphQLFormattedError } from 'graphql';
import { withoutInternalDetails } from './internal-details.ts';

// graphql-js 16 spells it "more that"; a later release may mend it.
const TOKENS = /Document contains more th(?:at|an) (\d+) tokens/;
/** @apollo/gateway's words when it cannot pick the operation to run; Apollo Server calls that OPERATION_RESOLUTION_FAILURE. */
const ONBEPAALDE_OPERATIE =
  /^(Unknown operation named ".*"\.|Must provide operation name if query contains multiple operations\.)$/s;

export const ALGEMENE_FOUT = GENERIC_ERROR_MESSAGE;

function alsGeformatteerd(fout: {
  message: string;
  extensions: Record<string, unknown>;
}): GraphQLFormattedError {
  const { http: _http, ...extensions } = fout.extensions;
  return { message: fout.message, extensions };
}

/**
 * Apollo's, graphql-js's and @apollo/gateway's own words for a request the
 * graph refuses, in the registry's: the limits speak QUERY_TOO_COMPLEX naming the
 * limit, and an operation the gateway cannot pick is OPERATION_RESOLUTION_FAILURE
 * (a client error, where the gateway says INVALID_GRAPHQL and Apollo answers 500).
 */
function alsGeregistreerd(fout: GraphQLFormattedError, alleenVertrouwd: boolean): GraphQLFormattedError {
  const code = fout.extensions?.['code'];
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKENS.exec(fout.message) : null;
  if (tokens) {
    const maximum = Number(tokens[1]);
    return alsGeformatteerd(tooComplex('tokens', maximum + 1, maximum));
  }
  if (code === 'BAD_REQUEST' && fout.message === 'Operation batching disabled.')
    return {
      message:
        'Query te complex: één operatie per verzoek; een lijst van operaties (batching) wordt niet aanvaard.',
      extensions: { code: 'QUERY_TOO_COMPLEX', grens: 'operaties', maximum: 1 },
    };
  if (alleenVertrouwd && code === 'PERSISTED_QUERY_NOT_FOUND' && fout.message === 'PersistedQueryNotFound')
    return {
      ...fout,
      message:
        'Onbekende operatie: deze graaf voert alleen operaties uit het manifest uit, en deze hash staat er niet in.',
    };
  if (code === 'INVALID_GRAPHQL' && !fout.path && ONBEPAALDE_OPERATIE.test(fout.message)) {
    const { stacktrace } = fout.extensions ?? {};
    return {
      message: fout.message,
      extensions: {
        code: 'OPERATION_RESOLUTION_FAILURE',
        ...(stacktrace === undefined ? {} : { stacktrace }),
      },
    };
  }
  return fout;
}

/**
 * Formats every error the gateway answers with: first in the registry's words
 * (above), then by the registry's rules (packages/subgraph-toolkit/src/error-format.ts):
 * in production an error whose code is not registered as shown becomes
 * INTERNAL_SERVER_ERROR with a generic message, the others lose stack, subgraph
 * name and "Did you mean"; in development an unregistered code is reported loudly.
 */
export function makeErrorFormatter(opties: {
  readonly productie: boolean;
  readonly alleenVertrouwd: boolean;
}): (fout: GraphQLFormattedError, origineel: unknown) => GraphQLFormattedError {
  return (geformatteerd) => {
    const fout = formatRegisteredError(alsGeregistreerd(geformatteerd, opties.alleenVertrouwd), {
      production: opties.productie,
    });
    // Beyond the registry's rules: no subgraph, host or path in what a partner's unavailability says.
    return opties.productie ? withoutInternalDetails(fout) : fout;
  };
}
