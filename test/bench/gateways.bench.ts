/**
 * `npm run bench:gateways`: this gateway beside stock @apollo/gateway and Hive
 * Gateway with the Rust query planner, one process each, one after another in
 * front of the same mock partners and subgraphs (started once), under autocannon.
 * Per gateway and query: requests a second, p50/p99 latency, the gateway's CPU
 * per request and the subgraph calls per request; then the memory after 10k
 * mixed requests (RSS, and the heap after a full collection against the one
 * after 1k). Every process runs with gateways/bench-probe.ts, which reports
 * its CPU, memory and GraphQL requests, so every gateway is measured alike.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SUBGRAPHS, SUPERGRAPH_FILE } from '@duaal-graph/schema';
import { freePort, startProcess, startSubgraphs, waitUntilReady, type Service } from './services.ts';

const DUUR_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
// Hive Gateway (hive-router) is installed apart, by `npm run bench:gateways:setup` (gateways/hive/package.json).
const HIVE = new URL('./gateways/hive/', import.meta.url).pathname;
const HIVE_GEINSTALLEERD = existsSync(join(HIVE, 'node_modules', '@graphql-hive', 'router-runtime'));
const GATEWAYS = (
  process.env['BENCH_GATEWAYS'] ?? `duaal-graph,apollo-stock${HIVE_GEINSTALLEERD ? ',hive-router' : ''}`
).split(',');
/**
 * How many different companies the cache-cold run asks of each gateway, and how many mixed requests the
 * memory run sends. Each gateway gets companies of its own (every n-th of the list), so that the one
 * that runs first does not pay alone for the subgraphs' first reads of those companies (the KBO
 * facts from the store, say) and leave the others a warm store.
 */
const KOUD = Number(process.env['BENCH_COLD'] ?? 600);
/**
 * Companies sent once through each gateway right before its cache-cold run, not measured (the same ones
 * for every gateway). Without them the run order decided the cold figures: the miss path of a gateway
 * whose warm runs were all cache hits, and the subgraphs' code behind it, were still cold (barely
 * compiled) when its cold run began, while a gateway without a cache had sent them thousands of misses.
 */
const OPWARMEN = Number(process.env['BENCH_COLD_WARMUP'] ?? 150);
/** A folder: a CPU profile of each gateway's cache-cold run is written there (`<gateway>-cold.cpuprofile`). */
const PROFIEL = process.env['BENCH_CPU_PROF'];
const GEMENGD = Number(process.env['BENCH_MIXED'] ?? 10_000);
const REFERENTIEDATUM = '2026-11-01';
/**
 * Which phases run: `queries` (warm and cold), `cold` (the cache-cold run alone, about a minute),
 * `memory` (the mixed requests); `queries,memory` unless set.
 */
const FASES = new Set((process.env['BENCH_PHASES'] ?? 'queries,memory').split(','));
const WARM = FASES.has('queries');
const KOUD_ALLEEN = WARM || FASES.has('cold');
const PROBE = new URL('./gateways/bench-probe.ts', import.meta.url).pathname;
// tsx first, so that the probe loads as TypeScript before the process's own code.
const NODE_OPTIONS = `--expose-gc --import tsx --import ${PROBE}`;

const Q1 = `query Q1($nr: ID!) { onderneming(ondernemingsnummer: $nr) { ondernemingsnummer naam
  erkenningen { sector status geldigTot opleiding { code naam aanbod { school { naam } gemeente { naam } } } } } }`;
const Q2 = `query Q2 { ondernemingen(first: 100) { edges { node { ondernemingsnummer naam
  erkenningen { sector status opleiding { code naam aanbod { school { naam } gemeente { naam } } } } } } } }`;
const Q3 = `query Q3 { radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR) { regio { naam } opleiding { naam }
  aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken witteVlek signalen } }`;

interface Stats {
  readonly graphql: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly cpuMs: number;
}

async function stats(url: string, gc = false): Promise<Stats> {
  return (await (await fetch(`${url}/_bench/stats${gc ? '?gc=1' : ''}`)).json()) as Stats;
}

interface Scenario {
  readonly naam: string;
  readonly connections: number;
  /** The request bodies, sent in turn. */
  readonly bodies: readonly string[];
  /** Sends every body once, then stops (the cache-cold run); else runs DUUR_S seconds. */
  readonly eenmaal?: boolean;
}

