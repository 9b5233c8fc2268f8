import { useSyncExternalStore } from 'react';

const KEY = 'radar-duaal-token';
const listeners = new Set<() => void>();

/** The bearer token of the signed-in caller, for this browser tab only. */
export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
  for (const listener of listeners) listener();
}

export interface Caller {
  readonly rol: string;
  readonly sector?: string;
  readonly instellingsnummer?: string;
}

/** The claims a token carries, read for display only: the graph verifies it. */
export function callerOf(token: string | null): Caller | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    if (typeof claims['rol'] !== 'string') return null;
    return {
      rol: claims['rol'],
      ...(typeof claims['sector'] === 'string' ? { sector: claims['sector'] } : {}),
      ...(typeof claims['instellingsnummer'] === 'string'
        ? { instellingsnummer: claims['instellingsnummer'] }
        : {}),
    };
  } catch {
    return null;
  }
}

export function useToken(): string | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, readToken);
}
