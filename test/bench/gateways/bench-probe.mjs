// Loaded with --import into every process the gateway bench starts: counts the GraphQL requests a
// server answers and reports them, with the process's memory, on GET /_bench/stats (?gc=1 collects
// first), so that the bench measures every gateway and subgraph alike, without hooks in their code.
import http from 'node:http';

let graphql = 0;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') {
    const [req, res] = args;
    if (req.url?.startsWith('/_bench/stats')) {
      if (req.url.includes('gc=1') && typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
      }
      const { rss, heapUsed } = process.memoryUsage();
      const { user, system } = process.cpuUsage();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ graphql, rss, heapUsed, cpuMs: (user + system) / 1000 }));
      return true;
    }
    if (req.url?.startsWith('/graphql')) graphql += 1;
  }
  return emit.call(this, event, ...args);
};
