import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { request } from 'undici';

const gunzipAsync = promisify(gunzip);

/*
 * What the benches measure with: one timed question to the gateway, and the
 * figures they print. One copy, so that every bench times the same way (from
 * the request to the answer's last byte, JSON parsed outside the timing).
 */

/** The machine's load average (1, 5, 15 minutes): a figure measured on a busy machine says so. */
export const belasting = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

export function mediaan(waarden: readonly number[]): number {
  const s = [...waarden].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export const ms = (waarde: number): string => `${waarde.toFixed(0)} ms`;

export const spreiding = (w: readonly number[]): string =>
  `${ms(mediaan(w))} (min ${ms(Math.min(...w))}, max ${ms(Math.max(...w))})`;

export interface TimedAnswer {
  /** From sending the request to the answer's last byte. */
  readonly ms: number;
  readonly data: Readonly<Record<string, unknown>>;
  /** Bytes over the wire (compressed, when the answer was). */
  readonly bytes: number;
  /** Bytes of the JSON, decoded. */
  readonly jsonBytes: number;
  /** The answer's `Content-Encoding`; null: the identity. */
  readonly encoding: string | null;
  /**
   * After that, the client's own work: the bytes decompressed (when they came
   * compressed), read into a string and parsed (for the 6.7 MB radar per
   * gemeente it outweighs a cache hit).
   */
  readonly clientMs: number;
}

/**
 * Asks the gateway at `url` one query and times it until the answer's last
 * byte, with undici's `request` (`fetch` pushes the body through web streams
 * and decodes it into a string: for 6.7 MB more than the gateway's own work);
 * an answer with errors (or not HTTP 200) stops the bench with its text, named
 * `wat`: a figure of a failed answer would measure nothing. `acceptEncoding`
 * is sent as is (a browser sends `gzip, deflate, br, zstd`); none asks for the identity.
 */
export async function timedQuery(
  url: string,
  query: string,
  wat: string,
  acceptEncoding?: string,
): Promise<TimedAnswer> {
  const begin = performance.now();
  const antwoord = await request(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
    },
    body: JSON.stringify({ query }),
  });
  const inhoud = Buffer.from(await antwoord.body.arrayBuffer());
  const duur = performance.now() - begin;
  const codering = antwoord.headers['content-encoding'];
  const encoding = codering === undefined ? null : String(codering);
  if (encoding !== null && encoding !== 'gzip')
    throw new Error(`${wat}: unexpected Content-Encoding ${encoding}`);
  const json = encoding === 'gzip' ? await gunzipAsync(inhoud) : inhoud;
  const tekst = json.toString('utf8');
  const body = JSON.parse(tekst) as { data?: Record<string, unknown> | null; errors?: unknown };
  const clientMs = performance.now() - begin - duur;
  if (antwoord.statusCode !== 200 || body.errors)
    throw new Error(`${wat}: ${String(antwoord.statusCode)} ${tekst.slice(0, 500)}`);
  return {
    ms: duur,
    data: body.data ?? {},
    bytes: inhoud.length,
    jsonBytes: json.length,
    encoding,
    clientMs,
  };
}
