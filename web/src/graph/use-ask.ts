import { useEffect, useState } from 'react';
import type { OperationName } from './hashes.ts';
import { ask, type GraphAnswer } from './client.ts';

export interface Asked<T> {
  readonly answer: GraphAnswer<T> | null;
  /** The request itself failed (no answer from the app's server). */
  readonly failure: string | null;
  readonly loading: boolean;
}

/**
 * Asks a persisted operation whenever its variables change; `null` variables
 * ask nothing (what a page may not or need not fetch is never sent).
 */
export function useAsk<T>(
  operation: OperationName,
  variables: Readonly<Record<string, unknown>> | null,
): Asked<T> {
  const key = variables === null ? null : JSON.stringify(variables);
  const [state, setState] = useState<Asked<T>>({ answer: null, failure: null, loading: key !== null });
  useEffect(() => {
    if (key === null) {
      setState({ answer: null, failure: null, loading: false });
      return;
    }
    const abort = new AbortController();
    setState({ answer: null, failure: null, loading: true });
    ask<T>(operation, JSON.parse(key) as Record<string, unknown>, abort.signal)
      .then((answer) => {
        setState({ answer, failure: null, loading: false });
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted)
          setState({ answer: null, failure: e instanceof Error ? e.message : String(e), loading: false });
      });
    return () => {
      abort.abort();
    };
  }, [operation, key]);
  return state;
}
