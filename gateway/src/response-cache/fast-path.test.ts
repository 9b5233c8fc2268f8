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
import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
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
const GZIP = { minBytes: 1024 };

const typeDefs = `type Query { erkenning: String, groot: [String!] } type Mutation { bewaar: String }`;

/** A large answer, not all ASCII (UTF-8 of more bytes than characters), as the radar's names are. */
const GROOT = Array.from({ length: 20_000 }, (_, i) => `Sint-Éloois-Vijve ${String(i)} "één"`);

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
        groot: (_: unknown, __: unknown, ctx: GatewayContext) => {
          teller.resolver += 1;
          noteSubgraphAnswer(ctx, 'erkenningen', { bronnen: [{ bron: 'VOLTA' }] });
          return GROOT;
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
    // As the gateway by default (server.ts): gzip for callers that take it, from 1 kB on.
    compression: GZIP,
    beforeApollo: fastPath({ cache, context, telemetry, logRequests: false, compression: GZIP }),
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
  /** The body as the caller reads it, decoded when it came gzip-compressed. */
  readonly body: string;
  readonly contentType: string | null;
  readonly contentLength: string | null;
  readonly contentEncoding: string | null;
  readonly vary: string | null;
  /** The bytes as they came over the wire. */
  readonly raw: Buffer;
  /** Whether the request reached Apollo, and whether its answer was made (a resolver ran). */
  readonly apollo: boolean;
  readonly gemaakt: boolean;
}

const kop = (waarde: string | string[] | undefined): string | null =>
  waarde === undefined ? null : String(waarde);

