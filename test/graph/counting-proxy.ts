import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** One request the gateway sent to a subgraph, as the counting proxy saw it. */
export interface ForwardedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly query: string;
}

export interface CountingProxy {
  readonly url: string;
  readonly verzoeken: readonly ForwardedRequest[];
  /** How many of the requests were `_entities` fetches. */
  entiteiten(): number;
  wis(): void;
  /** Whether the subgraph behind it is reachable: while false, every connection is cut, as a killed process would. */
  bereikbaar(ja: boolean): void;
  stop(): Promise<void>;
}

/**
 * A proxy in front of one subgraph that counts and records what the gateway
 * sends it: an independent way to see how many calls a query costs, without
 * hooks in the code under test.
 */
export async function startCountingProxy(doel: string): Promise<CountingProxy> {
  const verzoeken: ForwardedRequest[] = [];
  let weg = false;
  const server = createServer((req, res) => {
    if (weg) {
      req.socket.destroy();
      return;
    }
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const body = Buffer.concat(delen);
      let query = '';
      try {
        const gevraagd = (JSON.parse(body.toString('utf8')) as { query?: unknown }).query;
        query = typeof gevraagd === 'string' ? gevraagd : '';
      } catch {
        // not JSON: counted with an empty query
      }
      if (req.url?.startsWith('/graphql')) verzoeken.push({ headers: req.headers, query });
      const { host: _host, connection: _connection, ...headers } = req.headers;
      request(new URL(req.url ?? '/', doel), {
        method: req.method ?? 'GET',
        headers,
        body: body.length > 0 ? body : null,
      })
        .then(async (antwoord) => {
          res.writeHead(antwoord.statusCode, {
            'content-type': String(antwoord.headers['content-type'] ?? 'application/json'),
          });
          res.end(Buffer.from(await antwoord.body.arrayBuffer()));
        })
        .catch(() => {
          res.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verzoeken,
    entiteiten: () => verzoeken.filter((v) => v.query.includes('_entities')).length,
    wis: () => {
      verzoeken.length = 0;
    },
    bereikbaar: (ja) => {
      weg = !ja;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
