import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/**
 * To ask the subgraphs the same question the gateway asks them, the bench
 * records what a gateway sends (each subgraph request: body, start, end)
 * through proxies, once; then replays exactly those requests straight to the
 * subgraphs, stage by stage as the query plan ran them. What the gateway adds
 * beyond that is its own share: validating, building representations, merging
 * and serialising, and one hop more (planning too, when the plan is not cached).
 */

export interface RecordedRequest {
  readonly subgraph: string;
  readonly doel: string;
  readonly body: string;
  readonly start: number;
  readonly einde: number;
}

export interface Recorder {
  /** Routing URL per subgraph name: the proxies. */
  readonly urls: Readonly<Record<string, string>>;
  readonly opnames: RecordedRequest[];
  stop(): Promise<void>;
}

export async function startRecorder(doelen: Readonly<Record<string, string>>): Promise<Recorder> {
  const opnames: RecordedRequest[] = [];
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const [subgraph, doel] of Object.entries(doelen)) {
    const server = createServer((req, res) => {
      const delen: Buffer[] = [];
      req.on('data', (d: Buffer) => delen.push(d));
      req.on('end', () => {
        const body = Buffer.concat(delen).toString('utf8');
        const graphql = req.method === 'POST' && (req.url ?? '').startsWith('/graphql');
        const start = performance.now();
        // `/health` and the like pass through unrecorded: the gateway checks them before it is ready.
        request(new URL(req.url ?? '/', doel), {
          method: req.method ?? 'GET',
          headers: { 'content-type': 'application/json' },
          ...(graphql ? { body } : {}),
        })
          .then(async (antwoord) => {
            const tekst = await antwoord.body.text();
            if (graphql) opnames.push({ subgraph, doel, body, start, einde: performance.now() });
            res.writeHead(antwoord.statusCode, { 'content-type': 'application/json' });
            res.end(tekst);
          })
          .catch(() => {
            res.destroy();
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[subgraph] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    opnames,
    stop: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** The recorded requests in the stages of the plan: a request that started after all of a stage ended opens the next. */
export function fasen(opnames: readonly RecordedRequest[]): RecordedRequest[][] {
  const gesorteerd = [...opnames].sort((a, b) => a.start - b.start);
  const uit: RecordedRequest[][] = [];
  let huidige: RecordedRequest[] = [];
  let einde = -Infinity;
  for (const o of gesorteerd) {
    if (huidige.length > 0 && o.start >= einde) {
      uit.push(huidige);
      huidige = [];
      einde = -Infinity;
    }
    huidige.push(o);
    einde = Math.max(einde, o.einde);
  }
  if (huidige.length > 0) uit.push(huidige);
  return uit;
}

export interface Replay {
  readonly totaalMs: number;
  readonly faseMs: number[];
  /** Summed request time per subgraph (requests of one stage run side by side). */
  readonly perSubgraph: Record<string, number>;
}

/** Replays the stages straight to the subgraphs: each stage's requests at once, the next when all are back. */
export async function replay(plan: readonly (readonly RecordedRequest[])[]): Promise<Replay> {
  const begin = performance.now();
  const faseMs: number[] = [];
  const perSubgraph: Record<string, number> = {};
  for (const fase of plan) {
    const faseBegin = performance.now();
    await Promise.all(
      fase.map(async (o) => {
        const start = performance.now();
        const antwoord = await request(o.doel, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: o.body,
        });
        const tekst = await antwoord.body.text();
        if (antwoord.statusCode !== 200 || tekst.includes('"errors"'))
          throw new Error(`${o.subgraph} antwoordde ${antwoord.statusCode}: ${tekst.slice(0, 300)}`);
        perSubgraph[o.subgraph] = (perSubgraph[o.subgraph] ?? 0) + performance.now() - start;
      }),
    );
    faseMs.push(performance.now() - faseBegin);
  }
  return { totaalMs: performance.now() - begin, faseMs, perSubgraph };
}