/** Asks as a client that decodes nothing itself: `acceptEncoding` as sent (none: the identity). */
async function vraag(body: string, wie = 'publiek', acceptEncoding?: string): Promise<Uitkomst> {
  const voor = { ...teller };
  const antwoord = await request(`${dienst.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wie': wie,
      ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
    },
    body,
  });
  const raw = Buffer.from(await antwoord.body.arrayBuffer());
  const contentEncoding = kop(antwoord.headers['content-encoding']);
  return {
    status: antwoord.statusCode,
    body: (contentEncoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
    contentType: kop(antwoord.headers['content-type']),
    contentLength: kop(antwoord.headers['content-length']),
    contentEncoding,
    vary: kop(antwoord.headers['vary']),
    raw,
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

  it('writes a large kept answer as the same bytes as the answer made anew, apart from the trace id', async () => {
    const body = JSON.stringify({ query: '{ groot }' });
    const gemaakt = [await vraag(body)];
    const voor = cache.counters().bytes;
    gemaakt.push(await vraag(body)); // the second is kept, and written from the kept bytes
    // Counted against the bound as the bytes it is kept as (more than its characters: é is two bytes).
    const dataBytes = Buffer.byteLength(JSON.stringify({ groot: GROOT }));
    expect(cache.counters().bytes - voor).toBeGreaterThanOrEqual(dataBytes);
    expect(cache.counters().bytes - voor).toBeLessThan(dataBytes + 1_000);
    const viaApollo = await vraag(JSON.stringify({ query: '{ groot }' }, null, 1));
    const voorApollo = await vraag(body);
    expect(gemaakt.map((u) => u.gemaakt)).toEqual([true, true]);
    expect(viaApollo).toMatchObject({ apollo: true, gemaakt: false });
    expect(voorApollo).toMatchObject({ status: 200, apollo: false, gemaakt: false });
    // The data as bytes; the extensions are the request's own (this schema's answers made anew report no
    // sources, a hit the probed ones: the first test compares those), and the hits' among themselves.
    const data = (u: Uitkomst) => u.body.slice(0, u.body.lastIndexOf(',"extensions":'));
    const extensions = (u: Uitkomst) =>
      u.body.slice(u.body.lastIndexOf(',"extensions":')).replace(/,"traceId":"[^"]*"/u, '');
    const eerste = data(gemaakt[0] as Uitkomst);
    // Compared as lengths and equality, not as a diff of 800 kB when they differ.
    expect([...gemaakt, viaApollo, voorApollo].map((u) => [data(u).length, data(u) === eerste])).toEqual(
      Array.from({ length: 4 }, () => [eerste.length, true]),
    );
    expect(extensions(voorApollo)).toBe(extensions(viaApollo));
    expect(voorApollo.body.endsWith('}}\n')).toBe(true);
    expect(JSON.parse(voorApollo.body)).toMatchObject({ data: { groot: GROOT } });
    expect(Number(voorApollo.contentLength)).toBe(Buffer.byteLength(voorApollo.body));
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

  it('gzips a large answer for a caller that takes it, made or kept, to exactly the bytes an identity caller gets', async () => {
    const body = JSON.stringify({ query: 'query Gezipt { groot }' });
    const gzip = 'gzip, deflate, br, zstd';
    // Made twice (the second kept, then written from the kept bytes), both compressed as they stream out.
    const gemaakt = [await vraag(body, 'publiek', gzip), await vraag(body, 'publiek', gzip)];
    const bytesVoor = cache.counters().bytes;
    // A hit on Apollo's path (another raw form), compressed by the listener; then hits in front of Apollo from
    // the kept gzip form, the first of which makes it; and the identity of the same hit.
    const viaApollo = await vraag(
      JSON.stringify({ query: 'query Gezipt { groot }' }, null, 1),
      'publiek',
      gzip,
    );
    const hits = [await vraag(body, 'publiek', gzip), await vraag(body, 'publiek', 'gzip')];
    const identiteit = await vraag(body);
    expect(gemaakt.map((u) => u.gemaakt)).toEqual([true, true]);
    expect(viaApollo).toMatchObject({ apollo: true, gemaakt: false });
    expect(hits.map((u) => [u.apollo, u.gemaakt])).toEqual([
      [false, false],
      [false, false],
    ]);
    for (const u of [...gemaakt, viaApollo, ...hits]) {
      expect([u.status, u.contentEncoding, u.vary]).toEqual([200, 'gzip', 'Accept-Encoding']);
      expect(u.raw.length).toBeLessThan(identiteit.raw.length / 4);
    }
    // A hit's gzip body has a known length; one compressed as it streams has none.
    expect(hits.map((u) => Number(u.contentLength))).toEqual(hits.map((u) => u.raw.length));
    expect(identiteit).toMatchObject({ contentEncoding: null, vary: 'Accept-Encoding', apollo: false });
    expect(Number(identiteit.contentLength)).toBe(identiteit.raw.length);
    // Decoded, every answer is the identity's bytes but for its own trace id.
    const zonderId = (u: Uitkomst) => u.body.replace(/,"traceId":"[^"]*"/u, '');
    const hitBytes = zonderId(identiteit);
    expect(hits.map((u) => zonderId(u) === hitBytes)).toEqual([true, true]);
    const data = (u: Uitkomst) => u.body.slice(0, u.body.lastIndexOf(',"extensions":'));
    expect([...gemaakt, viaApollo].map((u) => data(u) === data(identiteit))).toEqual([true, true, true]);
    // The kept gzip form is counted against the cache's bound, once.
    const gezipt = (hits[0] as Uitkomst).raw.length;
    expect(cache.counters().bytes - bytesVoor).toBeGreaterThan(gezipt - 1_000);
    expect(cache.counters().bytes - bytesVoor).toBeLessThan(gezipt);
  });

  it('sends small answers, and answers to callers that refuse gzip or do not ask for it, as they are', async () => {
    const klein = JSON.stringify({ query: 'query Klein { erkenning }' });
    const groot = JSON.stringify({ query: 'query Ongezipt { groot }' });
    for (let i = 0; i < 3; i++) await vraag(groot);
    const uitkomsten = [
      await vraag(klein, 'publiek', 'gzip'),
      await vraag(klein, 'publiek', 'gzip'),
      await vraag(klein, 'publiek', 'gzip'),
      await vraag(groot, 'publiek', 'br'),
      await vraag(groot, 'publiek', 'gzip;q=0, *'),
      await vraag(groot, 'publiek', 'identity'),
      await vraag(groot),
    ];
    expect(uitkomsten.map((u) => [u.status, u.contentEncoding, u.vary])).toEqual(
      uitkomsten.map(() => [200, null, 'Accept-Encoding']),
    );
    expect(uitkomsten.every((u) => JSON.parse(u.raw.toString('utf8')) !== null)).toBe(true);
  });
});
