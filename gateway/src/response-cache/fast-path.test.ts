import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  createTelemetry,
  observabilityPlugin,
  sourcesPlugin,
  SourceUsage,
  startListener,
  type Gebruiker,
  type RunningService,
} from '@duaal-graph/subgraph-toolkit';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, tooManyRequests } from '../rate-limit.ts';
import type { GatewayContext } from '../subgraph-sources.ts';
import { fastPath, oncePerRequest } from './fast-path.ts';
import { ResponseCache } from './response-cache.ts';
import { stringifyResult } from './stored-json.ts';
import { noteSubgraphAnswer } from './trace.ts';

/**
 * The fast path in front of Apollo, with the real listener, Apollo server and
 * cache: an in-process schema whose resolvers report a subgraph's sources as
 * the gateway's data source does, and a subgraph `/ready` the cache probes.
 * Whether Apollo ran shows in a plugin counting its requests, whether the
 * answer was made again in the resolvers' calls.
 */

const TOESTAND = [
  { bron: 'VOLTA', toestand: 'ACTUEEL', bijgewerktOp: '2026-11-01T00:00:00.000Z', versie: 1 },
];
const PER_MINUUT = 40;

const typeDefs = `type Query { erkenning: String } type Mutation { bewaar: String }`;

/** The caller by a test header: `publiek`, `partner:VOLTA`, `partner:EDUCAM`. */
function gebruikerVan(req: IncomingMessage): Gebruiker {
  const wie = String(req.headers['x-wie'] ?? 'publiek');
  if (wie === 'publiek') return { soort: 'publiek' };
  const sector = wie.split(':')[1] === 'EDUCAM' ? 'EDUCAM' : 'VOLTA';
  return { soort: 'aangemeld', sub: wie, rol: 'partner', sector };
}

let ready: Server;
let dienst: RunningService;
let cache: ResponseCache;
const teller = { resolver: 0, apollo: 0, mutatie: 0 };
let rateLimit = new MemoryRateLimitStore(PER_MINUUT);

beforeAll(async () => {
  ready = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ gereed: true, toestand: TOESTAND }));
  });
  await new Promise<void>((resolve) => ready.listen(0, '127.0.0.1', resolve));
  const adres = ready.address();
  const poort = typeof adres === 'object' && adres ? adres.port : 0;
  cache = new ResponseCache({
    maxBytes: 1_000_000,
    probeIntervalMs: 60_000,
    subgraphs: () => new Map([['erkenningen', `http://127.0.0.1:${String(poort)}/graphql`]]),
    dispatcher: new Agent({ connections: 1 }),
  });
  const telemetry = createTelemetry('gateway', { level: 'silent' });
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers: {
      Query: {
        erkenning: (_: unknown, __: unknown, ctx: GatewayContext) => {
          teller.resolver += 1;
          noteSubgraphAnswer(ctx, 'erkenningen', { bronnen: [{ bron: 'VOLTA' }] });
          const g = ctx.gebruiker;
          // A restricted answer: what a partner sees of its own sector only.
          return g.soort === 'aangemeld' ? `voor ${g.sector ?? '-'}` : 'openbaar';
        },
      },
      Mutation: {
        bewaar: (_: unknown, __: unknown, ctx: GatewayContext) => {
          teller.mutatie += 1;
          noteSubgraphAnswer(ctx, 'erkenningen', { bronnen: [{ bron: 'VOLTA' }] });
          return 'bewaard';
        },
      },
    },
    plugins: [
      { requestDidStart: () => Promise.resolve(((teller.apollo += 1), {})) },
      cache.plugin(),
      sourcesPlugin<GatewayContext>(),
      observabilityPlugin<GatewayContext>(telemetry, { logRequests: false }),
    ],
    // As the gateway's server (server.ts): a hit through Apollo written as its kept JSON.
    stringifyResult,
  });
  const context = oncePerRequest(async (req): Promise<GatewayContext> => {
    const gebruiker = gebruikerVan(req);
    const { toegestaan, wachtS } = await rateLimit.tel(String(req.headers['x-wie'] ?? 'publiek'));
    if (!toegestaan) throw tooManyRequests(wachtS, PER_MINUUT);
    return { autorisatie: undefined, gebruiker, bronnen: new SourceUsage() };
  });
  dienst = await startListener({
    apollo,
    context,
    telemetry,
    gereed: () => true,
    poort: 0,
    host: '127.0.0.1',
    beforeApollo: fastPath({ cache, context, telemetry, logRequests: false }),
  });
  await cache.start();
});