interface Uitkomst {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Mean latency: with a fixed number of connections, RPS fixes it (Little's law); p50 and p99 show its spread. */
  readonly mean: number;
  readonly cpuMsPerRequest: number;
  readonly callsPerRequest: number;
  /** The subgraphs' CPU per request, all together: a gateway may make them work more for the same calls. */
  readonly subgraphCpuMsPerRequest: number;
  /** The same per subgraph, in the order of SUBGRAPHS. */
  readonly subgraphCpu: string;
  readonly fouten: number;
  /** The response cache's counters over the run, where the gateway has one. */
  readonly cache: string;
}

/** The response cache's counters of this gateway (`/metrics`); empty for a gateway without one. */
async function cacheCounters(url: string): Promise<Map<string, number>> {
  const uit = new Map<string, number>();
  const antwoord = await fetch(`${url}/metrics`);
  if (antwoord.status !== 200) return uit;
  for (const regel of (await antwoord.text()).split('\n')) {
    const m =
      /^duaal_cache_lookups\{(?=[^}]*cache="response")[^}]*result="(\w+)"[^}]*\} (\S+)$/.exec(regel) ??
      /^duaal_response_cache\{[^}]*counter="(\w+)"[^}]*\} (\S+)$/.exec(regel);
    if (m?.[1] && m[2]) uit.set(m[1], Number(m[2]));
  }
  return uit;
}

/** What changed in the counters, as `hit 812, miss 3, stores 1…` (entries and bytes as they are now). */
function cacheVerschil(voor: Map<string, number>, na: Map<string, number>): string {
  return [...na]
    .map(([k, v]) => [k, k === 'entries' || k === 'bytes' ? v : v - (voor.get(k) ?? 0)] as const)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

async function run(gateway: string, subgraphUrls: readonly string[], scenario: Scenario): Promise<Uitkomst> {
  const subgraphStats = () => Promise.all(subgraphUrls.map((u) => stats(u)));
  const subgraphsVoor = await subgraphStats();
  const voor = await stats(gateway);
  const cacheVoor = await cacheCounters(gateway);
  let volgende = 0;
  const resultaat = await autocannon({
    url: `${gateway}/graphql`,
    connections: scenario.connections,
    ...(scenario.eenmaal ? { amount: scenario.bodies.length } : { duration: DUUR_S }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: scenario.bodies[volgende++ % scenario.bodies.length] ?? '' }),
      },
    ],
  });
  const na = await stats(gateway);
  const subgraphsNa = await subgraphStats();
  const verschil = (veld: 'graphql' | 'cpuMs') =>
    subgraphsNa.map((s, i) => s[veld] - (subgraphsVoor[i]?.[veld] ?? 0));
  const calls = verschil('graphql').reduce((a, b) => a + b, 0);
  const subgraphCpu = verschil('cpuMs');
  const aantal = Math.max(resultaat.requests.total, 1);
  return {
    // Requests over the run's own duration (10 ms resolution): autocannon's `requests.average` is the mean
    // of whole-second buckets, so a cache-cold pass of 5 to 7 s could only read 167/5, 167/6 or 167/7.
    rps: resultaat.requests.total / Math.max(resultaat.duration, 0.01),
    p50: resultaat.latency.p50,
    p99: resultaat.latency.p99,
    mean: resultaat.latency.average,
    cpuMsPerRequest: (na.cpuMs - voor.cpuMs) / aantal,
    callsPerRequest: calls / aantal,
    subgraphCpuMsPerRequest: subgraphCpu.reduce((a, b) => a + b, 0) / aantal,
    subgraphCpu: subgraphCpu.map((ms) => (ms / aantal).toFixed(2)).join('/'),
    fouten: resultaat.errors + resultaat.non2xx,
    cache: cacheVerschil(cacheVoor, await cacheCounters(gateway)),
  };
}

/**
 * The cache-cold run: every gateway running, each first sent the warm-up companies once (its miss path
 * compiled), then two passes, one in GATEWAYS order and one in reverse, each gateway on companies of its
 * own in each. Measured one gateway after another, the first one paid for the subgraphs' warm-up (their
 * code compiled, their heaps grown) and lost a third of its RPS against the same gateway run second;
 * the reverse pass gives every gateway as many early as late turns. The figures of both passes are
 * printed; the table gives RPS over both (requests over time) and the other figures' mean.
 */
