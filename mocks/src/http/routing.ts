import type { IncomingHttpHeaders } from 'node:http';

/** A request as a partner route sees it. */
export interface MockRequest {
  readonly methode: string;
  readonly pad: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The `{name}` parts of the route's path template. */
  readonly params: Readonly<Record<string, string>>;
  /** The raw request body (empty when there is none). */
  readonly body: Buffer;
}

/** A whole answer, built before anything is sent, so that fault modes can bend it. */
export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** A body too large to build in memory: its length, and how to produce it. */
  readonly stroom?: StreamBody;
}

export interface StreamBody {
  readonly length: number;
  /** Every chunk of the body. */
  readonly open: () => AsyncIterable<Buffer>;
}

export type Handler = (verzoek: MockRequest) => MockResponse | Promise<MockResponse>;

export interface Route {
  readonly methode: string;
  /** Path below the partner prefix, with `{name}` for variable parts. */
  readonly sjabloon: string;
  readonly handler: Handler;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function tekst(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): MockResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body };
}

/** Parses a JSON request body; undefined when it is absent or no JSON. */
export function leesJson(verzoek: MockRequest): unknown {
  if (verzoek.body.length === 0) return undefined;
  try {
    return JSON.parse(verzoek.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** An integer query parameter: its default when absent, null when present but not a whole number. */
export function integerParam(query: URLSearchParams, naam: string, standaard: number): number | null {
  const waarde = query.get(naam);
  if (waarde === null || waarde === '') return standaard;
  return /^-?\d+$/.test(waarde) ? Number(waarde) : null;
}

export function header(verzoek: MockRequest, naam: string): string | undefined {
  const waarde = verzoek.headers[naam.toLowerCase()];
  return Array.isArray(waarde) ? waarde[0] : waarde;
}

export function isRecord(waarde: unknown): waarde is Record<string, unknown> {
  return typeof waarde === 'object' && waarde !== null && !Array.isArray(waarde);
}

/** Matches a path against a template; returns the params, or null. */
export function matchTemplate(sjabloon: string, pad: string): Record<string, string> | null {
  const delen = sjabloon.split('/');
  const padDelen = pad.split('/');
  if (delen.length !== padDelen.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < delen.length; i++) {
    const deel = delen[i] as string;
    const padDeel = padDelen[i] as string;
    if (deel.startsWith('{') && deel.endsWith('}')) {
      if (padDeel === '') return null;
      params[deel.slice(1, -1)] = decodeURIComponent(padDeel);
    } else if (deel !== padDeel) {
      return null;
    }
  }
  return params;
}
