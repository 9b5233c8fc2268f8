import { createHash } from 'node:crypto';

/** Tokens are hashed in pieces of about this many characters: one update per piece, not per token. */
const PIECE = 64 * 1024;

/**
 * A fingerprint of what a value holds: equal for two values built alike from
 * the same data (same fields, entries and order), different when any of it
 * differs. For a Snapshot to tell a refresh that read the same data (every
 * partner read builds new objects) from one that brought new data. Walks
 * arrays, plain objects and class instances (their own enumerable fields),
 * Maps, Sets, Dates and byte arrays; an object met again is written as a
 * reference to its first visit, so shared records cost once and cycles end.
 * Functions and symbols count as such, without their contents. Iterative, so
 * that no depth of nesting overflows the stack.
 */
export function contentFingerprint(value: unknown): string {
  const hash = createHash('sha256');
  let stuk = '';
  const schrijf = (token: string) => {
    stuk += token;
    if (stuk.length >= PIECE) {
      hash.update(stuk);
      stuk = '';
    }
  };
  const bezocht = new Map<object, number>();
  const stapel: unknown[] = [value];
  while (stapel.length > 0) {
    const waarde = stapel.pop();
    switch (typeof waarde) {
      case 'string':
        schrijf(`s${String(waarde.length)}:${waarde}`);
        continue;
      case 'number':
      case 'bigint':
      case 'boolean':
        schrijf(`${(typeof waarde)[0] ?? ''}${String(waarde)};`);
        continue;
      case 'undefined':
        schrijf('u');
        continue;
      case 'function':
        schrijf('f');
        continue;
      case 'symbol':
        schrijf('y');
        continue;
      case 'object':
        break;
    }
    if (waarde === null) {
      schrijf('n');
      continue;
    }
    const eerder = bezocht.get(waarde);
    if (eerder !== undefined) {
      schrijf(`r${String(eerder)};`);
      continue;
    }
    bezocht.set(waarde, bezocht.size);
    // Children are pushed last first, so that they are written in their order.
    const kinderen: unknown[] = [];
    if (Array.isArray(waarde)) {
      schrijf(`a${String(waarde.length)};`);
      kinderen.push(...(waarde as unknown[]));
    } else if (waarde instanceof Map) {
      schrijf(`m${String(waarde.size)};`);
      for (const [k, v] of waarde as Map<unknown, unknown>) kinderen.push(k, v);
    } else if (waarde instanceof Set) {
      schrijf(`S${String(waarde.size)};`);
      kinderen.push(...(waarde as Set<unknown>));
    } else if (waarde instanceof Date) {
      schrijf(`d${String(waarde.getTime())};`);
    } else if (ArrayBuffer.isView(waarde)) {
      schrijf(
        `b${String(waarde.byteLength)};${Buffer.from(waarde.buffer, waarde.byteOffset, waarde.byteLength).toString('base64')}`,
      );
    } else {
      const sleutels = Object.keys(waarde);
      const naam = (Object.getPrototypeOf(waarde) as { constructor?: { name?: string } } | null)?.constructor
        ?.name;
      schrijf(`o${naam ?? ''}:${String(sleutels.length)};`);
      for (const k of sleutels) kinderen.push(k, (waarde as Record<string, unknown>)[k]);
    }
    for (let i = kinderen.length - 1; i >= 0; i--) stapel.push(kinderen[i]);
  }
  hash.update(stuk);
  return hash.digest('base64url');
}
