import { leesConfig as erkenningenConfig, startErkenningen } from '@duaal-graph/erkenningen';
import { leesConfig as gatewayConfig, startGateway } from '@duaal-graph/gateway';
import { leesConfig as matchingConfig, startMatching } from '@duaal-graph/matching';
import { leesConfig as onderwijsaanbodConfig, startOnderwijsaanbod } from '@duaal-graph/onderwijsaanbod';
import { leesConfig as radarConfig, startRadar } from '@duaal-graph/radar';
import { scratchDatabase, TEST_DATABASE_URL } from '@duaal-graph/store/test-helpers';
import { leesConfig as vacaturesConfig, startVacatures } from '@duaal-graph/vacatures';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerUrls, REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { VDAB_API, type Vacature } from '../contract/vdab-reader.ts';
import { kiesLerende, type KaziLerende } from './kazi-reader.ts';
import { startLoadBalancer, type LoadBalancer } from './load-balancer.ts';
import { alsRol } from './tokens.ts';
import { scrape, som } from './metrics-reader.ts';
import { leesKnelpuntcodes } from './vacatures-expectations.ts';

/**
 * The graph as it runs for all of Flanders: two gateways and two replicas of
 * every subgraph, each subgraph's replicas behind a round-robin load balancer
 * with readiness (as a Kubernetes Service), one PostgreSQL and one Redis. One
 * replica of matching is a process of its own, so that it gets a real SIGTERM
 * in the middle of a stream of requests; the others run in this process.
 */

const REDIS_URL = process.env['REDIS_URL'] || undefined;
const ONTBREEKT = [...(TEST_DATABASE_URL ? [] : ['DATABASE_URL']), ...(REDIS_URL ? [] : ['REDIS_URL'])];
if (ONTBREEKT.length > 0)
  console.warn(
    `two-of-everything.e2e: skipped: ${ONTBREEKT.join(' and ')} not set (.ci/run starts a PostgreSQL and a Redis and sets both)`,
  );

const PER_MINUUT = 40;
const VDAB_PER_SECONDE = 1_000;
const KAZI_TRAAG_MS = 400;
const INITIAL = `GET ${VDAB_API}/vacatures/initial`;
const TOKEN = 'POST /vdab/isam/sps/oauth/oauth20/token';
const KNELPUNTEN = 'GET /vdab/knelpuntberoepen/{bestand}';
const MATCHING_INDEX = fileURLToPath(new URL('../../subgraphs/matching/src/index.ts', import.meta.url));

type Subgraph = 'erkenningen' | 'onderwijsaanbod' | 'vacatures' | 'matching' | 'radar';
type Vacatures = Awaited<ReturnType<typeof startVacatures>>;

interface Antwoord {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A client address of its own (the gateways trust one proxy hop), so that each test counts apart in Redis. */
const nieuwAdres = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function vraag(
  graphql: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Antwoord> {
  const antwoord = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nieuwAdres(), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const tekst = await antwoord.text();
  try {
    return { status: antwoord.status, ...(JSON.parse(tekst) as Omit<Antwoord, 'status'>) };
  } catch {
    return { status: antwoord.status, errors: [{ message: tekst }] };
  }
}

async function wachtTot(voorwaarde: () => Promise<boolean> | boolean, maxMs = 30_000): Promise<void> {
  const einde = Date.now() + maxMs;
  while (!(await voorwaarde())) {
    if (Date.now() > einde) throw new Error('voorwaarde niet bereikt');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A subgraph replica in a process of its own, with the environment given; resolves with its base URL. */
function startProces(index: string, env: NodeJS.ProcessEnv, uitvoer: string[]) {
  const proces = spawn(process.execPath, ['--import', 'tsx', index], {
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`het proces startte niet:\n${uitvoer.join('')}`));
    }, 60_000);
    proces.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`het proces stopte (${String(code)}):\n${uitvoer.join('')}`));
    });
    proces.stdout.on('data', (deel: Buffer) => {
      uitvoer.push(deel.toString('utf8'));
      const gevonden = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(uitvoer.join(''));
      if (gevonden?.[1]) {
        clearTimeout(timer);
        resolve(gevonden[1]);
      }
    });
    proces.stderr.on('data', (deel: Buffer) => uitvoer.push(deel.toString('utf8')));
  });
  return { proces, url };
}