afterAll(async () => {
  cache.stop();
  await dienst.stop();
  ready.closeAllConnections();
  ready.close();
});

beforeEach(() => {
  rateLimit = new MemoryRateLimitStore(PER_MINUUT);
});

interface Uitkomst {
  readonly status: number;
  readonly body: string;
  readonly contentType: string | null;
  /** Whether the request reached Apollo, and whether its answer was made (a resolver ran). */
  readonly apollo: boolean;
  readonly gemaakt: boolean;
}

async function vraag(body: string, wie = 'publiek'): Promise<Uitkomst> {
  const voor = { ...teller };
  const antwoord = await fetch(`${dienst.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wie': wie },
    body,
  });
  return {
    status: antwoord.status,
    body: await antwoord.text(),
    contentType: antwoord.headers.get('content-type'),
    apollo: teller.apollo > voor.apollo,
    gemaakt: teller.resolver + teller.mutatie > voor.resolver + voor.mutatie,
  };
}

const zonderTrace = (body: string): unknown => {
  const json = JSON.parse(body) as { extensions?: Record<string, unknown> };
  delete json.extensions?.['traceId'];
  return json;
};

describe('the response cache in front of Apollo', () => {
  it('answers a request sent again in the same form without Apollo, as Apollo answers a hit', async () => {
    const body = JSON.stringify({ query: '{ erkenning }' });
    const eerste = await vraag(body);
    const tweede = await vraag(body); // kept from the second time a question is asked
    expect(eerste.gemaakt && tweede.gemaakt).toBe(true);
    // The same request in another raw form (JSON spaced otherwise): Apollo's path serves the kept answer.
    const derde = await vraag(JSON.stringify({ query: '{ erkenning }' }, null, 2));
    const vierde = await vraag(body);
    expect(derde).toMatchObject({ apollo: true, gemaakt: false });
    expect(vierde).toMatchObject({ status: 200, apollo: false, gemaakt: false });
    expect(vierde.contentType).toBe(derde.contentType);
    expect(zonderTrace(vierde.body)).toEqual(zonderTrace(derde.body));
    expect(zonderTrace(vierde.body)).toEqual({
      data: { erkenning: 'openbaar' },
      extensions: { bronnen: [TOESTAND.map(({ versie: _v, ...status }) => status)[0]] },
    });
    // The trace id is the request's own.
    const ids = [derde, vierde].map(
      (u) => (JSON.parse(u.body) as { extensions: { traceId: string } }).extensions.traceId,
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("never serves one kind of caller's answer to another, however often the body was seen", async () => {
    const body = JSON.stringify({ query: '{ erkenning }', variables: { x: 1 } });
    for (let i = 0; i < 4; i++) await vraag(body, 'partner:VOLTA');
    const volta = await vraag(body, 'partner:VOLTA');
    expect(volta).toMatchObject({ apollo: false, gemaakt: false });
    expect(JSON.parse(volta.body)).toMatchObject({ data: { erkenning: 'voor VOLTA' } });
    const publiek = await vraag(body);
    expect(publiek.gemaakt).toBe(true);
    expect(JSON.parse(publiek.body)).toMatchObject({ data: { erkenning: 'openbaar' } });
    const educam = await vraag(body, 'partner:EDUCAM');
    expect(educam.gemaakt).toBe(true);
    expect(JSON.parse(educam.body)).toMatchObject({ data: { erkenning: 'voor EDUCAM' } });
  });

  it('still counts a cached answer against the rate limit', async () => {
    const body = JSON.stringify({ query: 'query Geteld { erkenning }' });
    const uitkomsten: Uitkomst[] = [];
    for (let i = 0; i < PER_MINUUT + 2; i++) uitkomsten.push(await vraag(body, 'partner:EDUCAM'));
    expect(uitkomsten.slice(3, PER_MINUUT).every((u) => u.status === 200 && !u.apollo)).toBe(true);
    const geweigerd = uitkomsten.slice(PER_MINUUT);
    expect(geweigerd.map((u) => u.status)).toEqual([429, 429]);
    expect(geweigerd.every((u) => u.body.includes('RATE_LIMITED'))).toBe(true);
  });

  it('never keeps a mutation', async () => {
    const body = JSON.stringify({ query: 'mutation { bewaar }' });
    const uitkomsten: Uitkomst[] = [];
    for (let i = 0; i < 4; i++) uitkomsten.push(await vraag(body));
    expect(uitkomsten.map((u) => [u.status, u.apollo, u.gemaakt])).toEqual(
      Array.from({ length: 4 }, () => [200, true, true]),
    );
  });
});
