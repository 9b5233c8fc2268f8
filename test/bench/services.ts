import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as wacht } from 'node:timers/promises';
import { SUBGRAPHS } from '@duaal-graph/schema';

/**
 * The services as `npm start` runs them: each in a process of its own, so that
 * the figures include what a deployment pays (the hops between processes, the
 * gateway and the subgraphs on their own event loops), not an in-process shortcut.
 */

const WORTEL = new URL('../../', import.meta.url).pathname;

export interface Service {
  readonly naam: string;
  readonly url: string;
  /** What the process wrote, for the error message when it does not come up. */
  readonly uitvoer: () => string;
  /** Whether the process has ended. */
  readonly gestopt: () => boolean;
  /** The process id (for its memory in /proc). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const adres = server.address();
      const poort = typeof adres === 'object' && adres ? adres.port : 0;
      server.close(() => {
        resolve(poort);
      });
    });
  });
}

/** Starts `src/index.ts` (or another script) of a workspace folder with tsx, as its `npm start` does. */
export function startProcess(
  naam: string,
  map: string,
  poort: number,
  omgeving: Record<string, string>,
  script = 'src/index.ts',
  /** How Node runs the script: through tsx (development), or `['--conditions=compiled']` for `dist/`. */
  nodeArgs: readonly string[] = ['--import', 'tsx'],
): Service {
  const kind: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    cwd: `${WORTEL}${map}`,
    env: { ...process.env, ...omgeving },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let uitvoer = '';
  const bewaar = (d: Buffer) => {
    uitvoer = (uitvoer + d.toString('utf8')).slice(-4_000);
  };
  kind.stdout?.on('data', bewaar);
  kind.stderr?.on('data', bewaar);
  let weg = false;
  const gestopt = new Promise<void>((resolve) =>
    kind.once('exit', () => {
      weg = true;
      resolve();
    }),
  );
  return {
    naam,
    url: `http://127.0.0.1:${poort}`,
    uitvoer: () => uitvoer,
    gestopt: () => weg,
    pid: kind.pid,
    stop: async () => {
      if (kind.exitCode === null) kind.kill('SIGTERM');
      await gestopt;
    },
  };
}

/** Waits until the service answers 200 on the path (`/ready`, `/_mock/health`). */
export async function waitUntilReady(dienst: Service, pad: string, maxMs = 600_000): Promise<void> {
  const einde = Date.now() + maxMs;
  let laatste = '';
  while (Date.now() < einde && !dienst.gestopt()) {
    try {
      const antwoord = await fetch(`${dienst.url}${pad}`);
      if (antwoord.status === 200) return;
      laatste = await antwoord.text();
    } catch {
      // not listening yet
    }
    await wacht(100);
  }
  throw new Error(`${dienst.naam} kwam niet op (${laatste}):\n${dienst.uitvoer()}`);
}

export interface Subgraphs {
  readonly diensten: readonly Service[];
  /** Routing URL per subgraph name. */
  readonly urls: Readonly<Record<string, string>>;
  /** Milliseconds from start to `/ready`, per subgraph. */
  readonly opstart: Readonly<Record<string, number>>;
}

/** Starts every subgraph of the supergraph on the given ports and waits until each is ready. */
export async function startSubgraphs(
  poorten: Readonly<Record<string, number>>,
  omgeving: Record<string, string>,
): Promise<Subgraphs> {
  const begin = performance.now();
  const opstart: Record<string, number> = {};
  const diensten = SUBGRAPHS.map((s) => {
    const poort = poorten[s.naam] ?? 0;
    return startProcess(s.naam, `subgraphs/${s.naam}`, poort, {
      ...omgeving,
      [`${s.naam.toUpperCase()}_PORT`]: String(poort),
    });
  });
  try {
    await Promise.all(
      diensten.map(async (d) => {
        await waitUntilReady(d, '/ready');
        opstart[d.naam] = performance.now() - begin;
      }),
    );
  } catch (fout) {
    await Promise.all(diensten.map((d) => d.stop()));
    throw fout;
  }
  const urls = Object.fromEntries(diensten.map((d) => [d.naam, `${d.url}/graphql`]));
  return { diensten, urls, opstart };
}

/** The gateway in front of the given subgraph URLs. */
export async function startGateway(
  poort: number,
  urls: Readonly<Record<string, string>>,
  omgeving: Record<string, string>,
): Promise<Service> {
  const routering: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    const url = urls[s.naam];
    if (url) routering[s.urlVariabele] = url;
  }
  const gateway = startProcess('gateway', 'gateway', poort, {
    ...omgeving,
    ...routering,
    GATEWAY_PORT: String(poort),
  });
  try {
    await waitUntilReady(gateway, '/ready', 60_000);
  } catch (fout) {
    await gateway.stop();
    throw fout;
  }
  return gateway;
}