/** What every public screen asks, across the five subgraphs. */
const MIX: readonly { naam: string; query: string }[] = [
  {
    naam: 'ondernemingen tot de scholen',
    query: `{ ondernemingen(first: 3, filter: { sector: VOLTA }) { totalCount edges { node {
      ondernemingsnummer naam erkenningen { sector status geldigTot opleiding { code naam aanbod { school { naam } gemeente { naam } } } }
    } } } }`,
  },
  {
    naam: 'radar',
    query: `{ radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR) { regio { naam } opleiding { naam }
      aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures aantalDualeVacatures
      aantalZoekendeLerenden { waarde } aantalActieveLeerwerkplekken knelpunt witteVlek signalen } }`,
  },
  {
    naam: 'vacatures',
    query: `{ vacatures(first: 20) { totalCount edges { node { id titel aantalPosten gemeente { nisCode } } } }
      duaal: vacatures(first: 1, filter: { alleenDuaal: true }) { totalCount } }`,
  },
  { naam: 'knelpuntberoepen', query: '{ knelpuntberoepen { code knelpuntberoep oorzaken } }' },
  { naam: 'opleidingen', query: '{ opleidingen { code naam } }' },
  { naam: 'gemeente', query: '{ gemeente(nisCode: "34022") { naam provincie regio { code naam } } }' },
];