async function koudeRun(
  gateways: ReadonlyMap<string, Service>,
  subgraphBases: readonly string[],
  opwarmen: readonly string[],
  koudVoor: (g: number, ronde: number) => string[],
): Promise<Map<string, Uitkomst>> {
  const volgorde = [...gateways.keys()];
  for (const [soort, gateway] of gateways) {
    let o = 0;
    if (opwarmen.length > 0)
      await autocannon({
        url: `${gateway.url}/graphql`,
        connections: 50,
        amount: opwarmen.length,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: opwarmen[o++ % opwarmen.length] ?? '' }),
          },
        ],
      });
    if (PROFIEL) await fetch(`${gateway.url}/_bench/profile?start`);
    console.log(`${soort}: warmed up`);
  }
  const passes = new Map<string, Uitkomst[]>();
  for (const ronde of [0, 1])
    for (const soort of ronde === 0 ? volgorde : [...volgorde].reverse()) {
      const g = volgorde.indexOf(soort);
      const uitkomst = await run(gateways.get(soort)?.url ?? '', subgraphBases, {
        naam: 'cold',
        connections: 50,
        bodies: koudVoor(g, ronde),
        eenmaal: true,
      });
      console.log(
        `  cache-cold pass ${String(ronde + 1)}, ${soort}: ${JSON.stringify(uitkomst)} (load ${loadavg()[0]?.toFixed(1) ?? '?'})`,
      );
      passes.set(soort, [...(passes.get(soort) ?? []), uitkomst]);
    }
  if (PROFIEL)
    for (const [soort, gateway] of gateways)
      await fetch(
        `${gateway.url}/_bench/profile?stop=${encodeURIComponent(join(PROFIEL, `${soort}-cold.cpuprofile`))}`,
      );
  return new Map([...passes].map(([soort, lijst]) => [soort, samen(lijst)]));
}

/** Two passes as one: RPS as requests over the time of both (the harmonic mean: equal counts), the rest the mean. */
function samen(lijst: readonly Uitkomst[]): Uitkomst {
  const gem = (f: (u: Uitkomst) => number) => lijst.reduce((som, u) => som + f(u), 0) / lijst.length;
  return {
    rps: lijst.length / lijst.reduce((som, u) => som + 1 / u.rps, 0),
    p50: gem((u) => u.p50),
    p99: gem((u) => u.p99),
    mean: gem((u) => u.mean),
    cpuMsPerRequest: gem((u) => u.cpuMsPerRequest),
    callsPerRequest: gem((u) => u.callsPerRequest),
    subgraphCpuMsPerRequest: gem((u) => u.subgraphCpuMsPerRequest),
    subgraphCpu: lijst.map((u) => u.subgraphCpu).join(' + '),
    fouten: lijst.reduce((som, u) => som + u.fouten, 0),
    cache: lijst.map((u) => u.cache).join(' + '),
  };
}

/** The committed supergraph with the routing URLs of the subgraphs the bench started. */
function supergraphVoor(urls: Readonly<Record<string, string>>, map: string): string {
  let sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  for (const [naam, url] of Object.entries(urls))
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${naam}", url: ")[^"]*`), `$1${url}`);
  const pad = join(map, 'supergraph.graphql');
  writeFileSync(pad, sdl);
  return pad;
}

