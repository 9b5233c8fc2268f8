import { OPERATION_HASHES, type OperationName } from './hashes.ts';
import { readToken } from '../session.ts';

export interface GraphError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface SourceState {
  readonly bron: string;
  readonly toestand: string;
  readonly bijgewerktOp?: string | null;
  readonly reden?: string | null;
}

export interface GraphAnswer<T> {
  readonly data: T | null;
  readonly errors: readonly GraphError[];
  readonly sources: readonly SourceState[];
}

/**
 * Runs one of the app's persisted operations: only its hash and variables go out
 * (the gateway, or the app's server in front of it, knows the text), with the
 * signed-in caller's token as bearer.
 */
export async function ask<T>(
  operationName: OperationName,
  variables: Readonly<Record<string, unknown>> = {},
  signal?: AbortSignal,
): Promise<GraphAnswer<T>> {
  const token = readToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      operationName,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: OPERATION_HASHES[operationName] } },
    }),
    ...(signal ? { signal } : {}),
  });
  let body: { data?: T | null; errors?: GraphError[]; extensions?: { bronnen?: SourceState[] } };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = {
      errors: [{ message: `De graaf antwoordde met HTTP ${response.status} zonder leesbaar antwoord.` }],
    };
  }
  return { data: body.data ?? null, errors: body.errors ?? [], sources: body.extensions?.bronnen ?? [] };
}
