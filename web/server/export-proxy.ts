import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './graphql-proxy.ts';

/** The answer headers a download needs: its type and name, and the graph's word on it. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'x-graph-errors', 'retry-after'];

/**
 * Forwards GET /export/<naam>.csv?… to the gateway's CSV export with the
 * caller's Authorization, as /graphql is forwarded: the same origin for the app,
 * and the gateway applies the caller's access rules, limits and rate limit.
 */
export function exportProxy(gatewayUrl: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendJson(response, 405, {
        errors: [{ message: 'Een export lees je met GET.', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    const headers: Record<string, string> = {};
    const authorization = request.headers.authorization;
    if (authorization) headers['authorization'] = authorization;
    const address = request.socket.remoteAddress;
    const forwarded = request.headers['x-forwarded-for'];
    if (address)
      headers['x-forwarded-for'] = typeof forwarded === 'string' ? `${forwarded}, ${address}` : address;
    try {
      const answer = await fetch(`${gatewayUrl}${request.url ?? ''}`, { method: request.method, headers });
      const passed: Record<string, string> = {};
      for (const name of PASSED_HEADERS) {
        const value = answer.headers.get(name);
        if (value) passed[name] = value;
      }
      const body = Buffer.from(await answer.arrayBuffer());
      response.writeHead(answer.status, { ...passed, 'content-length': String(body.length) });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      sendJson(response, 502, {
        errors: [{ message: 'De graaf is niet bereikbaar.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    }
  };
}
