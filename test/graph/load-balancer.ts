import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

/** One replica behind the load balancer, as the balancer sees it. */
export interface ReplicaView {
  readonly url: string;
  /** Whether it takes new requests: its last `/ready` said 200 and no connection to it was refused since. */
  readonly inRotation: boolean;
  /** Requests forwarded to it, answered or not. */
  readonly forwarded: number;
  /** Requests forwarded to it whose answer has not come back yet. */
  readonly inFlight: number;
  /** Requests forwarded to it that got no answer (a connection cut after the request went out). */
  readonly failed: number;
}

export interface LoadBalancer {
  readonly url: string;
  replicas(): readonly ReplicaView[];
  /** Puts a replica behind it (in rotation from its first ready probe), as a new pod of the Service. */
  add(url: string): void;
  /** Probes every replica's `/ready` now (as it does every `probeMs`). */
  probe(): Promise<void>;
  stop(): Promise<void>;
}

export interface LoadBalancerOptions {
  /** How often every replica's `/ready` is asked, as a readiness probe's period. */
  readonly probeMs?: number;
}

interface Replica {
  readonly url: string;
  inRotation: boolean;
  forwarded: number;
  inFlight: number;
  failed: number;
}

/** Headers that belong to one connection, not to the request or answer they travel with. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'proxy-connection',
]);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const uit: Record<string, string | string[]> = {};
  for (const [naam, waarde] of Object.entries(headers))
    if (waarde !== undefined && !HOP_BY_HOP.has(naam.toLowerCase())) uit[naam] = waarde;
  return uit;
}

/** A connection the replica refused: nothing reached it, so another replica may take the request. */
function refused(fout: unknown): boolean {
  const code = (fout as { code?: unknown; cause?: { code?: unknown } }).code;
  return code === 'ECONNREFUSED' || (fout as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED';
}

/**
 * A round-robin load balancer in front of the replicas of one service, as a
 * Kubernetes Service with readiness does it: a replica is in rotation while
 * its `/ready` answers 200 (asked every `probeMs`), and a refused connection
 * takes it out at once and sends the request to the next one (nothing reached
 * the refusing replica, so this is safe for a mutation too; in Kubernetes a
 * preStop pause does this part, keeping a terminating pod accepting until the
 * endpoints no longer list it). A request that reached a replica and got no
 * answer is not sent again: it fails (502), and is counted. Tests read what
 * went where.
 */
export async function startLoadBalancer(
  doelen: readonly string[],
  opties: LoadBalancerOptions = {},
): Promise<LoadBalancer> {
  const probeMs = opties.probeMs ?? 100;
  const replicas: Replica[] = doelen.map((url) => ({
    url,
    inRotation: false,
    forwarded: 0,
    inFlight: 0,
    failed: 0,
  }));
  const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: 2_000 } });
  let volgende = 0;

  const probeer = async (replica: Replica): Promise<void> => {
    try {
      const { statusCode, body } = await request(new URL('/ready', replica.url), {
        dispatcher: agent,
        headersTimeout: 1_000,
        bodyTimeout: 1_000,
      });
      await body.dump();
      replica.inRotation = statusCode === 200;
    } catch {
      replica.inRotation = false;
    }
  };
  let ronde: Promise<void> | null = null;
  const probe = (): Promise<void> => {
    ronde ??= Promise.all(replicas.map(probeer))
      .then(() => undefined)
      .finally(() => {
        ronde = null;
      });
    return ronde;
  };

  /** The replicas to try, in turn: those in rotation from the next one on. */
  const beurt = (): Replica[] => {
    const klaar = replicas.filter((r) => r.inRotation);
    if (klaar.length === 0) return [];
    const start = volgende++ % klaar.length;
    return [...klaar.slice(start), ...klaar.slice(0, start)];
  };

  const server = createServer((req, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const body = Buffer.concat(delen);
      const stuur = async () => {
        for (const replica of beurt()) {
          replica.forwarded += 1;
          replica.inFlight += 1;
          try {
            const antwoord = await request(new URL(req.url ?? '/', replica.url), {
              dispatcher: agent,
              method: (req.method ?? 'GET') as 'GET',
              headers: endToEnd(req.headers),
              body: body.length > 0 ? body : null,
            });
            const inhoud = Buffer.from(await antwoord.body.arrayBuffer());
            res.writeHead(antwoord.statusCode, endToEnd(antwoord.headers));
            res.end(inhoud);
            return;
          } catch (fout) {
            if (refused(fout)) {
              replica.inRotation = false;
              replica.forwarded -= 1;
              continue;
            }
            replica.failed += 1;
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`replica ${replica.url}: ${(fout as Error).message}`);
            return;
          } finally {
            replica.inFlight -= 1;
          }
        }
        // No replica ready: as a Service without endpoints, the connection is refused.
        req.socket.destroy();
      };
      void stuur();
    });
  });
  await probe();
  const timer = setInterval(() => void probe(), probeMs);
  timer.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replicas: () => replicas.map((r) => ({ ...r })),
    add: (url) => {
      const replica: Replica = { url, inRotation: false, forwarded: 0, inFlight: 0, failed: 0 };
      replicas.push(replica);
      void probeer(replica);
    },
    probe,
    stop: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await agent.close();
    },
  };
}
