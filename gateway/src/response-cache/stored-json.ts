import type { FormattedExecutionResult } from 'graphql';

/**
 * A cached answer is kept as the UTF-8 bytes of the JSON of its `data`, made
 * once when it is kept. A hit in front of Apollo (fast-path.ts) writes those
 * bytes as they are, with only the request's own parts around them; a hit on
 * Apollo's path costs no walk over the answer and no serialisation, however
 * large the answer (the radar per gemeente: 6.7 MB). Apollo's plugin API cannot
 * return a body as bytes, so a hit's `data` is a stand-in object that this
 * module recognises in Apollo's `stringifyResult`, which writes the kept JSON
 * in its place (and the request's own errors and extensions around it).
 */
const kept = new WeakMap<object, Buffer>();

/** The stand-in `data` of a served hit: an empty object whose JSON is the kept one. */
export function storedData(json: Buffer): Record<string, unknown> {
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
  delen.push(`"data":${json.toString('utf8')}`);
  if (value.extensions !== undefined) delen.push(`"extensions":${JSON.stringify(value.extensions)}`);
  return `{${delen.join(',')}}\n`;
}

/** What comes before a kept answer's `data` in a hit written in front of Apollo. */
export const HEAD = Buffer.from('{"data":');

/** What comes after a kept answer's `data` in a hit: the request's own `extensions` (as JSON) and a newline. */
export function hitTail(extensions: string): Buffer {
  return Buffer.from(`,"extensions":${extensions}}\n`);
}

/**
 * A hit's body as Apollo writes it (`{"data":…,"extensions":{…}}` and a
 * newline): the kept bytes between the two small parts that differ per
 * request, never copied nor decoded. `tail` is the request's own (`hitTail`).
 */
export function hitBody(data: Buffer, tail: Buffer): readonly Buffer[] {
  return [HEAD, data, tail];
}
