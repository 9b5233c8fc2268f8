import { loadavg } from 'node:os';
import { request } from 'undici';

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
  readonly bytes: number;
  /**
   * After that, the client's own work: the bytes read into a string and parsed
   * (for the 6.7 MB radar per gemeente it outweighs a cache hit).
   */
  readonly clientMs: number;
}

/**
 * Asks the gateway at `url` one query and times it until the answer's last
 * byte, with undici's `request` (`fetch` pushes the body through web streams
 * and decodes it into a string: for 6.7 MB more than the gateway's own work);
 * an answer with errors (or not HTTP 200) stops the bench with its text, named
 * `wat`: a figure of a failed answer would measure nothing.
 */
export async function timedQuery(url: string, query: string, wat: string): Promise<TimedAnswer> {
  const begin = performance.now();
  const antwoord = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const inhoud = Buffer.from(await antwoord.body.arrayBuffer());
  const duur = performance.now() - begin;
  const tekst = inhoud.toString('utf8');
  const body = JSON.parse(tekst) as { data?: Record<string, unknown> | null; errors?: unknown };
  const clientMs = performance.now() - begin - duur;
  if (antwoord.statusCode !== 200 || body.errors)
    throw new Error(`${wat}: ${String(antwoord.statusCode)} ${tekst.slice(0, 500)}`);
  return { ms: duur, data: body.data ?? {}, bytes: inhoud.length, clientMs };
}
