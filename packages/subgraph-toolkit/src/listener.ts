import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { sendCompressed, type CompressionOptions } from './compression.ts';
import { ERROR_CODES, errorBody } from './error-codes.ts';
import { errorFields } from './observability/logger.ts';
import { currentTelemetry, inService, type Telemetry } from './observability/scope.ts';
import { inServerSpan } from './observability/tracing.ts';

export interface RunningService {
  /** Base URL; GraphQL answers at `${url}/graphql`. */
  readonly url: string;
  /** Stops at once: open connections are cut (tests, and after a drain). */
  readonly stop: () => Promise<void>;
  /**
   * The graceful end (SIGTERM): reports not ready, stops accepting connections,
   * lets the requests in flight finish within `graceMs`, then stops.
   */
  readonly drain: (graceMs: number) => Promise<void>;
}

export interface ListenerOptions<C extends BaseContext> {
  readonly apollo: ApolloServer<C>;
  readonly context: (req: IncomingMessage) => Promise<C>;
  /** Whether the service can answer queries yet (`GET /ready`). */
  readonly gereed: () => boolean | Promise<boolean>;
  /** What `/ready` reports besides the verdict. */
  readonly toestand?: () => unknown;
  readonly poort: number;
  readonly host: string;
  /** Largest request body accepted. */
  readonly maxBodyBytes?: number;
  /**
   * Runs first for every request to `/graphql` (the gateway's CORS): may set
   * headers for the answer, and returns true when it answered the request itself.
   */
  readonly beforeGraphQL?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Runs for every `/graphql` request within the body limit, with its body as
   * read and before Apollo sees it (the gateway's cached answers): returns true
   * when it answered the request itself.
   */
  readonly beforeApollo?: (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean>;
  /**
   * Routes of the service besides `/graphql` (the gateway's CSV exports): answers
   * the request and returns true, or returns false to leave it to the listener.
   */
  readonly routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /**
   * Whether and from which size Apollo's answers to `/graphql` go out gzip-compressed
   * to a caller that takes it (the gateway's; a subgraph's callers are on the cluster's network).
   */
  readonly compression?: CompressionOptions;
  /** The service's metrics (served at `/metrics`) and logger; by default those of the scope it starts in. */
  readonly telemetry?: Telemetry;
}

/** What is read past the limit and thrown away before the connection is cut. */
const AFVOER_BYTES = 16 * 1024 * 1024;

async function leesBody(req: IncomingMessage, max: number): Promise<string | null> {
  const delen: Buffer[] = [];
  let lengte = 0;
  for await (const deel of req) {
    lengte += (deel as Buffer).length;
    // Past the limit, read on without keeping anything: a client still sending then gets its 413 instead of
    // a reset connection (leaving the loop would destroy the socket). Past AFVOER_BYTES it is cut all the same.
    if (lengte > max + AFVOER_BYTES) return null;
    if (lengte <= max) delen.push(deel as Buffer);
  }
  return lengte > max ? null : Buffer.concat(delen).toString('utf8');
}

function stuurJson(res: ServerResponse, status: number, body: unknown): void {
  const tekst = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(tekst),
  });
  res.end(tekst);
}

/**
 * Serves an Apollo server over plain node:http at `/graphql`, with `/health`
 * (alive), `/ready` (able to answer; not while draining) and `/metrics`
 * (Prometheus text): the listener half of a service, so that tests start the
 * same thing on port 0. Every GraphQL request runs in a server span that
 * continues the caller's W3C trace, and in the service's telemetry scope.
 */
