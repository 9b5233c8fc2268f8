/**
 * Loaded with --import into every process the gateway bench starts: counts the
 * GraphQL requests a server answers and reports them, with the process's CPU
 * and memory, on GET /_bench/stats (`?gc=1` collects first), so that the bench
 * measures every gateway and subgraph alike, without hooks in their code.
 */
import { writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';

let profiler: Session | undefined;

/**
 * `/_bench/profile?start`, then `/_bench/profile?stop=FILE`: a CPU profile of just the run in between
 * (BENCH_CPU_PROF), written as a .cpuprofile. Not `--cpu-prof`: that profiles start-up and warm-up too,
 * and is not written by a process that a signal ends (stock Apollo re-raises SIGTERM).
 */
async function profile(url: URL): Promise<string> {
  const bestand = url.searchParams.get('stop');
  if (bestand === null) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return 'started';
  }
  if (!profiler) return 'not started';
  const { profile: p } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  writeFileSync(bestand, JSON.stringify(p));
  return bestand;
}

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
    if (req.url?.startsWith('/_bench/profile')) {
      void profile(new URL(req.url, 'http://probe')).then(
        (tekst) => res.end(tekst),
        (fout: unknown) => res.writeHead(500).end(String(fout)),
      );
      return true;
    }
    if (req.url?.startsWith('/graphql')) graphql += 1;
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
};
