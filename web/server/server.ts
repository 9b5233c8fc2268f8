import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { WebConfig } from './config.ts';
import { devTokenHandler } from './dev-token.ts';
import { exportProxy } from './export-proxy.ts';
import { graphqlProxy, sendJson } from './graphql-proxy.ts';
import { serveFile } from './static-files.ts';

export { readWebConfig, type WebConfig } from './config.ts';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WebServer {
  readonly url: string;
  stop(): Promise<void>;
}

function operationTexts(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(`${WEB_ROOT}persisted-operations.json`, 'utf8')) as {
    operations: { id: string; body: string }[];
  };
  return new Map(manifest.operations.map((o) => [o.id, o.body]));
}

type Handler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * The web app's server: the app (built, or its sources through Vite in
 * development), /graphql and /export/*.csv forwarded to the gateway, /config.json with the
 * settings the app reads at run time, /dev/token in development, and GraphiQL at
 * /graphiql where it is enabled.
 */
export async function startWeb(config: WebConfig, env: NodeJS.ProcessEnv = process.env): Promise<WebServer> {
  const proxy = graphqlProxy(config.gatewayUrl, operationTexts());
  const exports = exportProxy(config.gatewayUrl);
  const devToken = devTokenHandler(env, config.production);
  const runtimeConfig = JSON.stringify({
    tegelUrl: config.tileUrl,
    graphiql: config.graphiql,
    ontwikkeltokens: !config.production,
  });
  let vite: { middlewares: Handler; close(): Promise<void> } | null = null;
  if (config.dist === null) {
    // Only development loads Vite: a production server needs nothing but the built files.
    const { createServer: createViteServer } = await import('vite');
    vite = await createViteServer({ root: WEB_ROOT, server: { middlewareMode: true }, appType: 'mpa' });
  }
  const dist = config.dist;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://web').pathname;
    const fail = () => {
      if (!response.headersSent)
        sendJson(response, 500, {
          errors: [{ message: 'Interne fout.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
    };
    if (path === '/graphql') {
      proxy(request, response).catch(fail);
      return;
    }
    if (path.startsWith('/export/')) {
      exports(request, response).catch(fail);
      return;
    }
    if (path === '/dev/token') {
      devToken(request, response).catch(fail);
      return;
    }
    if (path === '/config.json') {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      });
      response.end(runtimeConfig);
      return;
    }
    if (path === '/health') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    let file = path === '/' ? '/index.html' : path;
    if (path === '/graphiql' || path === '/graphiql.html') {
      if (!config.graphiql) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('GraphiQL staat niet aan op deze server (WEB_GRAPHIQL).');
        return;
      }
      file = '/graphiql.html';
    }
    if (vite) {
      request.url = file + (request.url?.includes('?') ? request.url.slice(request.url.indexOf('?')) : '');
      vite.middlewares(request, response, () => {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Niet gevonden.');
      });
      return;
    }
    if (dist === null) return;
    serveFile(dist, file, response)
      .then((served) => {
        if (served) return;
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Niet gevonden.');
      })
      .catch(fail);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    stop: async () => {
      await vite?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
