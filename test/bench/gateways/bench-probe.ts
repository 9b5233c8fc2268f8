/**
 * Loaded with --import into every process the gateway bench starts: counts the
 * GraphQL requests a server answers and reports them, with the process's CPU
 * and memory, on GET /_bench/stats (`?gc=1` collects first), so that the bench
 * measures every gateway and subgraph alike, without hooks in their code.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

let graphql = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with its server as `this` below
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    if (req.url?.startsWith('/_bench/stats')) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (req.url.includes('gc=1') && gc) {
        gc();
        gc();
      }
      const { rss, heapUsed } = process.memoryUsage();
      const { user, system } = process.cpuUsage();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ graphql, rss, heapUsed, cpuMs: (user + system) / 1000 }));
      return true;
    }
    if (req.url?.startsWith('/graphql')) graphql += 1;
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
};
