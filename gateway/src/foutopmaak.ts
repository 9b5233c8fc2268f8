import { tooComplex } from '@duaal-graph/domein/subgraaf';
import type { GraphQLFormattedError } from 'graphql';
import { withoutInternalDetails } from './internal-details.ts';

/** Codes a client sees as they are: the contract's, Apollo's for a malformed request, and the rate limit. */
const OPENBARE_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PARTNER_UNAVAILABLE',
  'CONFLICT',
  'VERSIE_CONFLICT',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'INTERNAL_SERVER_ERROR',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

// graphql-js 16 spells it "more that"; a later release may mend it.
const TOKENS = /Document contains more th(?:at|an) (\d+) tokens/;
const SUGGESTIE = / ?Did you mean(.+?)\?$/;

export const ALGEMENE_FOUT = 'Interne fout in de graaf.';

function alsGeformatteerd(fout: {
  message: string;
  extensions: Record<string, unknown>;
}): GraphQLFormattedError {
  const { http: _http, ...extensions } = fout.extensions;
  return { message: fout.message, extensions };
}

/** Apollo's and graphql-js's own words for a limit, in ours: QUERY_TOO_COMPLEX naming the limit. */
function alsGrens(fout: GraphQLFormattedError, alleenVertrouwd: boolean): GraphQLFormattedError {
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
  return fout;
}

/**
 * Formats every error the gateway answers with. Everywhere: the limits that
 * Apollo and graphql-js enforce speak with QUERY_TOO_COMPLEX. In production
 * also: no "Did you mean" (it spells out the schema to a prober), no stack
 * or subgraph names, and an error with a code the contract does not know (a
 * bug, a crashed resolver) becomes INTERNAL_SERVER_ERROR with a generic message.
 */
export function maakFoutopmaak(opties: {
  readonly productie: boolean;
  readonly alleenVertrouwd: boolean;
}): (fout: GraphQLFormattedError, origineel: unknown) => GraphQLFormattedError {
  return (geformatteerd) => {
    const fout = alsGrens(geformatteerd, opties.alleenVertrouwd);
    if (!opties.productie) return fout;
    const code = fout.extensions?.['code'];
    if (typeof code !== 'string' || !OPENBARE_CODES.has(code) || code === 'INTERNAL_SERVER_ERROR')
      return {
        message: ALGEMENE_FOUT,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
        ...(fout.path ? { path: fout.path } : {}),
      };
    // What tells about the inside of the graph (which subgraph, which host, which line of code) stays inside.
    const binnen = withoutInternalDetails(fout);
    return { ...binnen, message: binnen.message.replace(SUGGESTIE, '') };
  };
}