describe.skipIf(ONTBREEKT.length > 0)(
  `two gateways and two replicas of every subgraph on one PostgreSQL and one Redis${
    ONTBREEKT.length > 0 ? ` (skipped: ${ONTBREEKT.join(' and ')} not set)` : ''
  }`,
  () => {
    let mock: TestMock;
    let dropDatabase: () => Promise<void> = () => Promise.resolve();
    const mappen: string[] = [];
    const stoppen: (() => Promise<void>)[] = [];
    const balancers = {} as Record<Subgraph, LoadBalancer>;
    const vacatures: Vacatures[] = [];
    let gateways: string[] = [];
    let matchingProces: ChildProcess;
    /** The base URL of that process. */
    let matchingApart = '';
    const matchingUitvoer: string[] = [];
    let lerende: KaziLerende;
    let paginas = 0;

    const stats = async () =>
      (await (await fetch(`${mock.url}/_mock/stats`)).json()) as { vdab: { routes: Record<string, number> } };
    const kaziStoring = async (storing: Record<string, unknown> | null) => {
      const antwoord = storing
        ? await fetch(`${mock.url}/_mock/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ partner: 'kazi', ...storing }),
          })
        : await fetch(`${mock.url}/_mock/faults/kazi`, { method: 'DELETE' });
      expect(antwoord.ok).toBe(true);
    };

    beforeAll(async () => {
      const begin = Date.now();
      mock = await startTestMock({ vdabLimietPerSeconde: VDAB_PER_SECONDE });
      paginas = Math.ceil((mock.wereld.vdab.vacatures as unknown as Vacature[]).length / 100);
      ({ lerende } = await kiesLerende(mock.url));
      const database = await scratchDatabase(TEST_DATABASE_URL ?? '');
      dropDatabase = () => database.drop();
      const gedeeld: NodeJS.ProcessEnv = {
        DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
        ...partnerUrls(mock.url),
        VDAB_RATE_LIMIT: String(VDAB_PER_SECONDE),
        // Every replica on the one PostgreSQL, as the README's Operations say.
        DATABASE_URL: database.url,
        ERKENNINGEN_PORT: '0',
        ONDERWIJSAANBOD_PORT: '0',
        VACATURES_PORT: '0',
        MATCHING_PORT: '0',
        RADAR_PORT: '0',
        GATEWAY_PORT: '0',
        // The radar's daily measurement (a minute after start, once past PEILING_TIJD) is not what this is about.
        PEILING_TIJD: 'uit',
      };
      /** What a replica keeps alone: a data folder of its own, as a pod's own volume. */
      const eigen = (): NodeJS.ProcessEnv => {
        const map = mkdtempSync(join(tmpdir(), 'duaal-replica-'));
        mappen.push(map);
        return { ...gedeeld, VACATURES_DATA_DIR: join(map, 'vacatures'), RADAR_DATA_DIR: join(map, 'radar') };
      };
      const namen: Subgraph[] = ['erkenningen', 'onderwijsaanbod', 'vacatures', 'matching', 'radar'];
      for (const naam of namen) balancers[naam] = await startLoadBalancer([]);
      stoppen.push(() => Promise.all(namen.map((n) => balancers[n].stop())).then(() => undefined));

      // The replica of matching in a process of its own, started first: it takes longest.
      const apart = startProces(
        MATCHING_INDEX,
        { ...eigen(), SHUTDOWN_GRACE_S: '15', LOG_LEVEL: 'info' },
        matchingUitvoer,
      );
      matchingProces = apart.proces;
      const plaats = async <T extends { url: string; stop: () => Promise<void> }>(
        naam: Subgraph,
        gestart: Promise<T>,
      ): Promise<T> => {
        const dienst = await gestart;
        stoppen.push(() => dienst.stop());
        balancers[naam].add(dienst.url);
        return dienst;
      };
      const beroepsprofielen = `${balancers.vacatures.url}/graphql`;
      const replicas = await Promise.all([
        ...[0, 1].map(() => plaats('erkenningen', startErkenningen(erkenningenConfig(eigen())))),
        ...[0, 1].map(() =>
          plaats(
            'onderwijsaanbod',
            startOnderwijsaanbod(
              onderwijsaanbodConfig({ ...eigen(), BEROEPSPROFIELEN_URL: beroepsprofielen }),
            ),
          ),
        ),
        ...[0, 1].map(async () => {
          const v = await plaats('vacatures', startVacatures(vacaturesConfig(eigen())));
          vacatures.push(v);
          return v;
        }),
        plaats('matching', startMatching(matchingConfig(eigen()))),
        ...[0, 1].map(() => plaats('radar', startRadar(radarConfig(eigen())))),
        apart.url.then((url) => {
          matchingApart = url;
          balancers.matching.add(url);
          return { url };
        }),
      ]);
      expect(replicas).toHaveLength(10);

      const gatewayOmgeving = {
        ...gedeeld,
        REDIS_URL: REDIS_URL ?? '',
        RATE_LIMIT_PER_MINUTE: String(PER_MINUUT),
        // The gateways stand behind one proxy (an ingress) that names the client in X-Forwarded-For.
        TRUST_PROXY_HOPS: '1',
      };
      const subgraphUrls = Object.fromEntries(namen.map((n) => [n, `${balancers[n].url}/graphql`]));
      const beide = await Promise.all(
        [0, 1].map(() => startGateway({ ...gatewayConfig(gatewayOmgeving), subgraphUrls })),
      );
      for (const g of beide) stoppen.push(() => g.stop());
      gateways = beide.map((g) => `${g.url}/graphql`);
      // Every replica ready, in rotation at its balancer, and the gateways too.
      await wachtTot(async () => {
        await Promise.all(namen.map((n) => balancers[n].probe()));
        return namen.every((n) => balancers[n].replicas().every((r) => r.inRotation));
      }, 120_000);
      for (const g of beide) await wachtTot(async () => (await fetch(`${g.url}/ready`)).status === 200);
      console.log(`two-of-everything: everything started and ready in ${String(Date.now() - begin)} ms`);
      // A bound for a loaded machine; on CI's it starts in well under a minute.
    }, 180_000);

    afterAll(async () => {
      if (matchingProces.exitCode === null) matchingProces.kill('SIGKILL');
      for (const stop of stoppen.reverse()) await stop().catch(() => undefined);
      await Promise.all(vacatures.map((v) => v.subgraph.bestanden.vacatures.rust()));
      await mock.stop();
      await dropDatabase();
      for (const map of mappen) rmSync(map, { recursive: true, force: true });
    });

    it('reads VDAB on one vacatures replica only; the other answers from PostgreSQL', async () => {
      await wachtTot(() => vacatures.every((v) => v.subgraph.bestanden.vacatures.index !== undefined));
      expect(vacatures.filter((v) => v.subgraph.bestanden.vacatures.synchroniseert)).toHaveLength(1);
      const routes = (await stats()).vdab.routes;
      // One token (each replica's client asks its own) and one `initial` read, page by page: a second reader
      // doubles both. A page whose answer came too late on a loaded machine is asked again, so a few more.
      expect(routes[TOKEN]).toBe(1);
      expect(routes[INITIAL]).toBeGreaterThanOrEqual(paginas);
      expect(routes[INITIAL]).toBeLessThan(paginas + paginas / 2);
      expect(routes[KNELPUNTEN]).toBe(1);
    });

    it('answers the same from either gateway, whichever replicas answer, and as the partners hold it', async () => {
      const [a, b] = gateways;
      if (!a || !b) throw new Error('twee gateways');
      const begeleider = await alsRol({
        rol: 'trajectbegeleider',
        instellingsnummer: lerende.instellingsnummer,
        sub: `begeleider-${String(randomInt(1e9))}`,
      });
      const mix = [
        ...MIX,
        {
          naam: 'lerende',
          query: `query($id: ID!) { lerende(id: $id) { id } }`,
          variables: { id: lerende.lerendeId },
          headers: begeleider,
        },
      ];
      const voor = Object.fromEntries(
        (['erkenningen', 'onderwijsaanbod', 'vacatures', 'matching', 'radar'] as const).map((n) => [
          n,
          balancers[n].replicas().map((r) => r.forwarded),
        ]),
      );
      const treffers = async () =>
        Promise.all(
          [a, b].map(async (g) =>
            som(await scrape(g.replace(/\/graphql$/, '')), 'duaal_cache_lookups', {
              cache: 'response',
              result: 'hit',
            }),
          ),
        );
      const treffersVoor = await treffers();
      // Twice through each gateway, one after the other: the balancers send each round to the other replica.
      for (const stap of mix) {
        const antwoorden: Antwoord[] = [];
        for (const g of [a, b, a, b]) {
          const { variables, headers } = stap as {
            variables?: Record<string, unknown>;
            headers?: Record<string, string>;
          };
          antwoorden.push(await vraag(g, stap.query, variables, headers));
        }
        for (const antwoord of antwoorden) {
          expect(antwoord.status, stap.naam).toBe(200);
          expect(antwoord.errors, stap.naam).toBeUndefined();
          expect(antwoord.data, stap.naam).toEqual(antwoorden[0]?.data);
        }
      }
      // The response cache keeps an answer seen twice, so a third time comes from it: also when the replicas
      // behind a balancer answer its probes in turn, for they report the same versions of the same copies
      // (content-derived; for vacatures the version of the index in the store both replicas hold).
      const gecached = ['opleidingen', 'gemeente', 'vacatures'];
      for (const naam of gecached) {
        const stap = MIX.find((m) => m.naam === naam);
        if (!stap) throw new Error(naam);
        for (const g of [a, b]) expect((await vraag(g, stap.query)).data).toBeTruthy();
      }
      const treffersNa = await treffers();
      console.log(
        `two-of-everything: response cache hits ${JSON.stringify(treffersVoor)} -> ${JSON.stringify(treffersNa)}`,
      );
      for (const [i, na] of treffersNa.entries()) expect(na - (treffersVoor[i] ?? 0)).toBe(gecached.length);
      // Both replicas of every subgraph answered some of it.
      for (const [naam, eerder] of Object.entries(voor)) {
        const nu = balancers[naam as Subgraph].replicas().map((r) => r.forwarded);
        expect(
          nu.every((n, i) => n > (eerder[i] ?? 0)),
          naam,
        ).toBe(true);
      }
      // Independent readings: the partners' own data.
      const knelpunten = await leesKnelpuntcodes(mock.url, Number(REFERENTIEDATUM.slice(0, 4)));
      const lijst = (await vraag(a, '{ knelpuntberoepen { code } }')).data?.['knelpuntberoepen'] as {
        code: string;
      }[];
      expect(lijst.map((k) => k.code)).toEqual([...knelpunten].sort());
      const gelezen = (
        await vraag(b, `query($id: ID!) { lerende(id: $id) { id } }`, { id: lerende.lerendeId }, begeleider)
      ).data?.['lerende'] as { id: string } | null;
      expect(gelezen?.id).toBe(lerende.lerendeId);
    });

    it('shares the rate limit: a client refused at the limit, counted over both gateways', async () => {
      const [a, b] = gateways;
      if (!a || !b) throw new Error('twee gateways');
      const klant = { 'x-forwarded-for': nieuwAdres() };
      const statussen: number[] = [];
      // Half through each gateway: counted apart, neither would reach the limit.
      for (let i = 0; i < PER_MINUUT; i++)
        statussen.push((await vraag(i % 2 === 0 ? a : b, '{ __typename }', {}, klant)).status);
      expect(statussen).toEqual(Array.from({ length: PER_MINUUT }, () => 200));
      for (const g of [a, b]) {
        const teVeel = await vraag(g, '{ __typename }', {}, klant);
        expect(teVeel.status).toBe(429);
        expect(teVeel.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
      }
      // Another client is not touched by it.
      expect((await vraag(a, '{ __typename }')).status).toBe(200);
    });

    it('loses no request when a matching replica is SIGTERMed in the middle of a stream through both gateways', async () => {
      const [a, b] = gateways;
      if (!a || !b) throw new Error('twee gateways');
      const lb = balancers.matching;
      const vanApart = () => lb.replicas().find((r) => r.url === matchingApart);
      expect(vanApart()?.inRotation).toBe(true);
      const reeks = randomInt(1e9);
      const uitslagen: { na: boolean; ok: boolean; fout?: string }[] = [];
      let gestopt = false;
      let gekild = false;
      let teller = 0;
      // A steady stream: four clients, two on each gateway, each a new request as soon as its last is answered.
      const stroom = async (graphql: string) => {
        while (!gestopt) {
          const n = teller++;
          const na = gekild;
          // A caller of its own each time: the stream is not what the rate limit is about.
          const begeleider = await alsRol({
            rol: 'trajectbegeleider',
            instellingsnummer: lerende.instellingsnummer,
            sub: `stroom-${String(reeks)}-${String(n)}`,
          });
          // A new alias each time: a text the response cache has not seen.
          const antwoord = await vraag(
            graphql,
            `query Stroom($id: ID!) { l${String(n)}: lerende(id: $id) { id } }`,
            { id: lerende.lerendeId },
            begeleider,
          ).catch((fout: unknown): Antwoord => ({ status: 0, errors: [{ message: String(fout) }] }));
          const id = (antwoord.data?.[`l${String(n)}`] as { id?: string } | null | undefined)?.id;
          const ok = antwoord.status === 200 && !antwoord.errors && id === lerende.lerendeId;
          uitslagen.push({ na, ok, ...(ok ? {} : { fout: JSON.stringify(antwoord).slice(0, 300) }) });
        }
      };
      const klanten = [a, b, a, b].map((g) => stroom(g));
      await wachtTot(() => uitslagen.length >= 20 && (vanApart()?.forwarded ?? 0) > 2);
      // Kazi slows down, so that requests are surely in flight on the replica when it gets its SIGTERM.
      await kaziStoring({ mode: 'slow', delayMs: KAZI_TRAAG_MS });
      await wachtTot(() => (vanApart()?.inFlight ?? 0) > 0);
      const einde = new Promise<number | null>((resolve) => matchingProces.once('exit', resolve));
      const inFlight = vanApart()?.inFlight ?? 0;
      matchingProces.kill('SIGTERM');
      gekild = true;
      const code = await einde;
      await kaziStoring(null);
      const bijExit = uitslagen.length;
      // The stream goes on through the other replica.
      await wachtTot(() => uitslagen.length >= bijExit + 40);
      gestopt = true;
      await Promise.all(klanten);

      const mislukt = uitslagen.filter((u) => !u.ok);
      console.log(
        `two-of-everything: ${String(uitslagen.length)} requests, ${String(inFlight)} in flight on the replica at SIGTERM, ${String(mislukt.length)} failed`,
      );
      expect(code).toBe(0);
      // Its drain cut nothing: every request it had was answered before it stopped.
      expect(matchingUitvoer.join('')).toMatch(/"afgebroken":0,.*"msg":"gestopt na drain"/);
      // Ideally none; never more than those in flight on it, which its drain lets finish.
      expect(mislukt.length, JSON.stringify(mislukt)).toBeLessThanOrEqual(inFlight);
      expect(uitslagen.filter((u) => u.na && u.ok).length).toBeGreaterThanOrEqual(40);
      expect(vanApart()?.inRotation).toBe(false);
    }, 60_000);
  },
);