async function startGatewayProcess(
  soort: string,
  urls: Readonly<Record<string, string>>,
  supergraph: string,
  omgeving: Record<string, string>,
): Promise<Service> {
  const poort = await freePort();
  const basis = { ...omgeving, NODE_OPTIONS, BENCH_PORT: String(poort), BENCH_SUPERGRAPH: supergraph };
  let dienst: Service;
  if (soort === 'duaal-graph') {
    const routering = Object.fromEntries(
      SUBGRAPHS.flatMap((s) => (urls[s.naam] ? [[s.urlVariabele, urls[s.naam] ?? '']] : [])),
    );
    dienst = startProcess('gateway', 'gateway', poort, {
      ...basis,
      ...routering,
      GATEWAY_PORT: String(poort),
    });
  } else {
    dienst = startProcess(
      soort,
      'test',
      poort,
      basis,
      soort === 'hive-router' ? 'bench/gateways/hive/hive.ts' : 'bench/gateways/apollo-stock.ts',
    );
  }
  // Generous: on a machine busy with other work a tsx start takes a minute.
  const einde = Date.now() + 240_000;
  for (;;) {
    try {
      const antwoord = await fetch(`${dienst.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body('{ __typename }'),
      });
      if (antwoord.status === 200) return dienst;
    } catch {
      // not listening yet
    }
    if (Date.now() > einde || dienst.gestopt()) {
      await dienst.stop();
      throw new Error(`${soort} kwam niet op:\n${dienst.uitvoer()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Companies with erkenningen, asked of the erkenningen subgraph directly. */
async function ondernemingen(erkenningen: string, aantal: number): Promise<string[]> {
  const uit: string[] = [];
  let na: string | null = null;
  while (uit.length < aantal) {
    const antwoord = await fetch(erkenningen, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(
        'query($na: String) { ondernemingen(first: 100, after: $na) { edges { node { ondernemingsnummer } } pageInfo { hasNextPage endCursor } } }',
        { na },
      ),
    });
    const json = (await antwoord.json()) as {
      data: {
        ondernemingen: {
          edges: { node: { ondernemingsnummer: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    uit.push(...json.data.ondernemingen.edges.map((e) => e.node.ondernemingsnummer));
    if (!json.data.ondernemingen.pageInfo.hasNextPage) break;
    na = json.data.ondernemingen.pageInfo.endCursor;
  }
  return uit.slice(0, aantal);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const map = mkdtempSync(join(tmpdir(), 'bench-gateways-'));
  const mockPoort = await freePort();
  const mock = startProcess('mock', 'mocks', mockPoort, {
    MOCK_PORT: String(mockPoort),
    MOCK_SCALE: 'west-vlaanderen',
    MOCK_SEED: '42',
    MOCK_DATA_DIR: join(map, 'mock'),
    DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
  });
  const diensten: Service[] = [mock];
  try {
    await waitUntilReady(mock, '/_mock/health');
    const partners = Object.fromEntries(
      ['volta', 'educam', 'constructiv', 'mtech', 'woodwize', 'onderwijs', 'vdab', 'kazi', 'kbo'].map((p) => [
        `${p.toUpperCase()}_URL`,
        `${mock.url}/${p}`,
      ]),
    );
    const omgeving = {
      ...partners,
      DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
      VACATURES_DATA_DIR: join(map, 'vacatures'),
      // A folder of its own, so that a bench never opens the store of the checkout (or of another run).
      RADAR_DATA_DIR: join(map, 'radar'),
      RATE_LIMIT_PER_MINUTE: '100000000',
    };
    const poorten: Record<string, number> = {};
    for (const s of SUBGRAPHS) poorten[s.naam] = await freePort();
    console.log('starting the mock partners and the subgraphs once…');
    const subgraphs = await startSubgraphs(poorten, { ...omgeving, NODE_OPTIONS });
    diensten.push(...subgraphs.diensten);
    const subgraphBases = subgraphs.diensten.map((d) => d.url);
    const supergraph = supergraphVoor(subgraphs.urls, map);
    const nummers = await ondernemingen(
      subgraphs.urls['erkenningen'] ?? '',
      40 + OPWARMEN + KOUD * GATEWAYS.length,
    );
    const opwarmen = nummers.slice(40, 40 + OPWARMEN).map((nr) => body(Q1, { nr }));
    const q1 = body(Q1, { nr: nummers[0] });
    const q1v = nummers.slice(0, 40).map((nr) => body(Q1, { nr }));
    /** The companies of one gateway in one pass of the cache-cold run: every one a company of its own. */
    const koudVoor = (g: number, ronde: number): string[] =>
      nummers
        .slice(40 + OPWARMEN)
        .filter((_, i) => i % (2 * GATEWAYS.length) === ronde * GATEWAYS.length + g)
        .map((nr) => body(Q1, { nr }));
    const koud = [...koudVoor(0, 0), ...koudVoor(0, 1)];
    const scenarios: Scenario[] = [
      { naam: 'Q1 one company, 3 subgraphs deep, 50 conns', connections: 50, bodies: [q1] },
      { naam: 'Q1v the same over 40 companies, 50 conns', connections: 50, bodies: q1v },
      {
        naam: 'Q2 100 companies with erkenningen, opleidingen, gemeenten, 50 conns',
        connections: 50,
        bodies: [body(Q2)],
      },
      { naam: 'Q3 the West-Vlaanderen radar, 10 conns', connections: 10, bodies: [body(Q3)] },
    ];
    const koudNaam = `cache-cold: ${koud.length} different companies once each (two passes), 50 conns`;
    const tabel = new Map<string, Map<string, Uitkomst>>();
    const geheugen = new Map<string, string>();
    const rssNa = new Map<string, number>();
    const gestart = new Map<string, Service>();
    try {
      if (KOUD_ALLEEN) {
        for (const soort of GATEWAYS)
          gestart.set(soort, await startGatewayProcess(soort, subgraphs.urls, supergraph, omgeving));
        tabel.set(koudNaam, await koudeRun(gestart, subgraphBases, opwarmen, koudVoor));
      }
    } catch (fout) {
      await Promise.all([...gestart.values()].map((d) => d.stop()));
      throw fout;
    }
    for (const soort of GATEWAYS) {
      console.log(`\n${soort}`);
      const gateway =
        gestart.get(soort) ?? (await startGatewayProcess(soort, subgraphs.urls, supergraph, omgeving));
      try {
        // Warm up: plans and code paths compiled, caches filled where a gateway has them.
        for (const s of WARM ? scenarios : [])
          for (const b of s.bodies.slice(0, 40))
            await fetch(`${gateway.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: b,
            });
        for (const s of WARM ? scenarios : []) {
          const uitkomst = await run(gateway.url, subgraphBases, s);
          console.log(`  ${s.naam}: ${JSON.stringify(uitkomst)} (load ${loadavg()[0]?.toFixed(1) ?? '?'})`);
          const rij = tabel.get(s.naam) ?? new Map<string, Uitkomst>();
          rij.set(soort, uitkomst);
          tabel.set(s.naam, rij);
        }
        if (!FASES.has('memory')) continue;
        const gemengd = [...q1v, body(Q2), body(Q3), ...koud.slice(0, 200)];
        let sinds = Date.now();
        const eersteK = await run(gateway.url, subgraphBases, {
          naam: '1k',
          connections: 20,
          bodies: Array.from({ length: GEMENGD / 10 }, (_, i) => gemengd[i % gemengd.length] ?? ''),
          eenmaal: true,
        });
        console.log(
          `  mixed ${GEMENGD / 10}: ${((Date.now() - sinds) / 1000).toFixed(0)} s, ${JSON.stringify(eersteK)}`,
        );
        const na1k = await stats(gateway.url, true);
        sinds = Date.now();
        const tienK = Array.from({ length: (GEMENGD * 9) / 10 }, (_, i) => gemengd[i % gemengd.length] ?? '');
        const rest = await run(gateway.url, subgraphBases, {
          naam: '10k',
          connections: 20,
          bodies: tienK,
          eenmaal: true,
        });
        console.log(
          `  mixed ${(GEMENGD * 9) / 10} more: ${((Date.now() - sinds) / 1000).toFixed(0)} s, ${JSON.stringify(rest)}`,
        );
        const rss = (await stats(gateway.url)).rss;
        const na10k = await stats(gateway.url, true);
        const regel = `RSS ${mib(rss)} after ${GEMENGD} mixed; heap after a full collection ${mib(na10k.heapUsed)} (after ${GEMENGD / 10}: ${mib(na1k.heapUsed)}, ratio ${(na10k.heapUsed / na1k.heapUsed).toFixed(2)})`;
        // Printed now as well: a gateway that fails to stop must not take the figures with it.
        console.log(`  memory: ${regel}`);
        geheugen.set(soort, regel);
        rssNa.set(soort, rss);
      } finally {
        await gateway.stop();
      }
    }
    const kop = `| query | ${GATEWAYS.join(' | ')} |`;
    console.log(
      `\n${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${mib(totalmem())}, Node ${process.version}; ${DUUR_S} s per run; load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    console.log(kop);
    console.log(`|---|${GATEWAYS.map(() => '---').join('|')}|`);
    // The cache-cold run, measured first, last in the table as in the issue.
    for (const [naam, rij] of [...tabel].sort(
      ([a], [b]) => Number(a === koudNaam) - Number(b === koudNaam),
    )) {
      const cellen = GATEWAYS.map((g) => {
        const u = rij.get(g);
        return u
          ? `${u.rps.toFixed(0)} RPS, p50 ${u.p50.toFixed(0)} ms, p99 ${u.p99.toFixed(0)} ms, mean ${u.mean.toFixed(0)} ms, ${u.cpuMsPerRequest.toFixed(2)} ms CPU/req, ${u.callsPerRequest.toFixed(2)} calls/req, subgraphs ${u.subgraphCpuMsPerRequest.toFixed(2)} ms CPU/req${u.fouten ? `, ${u.fouten} errors` : ''}`
          : '-';
      });
      console.log(`| ${naam} | ${cellen.join(' | ')} |`);
    }
    console.log('');
    const stockRss = rssNa.get('apollo-stock');
    for (const [g, m] of geheugen) {
      const rss = rssNa.get(g);
      const verhouding = stockRss && rss ? `; RSS ${(rss / stockRss).toFixed(2)}x stock Apollo's` : '';
      console.log(`${g}: ${m}${verhouding}`);
    }
  } finally {
    await Promise.all(diensten.map((d) => d.stop()));
    rmSync(map, { recursive: true, force: true });
  }
}

await main();
