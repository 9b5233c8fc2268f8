import type { IncomingMessage, ServerResponse } from 'node:http';

/** The web app's origins in development (`npm start -w web`). */
export const DEVELOPMENT_ORIGINS = ['http://127.0.0.1:4200', 'http://localhost:4200'] as const;

export const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'] as const;
export const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'traceparent',
] as const;
/** How long a browser may keep a preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE_S = 600;

export interface CorsSettings {
  /** Origins allowed exactly as written (`scheme://host[:port]`). */
  readonly origins: readonly string[];
  /** Development only: every origin on this machine (localhost, 127.0.0.1, [::1]) on any port. */
  readonly anyLoopback: boolean;
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * `CORS_ORIGINS`: a comma-separated list of origins. Unset, development allows
 * the web app's origins and any loopback origin, production none (a browser on
 * another origin cannot call the graph until its origin is listed). A value
 * that is not an origin stops the gateway at start, naming it.
 */
export function corsSettingsFrom(raw: string | undefined, production: boolean): CorsSettings {
  if (raw === undefined || raw.trim() === '')
    return production
      ? { origins: [], anyLoopback: false }
      : { origins: [...DEVELOPMENT_ORIGINS], anyLoopback: true };
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    if (parsed?.origin !== origin || !/^https?:$/.test(parsed.protocol))
      throw new Error(`CORS_ORIGINS must list origins such as https://app.example.be, got "${origin}"`);
  }
  return { origins, anyLoopback: false };
}

export function originAllowed(settings: CorsSettings, origin: string): boolean {
  return settings.origins.includes(origin) || (settings.anyLoopback && LOOPBACK.test(origin));
}

function refuse(res: ServerResponse, origin: string): void {
  const body = JSON.stringify({
    errors: [
      {
        message: `Verzoeken vanaf herkomst ${origin} zijn niet toegestaan.`,
        extensions: { code: 'FORBIDDEN' },
      },
    ],
  });
  res.writeHead(403, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Cross-origin requests, in front of GraphQL: a preflight (OPTIONS with
 * `Access-Control-Request-Method`) from an allowed origin is answered 204 with
 * the methods and headers the graph takes, never with credentials (callers
 * send a bearer token, no cookies); a request from an allowed origin gets
 * `Access-Control-Allow-Origin` on its answer; one from another origin is
 * refused with 403, preflight or not. Requests without `Origin` (servers,
 * tools) pass untouched. CSRF prevention behind it still refuses the simple
 * requests a browser sends without a preflight.
 * Returns true when it answered the request itself.
 */
export function handleCors(settings: CorsSettings, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  res.setHeader(
    'vary',
    preflight ? 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' : 'Origin',
  );
  if (!originAllowed(settings, origin)) {
    refuse(res, origin);
    return true;
  }
  res.setHeader('access-control-allow-origin', origin);
  if (!preflight) {
    // The rate limit's Retry-After is part of the answer a browser app must be able to read.
    res.setHeader('access-control-expose-headers', 'Retry-After');
    return false;
  }
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS.join(', '),
    'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    'content-length': '0',
  });
  res.end();
  return true;
}
