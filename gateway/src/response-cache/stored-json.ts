import type { FormattedExecutionResult } from 'graphql';

/**
 * A cached answer is kept as the JSON of its `data`, made once when it is
 * kept, and served as those bytes: a hit costs no walk over the answer and no
 * serialisation, however large the answer (Q2: hundreds of kB). Apollo's plugin
 * API cannot return a body as text, so a hit's `data` is a stand-in object
 * that this module recognises in Apollo's `stringifyResult`, which writes the
 * kept JSON in its place (and the request's own errors and extensions around it).
 */
const kept = new WeakMap<object, string>();

/** The stand-in `data` of a served hit: an empty object whose JSON is the kept one. */
export function storedData(json: string): Record<string, unknown> {
  const standIn = Object.freeze({});
  kept.set(standIn, json);
  return standIn;
}

/**
 * Apollo's `stringifyResult` (JSON and a newline, field order errors, data,
 * extensions, as Apollo writes them), with the kept JSON for a served hit's `data`.
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const json = typeof value.data === 'object' && value.data !== null ? kept.get(value.data) : undefined;
  if (json === undefined) return `${JSON.stringify(value)}\n`;
  const delen: string[] = [];
  if (value.errors !== undefined) delen.push(`"errors":${JSON.stringify(value.errors)}`);
  delen.push(`"data":${json}`);
  if (value.extensions !== undefined) delen.push(`"extensions":${JSON.stringify(value.extensions)}`);
  return `{${delen.join(',')}}\n`;
}
