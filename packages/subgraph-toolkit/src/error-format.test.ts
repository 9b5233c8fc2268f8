import type { GraphQLRequestContextWillSendResponse, GraphQLRequestListener } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatRegisteredError,
  GENERIC_ERROR_MESSAGE,
  registeredStatusPlugin,
  takeUnregisteredErrorCodes,
} from './error-format.ts';

const production = (e: GraphQLFormattedError) => formatRegisteredError(e, { production: true });
const development = (e: GraphQLFormattedError) => formatRegisteredError(e, { production: false });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the error format', () => {
  it('keeps a registered client error in production, less stack, subgraph and suggestions', () => {
    const fout = {
      message: 'Cannot query field "regioss" on type "Query". Did you mean "regios"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'], serviceName: 'radar' },
    };
    expect(production(fout)).toEqual({
      message: 'Cannot query field "regioss" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const opbouw = {
      message: 'Unknown operation named "B".',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    };
    expect(production(opbouw)).toEqual(opbouw);
  });

  it('hides in production what the registry does not show, and what it does not know', () => {
    for (const code of ['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'INVALID_GRAPHQL', undefined])
      expect(
        production({ message: 'Cannot read properties of undefined', path: ['a'], extensions: { code } }),
      ).toEqual({
        message: GENERIC_ERROR_MESSAGE,
        path: ['a'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    expect(takeUnregisteredErrorCodes()).toEqual([]);
  });

  it('leaves errors as they are in development, and reports an unregistered code loudly', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bekend = { message: 'x', extensions: { code: 'FORBIDDEN', stacktrace: ['at y'] } };
    expect(development(bekend)).toEqual(bekend);
    expect(takeUnregisteredErrorCodes()).toEqual([]);
    const onbekend = { message: 'nieuw', extensions: { code: 'NIEUWE_CODE' } };
    expect(development(onbekend)).toEqual(onbekend);
    // The test setup fails every test that leaves a code here; this one takes it, as the hook would.
    expect(takeUnregisteredErrorCodes()).toEqual(['NIEUWE_CODE']);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('UNREGISTERED ERROR CODE NIEUWE_CODE'));
    expect(takeUnregisteredErrorCodes()).toEqual([]);
  });
});

describe('the status of a refused request', () => {
  async function statusAfter(
    status: number | undefined,
    result: { data?: unknown; errors?: GraphQLFormattedError[] },
  ): Promise<number | undefined> {
    const plugin = registeredStatusPlugin();
    const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<never>;
    const response = { http: { status, headers: new Map() }, body: { kind: 'single', singleResult: result } };
    await listener.willSendResponse?.({
      response,
    } as unknown as GraphQLRequestContextWillSendResponse<never>);
    return response.http.status;
  }
  const fout = (code: string) => ({ message: 'x', extensions: { code } });

  it('is the registry’s where Apollo left its default 500', async () => {
    expect(await statusAfter(500, { errors: [fout('OPERATION_RESOLUTION_FAILURE')] })).toBe(400);
    expect(await statusAfter(undefined, { errors: [fout('FORBIDDEN')] })).toBe(403);
    expect(await statusAfter(500, { errors: [fout('INTERNAL_SERVER_ERROR')] })).toBe(500);
    expect(await statusAfter(500, { errors: [fout('NIET_GEREGISTREERD')] })).toBe(500);
  });

  it('leaves a status the raiser chose, and a response with data', async () => {
    expect(await statusAfter(413, { errors: [fout('QUERY_TOO_COMPLEX')] })).toBe(413);
    expect(await statusAfter(405, { errors: [fout('BAD_REQUEST')] })).toBe(405);
    expect(await statusAfter(undefined, { data: { a: null }, errors: [fout('FORBIDDEN')] })).toBeUndefined();
    expect(
      await statusAfter(undefined, { data: null, errors: [fout('PARTNER_UNAVAILABLE')] }),
    ).toBeUndefined();
  });
});
