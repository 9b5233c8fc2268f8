import type { IncomingMessage, ServerResponse } from 'node:http';

/** The persisted operations' texts by hash, from the app's manifest. */
export type OperationTexts = ReadonlyMap<string, string>;

const MAX_BODY_BYTES = 102_400;
const FORWARDED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function persistedHash(body: unknown): string | null {
  const b = body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | null;
  const hash = b?.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' && b?.query === undefined ? hash : null;
}

function notFound(answer: unknown): boolean {
  const errors = (answer as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors;
  return errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') ?? false;
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}

/**
 * Forwards POST /graphql to the gateway, so the app has one origin and needs no
 * CORS. The browser sends only hashes; a gateway without the manifest (development,
 * automatic persisted queries) answers PERSISTED_QUERY_NOT_FOUND to a hash it has
 * not seen, and then the proxy registers the app's own text for it once, as an
 * APQ client would. A gateway with PERSISTED_DOCUMENTS_ONLY knows the hashes.
 */
export function graphqlProxy(gatewayUrl: string, texts: OperationTexts) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      sendJson(response, 405, {
        errors: [{ message: 'Alleen POST naar /graphql.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      sendJson(response, 413, {
        errors: [
          {
            message: `Het verzoek is groter dan ${MAX_BODY_BYTES} bytes.`,
            extensions: { code: 'QUERY_TOO_COMPLEX', grens: 'bodyBytes', maximum: MAX_BODY_BYTES },
          },
        ],
      });
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const address = request.socket.remoteAddress;
    const forwarded = request.headers['x-forwarded-for'];
    if (address)
      headers['x-forwarded-for'] = typeof forwarded === 'string' ? `${forwarded}, ${address}` : address;
    const send = (payload: Uint8Array | string) =>
      fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers,
        body: typeof payload === 'string' ? payload : new Uint8Array(payload),
      });
    try {
      let answer = await send(body);
      let text = await answer.text();
      if (answer.ok || answer.status === 400 || answer.status === 404) {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          // not JSON: the gateway already said so
        }
        const hash = persistedHash(parsed);
        const known = hash === null ? undefined : texts.get(hash);
        if (known !== undefined && notFound(safeParse(text))) {
          answer = await send(JSON.stringify({ ...(parsed as object), query: known }));
          text = await answer.text();
        }
      }
      const responseHeaders: Record<string, string> = {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      };
      const retryAfter = answer.headers.get('retry-after');
      if (retryAfter) responseHeaders['retry-after'] = retryAfter;
      response.writeHead(answer.status, responseHeaders);
      response.end(text);
    } catch {
      sendJson(response, 502, {
        errors: [{ message: 'De graaf is niet bereikbaar.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    }
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
