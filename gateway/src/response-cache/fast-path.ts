import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  acceptsGzip,
  addVary,
  currentTraceId,
  recordRequest,
  type CompressionOptions,
  type Telemetry,
} from '@duaal-graph/subgraph-toolkit';
import type { GatewayContext } from '../subgraph-sources.ts';
import type { ResponseCache } from './response-cache.ts';
import { gzipHitBody } from './kept-gzip.ts';
import { HEAD, hitBody, hitTail } from './stored-json.ts';
import { visibilityKey } from './visibility.ts';

export interface FastPathOptions {
  readonly cache: ResponseCache;
  /**
   * The request's context, the same promise Apollo gets for it (server.ts):
   * the token checked and the rate limit counted once, whichever path answers.
   */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  readonly telemetry: Telemetry;
  readonly logRequests: boolean;
  /** As the listener compresses Apollo's answers (null: never): a hit goes out as the same answer would. */
  readonly compression: CompressionOptions | null;
}

/**
 * The context function made once per request: the fast path and Apollo then
 * get the same promise, so the token is checked and the request counted
 * against the rate limit once, and a refusal is reported by Apollo as always.
 */
export function oncePerRequest<C>(
  maak: (req: IncomingMessage) => Promise<C>,
): (req: IncomingMessage) => Promise<C> {
  const gemaakt = new WeakMap<IncomingMessage, Promise<C>>();
  return (req) => {
    let context = gemaakt.get(req);
    if (!context) {
      context = maak(req);
      gemaakt.set(req, context);
    }
    return context;
  };
}

/** Bodies larger than this are not kept as raw forms: real clients' questions are a few hundred bytes. */
const MAX_RAW_BODY = 16 * 1024;

/**
 * The answer's media type as Apollo would choose it for this `Accept`, for the
 * common headers only; anything else (a quality list, multipart) takes Apollo's path.
 */
function mediaType(accept: string | undefined): string | null {
  switch (accept) {
    case undefined:
    case '':
    case '*/*':
    case 'application/json':
      return 'application/json; charset=utf-8';
    case 'application/graphql-response+json':
    case 'application/graphql-response+json, application/json;q=0.9':
    case 'application/graphql-response+json,application/json;q=0.9':
      return 'application/graphql-response+json; charset=utf-8';
    default:
      return null;
  }
}

/** A body Apollo reads as JSON and whose request passes its CSRF prevention. */
function jsonBody(contentType: string | undefined): boolean {
  return contentType === 'application/json' || contentType === 'application/json; charset=utf-8';
}

/**
 * Serves a kept answer in front of Apollo when the request was seen before in
 * exactly this raw form (same kind of caller, same answer type, same body):
 * Apollo's parse, validation, limits and plugins judged that form then, and
 * judge the same again, so only what differs per request runs here: the token
 * and the rate limit (the context), `extensions.bronnen` as the subgraphs report
 * their sources now, the trace id, the request log line and metrics. Anything
 * else (a first sighting, a changed source, an unavailable one, a mutation,
 * which is never kept) returns false and takes Apollo's path, which routes the
 * raw form to its answer once that is kept.
 */
export function fastPath(
  opties: FastPathOptions,
): (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean> {
  const { cache, telemetry, logRequests } = opties;
  return async (req, res, body) => {
    if (req.method !== 'POST' || body.length > MAX_RAW_BODY || !jsonBody(req.headers['content-type']))
      return false;
    const type = mediaType(req.headers.accept);
    if (type === null) return false;
    const begin = performance.now();
    let context: GatewayContext;
    try {
      context = await opties.context(req);
    } catch {
      // A bad token or the rate limit: Apollo's path reports it, from the same settled context.
      return false;
    }
    const raw = `${visibilityKey(context.gebruiker)}\u0000${type}\u0000${body}`;
    cache.rememberRaw(context, raw);
    const hit = cache.rawHit(raw);
    if (!hit) return false;
    const traceId = currentTraceId();
    // As Apollo writes a hit (stored-json.ts): data, then extensions with bronnen and the trace id.
    const tail = hitTail(
      `{"bronnen":${hit.bronnen}${traceId === undefined ? '' : `,"traceId":${JSON.stringify(traceId)}`}}`,
    );
    const { compression } = opties;
    const gzip =
      compression !== null &&
      HEAD.length + hit.data.length + tail.length >= compression.minBytes &&
      acceptsGzip(req.headers['accept-encoding']);
    // The kept gzip form (kept-gzip.ts), made by the first hit that takes gzip; every later one only frames it.
    const delen = gzip ? gzipHitBody(await hit.gzip(), tail) : hitBody(hit.data, tail);
    res.statusCode = 200;
    res.setHeader('content-type', type);
    // What Apollo's cache-control plugin writes for the graph, which gives no cache hints.
    res.setHeader('cache-control', 'no-store');
    if (compression !== null) addVary(res, 'Accept-Encoding');
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.setHeader(
      'content-length',
      delen.reduce((som, deel) => som + deel.length, 0),
    );
    // The kept bytes go to the socket as they are: no string made, copied or encoded per hit.
    for (const deel of delen) res.write(deel);
    res.end();
    recordRequest(
      telemetry,
      { logRequests },
      {
        operationName: hit.operationName,
        hash: hit.queryHash,
        seconden: (performance.now() - begin) / 1000,
        status: 200,
        fouten: [],
        heeftData: true,
      },
    );
    return true;
  };
}