export async function startListener<C extends BaseContext>(
  opties: ListenerOptions<C>,
): Promise<RunningService> {
  const { apollo } = opties;
  const telemetry = opties.telemetry ?? currentTelemetry();
  await apollo.start();
  const max = opties.maxBodyBytes ?? 1024 * 1024;
  let draining = false;
  let inFlight = 0;

  const behandel = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://dienst');
    // While draining, every answer closes its connection, so that no kept-alive connection outlives the drain.
    if (draining) res.setHeader('connection', 'close');
    if (url.pathname === '/health') {
      stuurJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/ready') {
      const gereed = !draining && (await opties.gereed());
      stuurJson(res, gereed ? 200 : 503, {
        gereed,
        ...(draining ? { draining } : {}),
        ...(opties.toestand ? { toestand: opties.toestand() } : {}),
      });
      return;
    }
    if (url.pathname === '/metrics') {
      const { contentType, body } = await telemetry.metrics.scrape();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
      return;
    }
    if (opties.routes && (await opties.routes(req, res, url))) return;
    if (url.pathname !== '/graphql') {
      stuurJson(res, 404, { fout: 'niet gevonden; GraphQL antwoordt op /graphql' });
      return;
    }
    await inServerSpan(
      `${req.method ?? 'GET'} /graphql`,
      req.headers,
      {
        'http.request.method': req.method ?? 'GET',
        'url.path': '/graphql',
        'duaal.service': telemetry.service,
      },
      async (span) => {
        await graphql(req, res, url);
        span.setAttribute('http.response.status_code', res.statusCode);
      },
    );
  };

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (opties.beforeGraphQL?.(req, res)) return;
    const tekst = await leesBody(req, max);
    if (tekst === null) {
      stuurJson(
        res,
        413,
        errorBody(
          'QUERY_TOO_COMPLEX',
          `Query te complex: het verzoek is groter dan de grens van ${max} bytes.`,
          { grens: 'bodyBytes', maximum: max },
        ),
      );
      return;
    }
    if (opties.beforeApollo && (await opties.beforeApollo(req, res, tekst))) return;
    const headers = new HeaderMap();
    for (const [naam, waarde] of Object.entries(req.headers)) {
      if (waarde !== undefined) headers.set(naam, Array.isArray(waarde) ? waarde.join(', ') : waarde);
    }
    let body: unknown = tekst;
    if ((headers.get('content-type') ?? '').includes('json') && tekst !== '') {
      try {
        body = JSON.parse(tekst);
      } catch {
        stuurJson(
          res,
          ERROR_CODES.BAD_REQUEST.status,
          errorBody('BAD_REQUEST', 'Het verzoek is geen geldige JSON.'),
        );
        return;
      }
    }
    const antwoord = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => opties.context(req),
    });
    for (const [naam, waarde] of antwoord.headers) {
      // A Vary set in front (by beforeGraphQL) and Apollo's own both hold.
      const eerder = naam === 'vary' ? res.getHeader('vary') : undefined;
      res.setHeader(naam, eerder === undefined ? waarde : `${String(eerder)}, ${waarde}`);
    }
    res.statusCode = antwoord.status ?? 200;
    if (antwoord.body.kind === 'complete') {
      if (opties.compression)
        await sendCompressed(res, antwoord.body.string, req.headers['accept-encoding'], opties.compression);
      else res.end(antwoord.body.string);
      return;
    }
    for await (const deel of antwoord.body.asyncIterator) res.write(deel);
    res.end();
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    inService(telemetry, () => behandel(req, res)).catch((fout: unknown) => {
      telemetry.logger.error({ err: errorFields(fout) }, 'onverwachte fout');
      if (!res.headersSent)
        stuurJson(
          res,
          ERROR_CODES.INTERNAL_SERVER_ERROR.status,
          errorBody('INTERNAL_SERVER_ERROR', 'Interne fout.'),
        );
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opties.poort, opties.host, () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const gesloten = new Promise<void>((resolve) => {
    server.once('close', resolve);
  });
  const stop = async () => {
    server.closeAllConnections();
    if (server.listening) server.close();
    await gesloten;
    await apollo.stop();
  };
  return {
    url: `http://${opties.host.includes(':') ? `[${opties.host}]` : opties.host}:${port}`,
    stop,
    drain: async (graceMs) => {
      draining = true;
      // No new connections; idle kept-alive ones are closed now, busy ones once their answer is sent.
      server.close();
      server.closeIdleConnections();
      const einde = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < einde) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        server.closeIdleConnections();
      }
      telemetry.logger.info({ afgebroken: inFlight }, 'gestopt na drain');
      await stop();
    },
  };
}
