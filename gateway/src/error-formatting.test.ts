import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALGEMENE_FOUT, makeErrorFormatter } from './error-formatting.ts';

const productie = makeErrorFormatter({ productie: true, alleenVertrouwd: false });
const ontwikkeling = makeErrorFormatter({ productie: false, alleenVertrouwd: false });
const opmaak = (f: typeof productie, fout: GraphQLFormattedError) => f(fout, undefined);

describe('the error format', () => {
  it('speaks QUERY_TOO_COMPLEX for the parser’s token limit, in both modes', () => {
    const fout = {
      message: 'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
      locations: [{ line: 1, column: 9000 }],
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    for (const f of [productie, ontwikkeling])
      expect(opmaak(f, fout)).toEqual({
        message: 'Query te complex: tokens ten minste 2001, de grens is 2000.',
        extensions: { code: 'QUERY_TOO_COMPLEX', grens: 'tokens', waarde: 2001, maximum: 2000 },
      });
  });

  it('speaks QUERY_TOO_COMPLEX for a batch', () => {
    const uit = opmaak(ontwikkeling, {
      message: 'Operation batching disabled.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(uit.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', grens: 'operaties', maximum: 1 });
    expect(uit.message).toContain('één operatie per verzoek');
  });

  it('hides an unexpected error in production behind a generic INTERNAL_SERVER_ERROR', () => {
    const intern = {
      message: "Cannot read properties of undefined (reading 'naam')",
      path: ['radar', 0, 'regio'],
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        stacktrace: ['TypeError: …', '    at /srv/radar/src/x.ts:1'],
      },
    };
    expect(opmaak(productie, intern)).toEqual({
      message: ALGEMENE_FOUT,
      path: ['radar', 0, 'regio'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    for (const code of ['DOWNSTREAM_SERVICE_ERROR', undefined, 42])
      expect(opmaak(productie, { message: 'ECONNREFUSED 10.0.0.7:4001', extensions: { code } })).toEqual({
        message: ALGEMENE_FOUT,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    expect(opmaak(ontwikkeling, intern)).toEqual(intern);
  });

  it('keeps the contract’s errors as they are in production, without the subgraph’s name', () => {
    const partner = {
      message: 'Bron VOLTA is niet beschikbaar (DOWN).',
      path: ['ondernemingen'],
      extensions: { code: 'PARTNER_UNAVAILABLE', bron: 'VOLTA', reden: 'DOWN', serviceName: 'erkenningen' },
    };
    expect(opmaak(productie, partner)).toEqual({
      ...partner,
      extensions: { code: 'PARTNER_UNAVAILABLE', bron: 'VOLTA', reden: 'DOWN' },
    });
    const forbidden = { message: 'Geen toegang.', extensions: { code: 'FORBIDDEN' } };
    expect(opmaak(productie, forbidden)).toEqual(forbidden);
  });

  it('names no subgraph, host or path in production: a partner error is worded from its source and reason', () => {
    const onbereikbaar = {
      message: 'VOLTA: connect ECONNREFUSED 127.0.0.1:4100 (erkenningen)',
      path: ['radar', 0, 'aantalErkendeLeerwerkplekken'],
      extensions: {
        code: 'PARTNER_UNAVAILABLE',
        bron: 'VOLTA',
        reden: 'DOWN',
        subgraph: 'erkenningen',
        serviceName: 'erkenningen',
      },
    };
    const uit = opmaak(productie, onbereikbaar);
    expect(uit).toEqual({
      message: 'Bron VOLTA is niet beschikbaar (DOWN).',
      path: ['radar', 0, 'aantalErkendeLeerwerkplekken'],
      extensions: { code: 'PARTNER_UNAVAILABLE', bron: 'VOLTA', reden: 'DOWN' },
    });
    expect(JSON.stringify(uit)).not.toMatch(/erkenningen|127\.0\.0\.1|4100/);
    expect(opmaak(ontwikkeling, onbereikbaar)).toEqual(onbereikbaar);
  });

  it('drops "Did you mean" in production only', () => {
    const fout = {
      message: 'Cannot query field "regioss" on type "Query". Did you mean "regios" or "regio"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(opmaak(productie, fout).message).toBe('Cannot query field "regioss" on type "Query".');
    expect(opmaak(ontwikkeling, fout).message).toContain('Did you mean');
  });

  it('explains an unknown hash in trusted-documents mode, and leaves APQ’s own words otherwise', () => {
    const fout = { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } };
    expect(opmaak(ontwikkeling, fout)).toEqual(fout);
    const vertrouwd = opmaak(makeErrorFormatter({ productie: true, alleenVertrouwd: true }), fout);
    expect(vertrouwd.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(vertrouwd.message).toContain('manifest');
  });

  it('calls an operation the gateway cannot pick OPERATION_RESOLUTION_FAILURE, and keeps its message in production', () => {
    for (const message of [
      'Unknown operation named "B".',
      'Must provide operation name if query contains multiple operations.',
    ]) {
      const fout = { message, extensions: { code: 'INVALID_GRAPHQL' } };
      for (const f of [productie, ontwikkeling])
        expect(opmaak(f, fout)).toEqual({ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    }
    // Anything else the gateway calls INVALID_GRAPHQL is unexpected: hidden in production.
    expect(opmaak(productie, { message: 'Iets anders.', extensions: { code: 'INVALID_GRAPHQL' } })).toEqual({
      message: ALGEMENE_FOUT,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
