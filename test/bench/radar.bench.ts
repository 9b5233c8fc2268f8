/**
 * The Radar Duaal's latency at both named scales, as the README quotes it:
 * cold (the first question after the gateway and the subgraphs restart) and
 * warm, through the gateway, and the same question asked of the subgraphs
 * directly, which leaves the gateway's own share. Medians over BENCH_RUNS runs.
 * Every service runs in a process of its own, as `npm start` runs them; the mock
 * partners keep their default latency of 15 ms, which a radar question never
 * meets: it answers from the subgraphs' indexes in memory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS, SUPERGRAPH_FILE } from '@duaal-graph/schema';
import {
  freePort,
  startGateway,
  startProcess,
  startSubgraphs,
  waitUntilReady,
  type Service,
} from './services.ts';
import { timedQuery } from './measure.ts';
import { fasen, replay, startRecorder, type Replay } from './recording.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const WARM = RUNS * 4;
const SEED = process.env['MOCK_SEED'] ?? '42';
const REFERENTIEDATUM = '2026-11-01';
const LATENTIE_MS = 15;
/** A gateway that keeps no answers (the response cache's bound 0 turns it off). */
const ZONDER_CACHE = { RESPONSE_CACHE_BYTES: '0' };
/** What every browser sends: the answer comes gzip-compressed (the gateway's default), decoded by the client. */
const BROWSER = 'gzip, deflate, br, zstd';
/** V8's young generation for the gateway, tried without the cache (Node 20's default semi-space: 16 MB). */
const SEMI_SPACE_MB = Number(process.env['BENCH_SEMI_SPACE_MB'] ?? 64);
const PROVINCIES = ['WEST_VLAANDEREN', 'OOST_VLAANDEREN', 'ANTWERPEN', 'VLAAMS_BRABANT', 'LIMBURG'];
/** What each bench scale asks: the mock partners' scale, the provinces, and the radar's own scale. */
interface Schaal {
  readonly mock: string;
  readonly provincies: readonly string[];
  readonly per: 'REGIO' | 'GEMEENTE';
  /** Another radar measured in the same run, on the same processes, to compare with. */
  readonly ook?: {
    readonly naam: string;
    readonly provincies: readonly string[];
    readonly per: 'REGIO' | 'GEMEENTE';
  };
  /** A CSV export timed in the same run: its path on the gateway. */
  readonly export?: string;
}
const SCHALEN: Record<string, Schaal> = {
  'west-vlaanderen': { mock: 'west-vlaanderen', provincies: ['WEST_VLAANDEREN'], per: 'REGIO' },
  vlaanderen: { mock: 'vlaanderen', provincies: PROVINCIES, per: 'REGIO' },
  // The radar per gemeente of all Flanders: some 18,000 cells, still one _entities fetch per owner and province.
  'vlaanderen-gemeente': {
    mock: 'vlaanderen',
    provincies: PROVINCIES,
    per: 'GEMEENTE',
    // The issue's bound: warm, within 3x the regio-scale radar of the same provinces (West-Vlaanderen alone: its own scale).
    ook: { naam: 'the radar per regio of all Flanders', provincies: PROVINCIES, per: 'REGIO' },
    export: '/export/radar.csv?provincie=WEST_VLAANDEREN&per=GEMEENTE',
  },
};

function mediaan(waarden: readonly number[]): number {
  const s = [...waarden].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** The machine's load average (1, 5, 15 minutes): a figure measured on a busy machine says so. */
const belasting = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

const ms = (waarde: number) => `${waarde.toFixed(0)} ms`;
const spreiding = (w: readonly number[]) =>
  `${ms(mediaan(w))} (min ${ms(Math.min(...w))}, max ${ms(Math.max(...w))})`;

/** Every count of the contract per cell; the learners' count once the matching subgraph provides it. */
function radarVraag(provincies: readonly string[], per: Schaal['per']): string {
  const lerenden = readFileSync(SUPERGRAPH_FILE, 'utf8').includes('aantalZoekendeLerenden')
    ? 'aantalZoekendeLerenden { waarde onderdrukt }'
    : '';
  const gemeente = per === 'GEMEENTE' ? 'gemeente { naam }' : '';
  const velden = `regioCode opleidingscode regio { naam } ${gemeente} aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken
    aantalVacatures aantalDualeVacatures knelpunt ${lerenden} witteVlek signalen`;
  const schaal = per === 'GEMEENTE' ? ', per: GEMEENTE' : '';
  return `{ ${provincies.map((p) => `${p.toLowerCase()}: radar(provincie: ${p}${schaal}) { ${velden} }`).join(' ')} }`;
}

interface Gevraagd {
  readonly ms: number;
  readonly cellen: number;
  /** Over the wire. */
  readonly bytes: number;
  readonly jsonBytes: number;
  readonly clientMs: number;
}

async function vraag(url: string, query: string, acceptEncoding?: string): Promise<Gevraagd> {
  const { ms, data, bytes, jsonBytes, clientMs, encoding } = await timedQuery(
    url,
    query,
    'radar',
    acceptEncoding,
  );
  if ((acceptEncoding === undefined) !== (encoding === null))
    throw new Error(`radar: asked ${acceptEncoding ?? 'the identity'}, got ${encoding ?? 'the identity'}`);
  const cellen = Object.values(data).reduce(
    (som: number, lijst) => som + (Array.isArray(lijst) ? lijst.length : 0),
    0,
  );
  return { ms, cellen, bytes, jsonBytes, clientMs };
}

/** Warm figures of one question: as an identity client and as a browser (gzip), asked in turn. */
interface Warm {
  readonly identiteit: number[];
  readonly identiteitClient: number[];
  readonly gzip: number[];
  readonly gzipClient: number[];
  gzipBytes: number;
}

async function warm(url: string, query: string, keer = WARM): Promise<Warm> {
  for (let i = 0; i < 3; i++) {
    await vraag(url, query);
    await vraag(url, query, BROWSER);
  }
  const w: Warm = { identiteit: [], identiteitClient: [], gzip: [], gzipClient: [], gzipBytes: 0 };
  for (let i = 0; i < keer; i++) {
    const id = await vraag(url, query);
    w.identiteit.push(id.ms);
    w.identiteitClient.push(id.clientMs);
    const gz = await vraag(url, query, BROWSER);
    w.gzip.push(gz.ms);
    w.gzipClient.push(gz.clientMs);
    w.gzipBytes = gz.bytes;
  }
  return w;
}

const beide = (w: Warm) =>
  `identity ${spreiding(w.identiteit)} + decoding ${ms(mediaan(w.identiteitClient))}; gzip (${(w.gzipBytes / 1024).toFixed(0)} kB) ${spreiding(w.gzip)} + decoding ${ms(mediaan(w.gzipClient))}`;

/** The process's peak resident memory (VmHWM), in MB. */
function piekRss(dienst: Service): number {
  const status = readFileSync(`/proc/${String(dienst.pid)}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

async function partnerverzoeken(mock: Service): Promise<{ totaal: number; vdab: Record<string, number> }> {
  const stats = (await (await fetch(`${mock.url}/_mock/stats`)).json()) as Record<
    string,
    { requests: number; routes: Record<string, number> }
  >;
  return {
    totaal: Object.values(stats).reduce((som, p) => som + p.requests, 0),
    vdab: stats['vdab']?.routes ?? {},
  };
}

const reset = (mock: Service) => fetch(`${mock.url}/_mock/stats/reset`, { method: 'POST' });

async function meetSchaal(
  schaal: string,
  { mock: mockSchaal, provincies, per, ook, export: exportPad }: Schaal,
): Promise<void> {
  const mockMap = mkdtempSync(join(tmpdir(), 'bench-mock-'));
  const vacatureMap = mkdtempSync(join(tmpdir(), 'bench-vacatures-'));
  const mockPoort = await freePort();
  const poorten: Record<string, number> = {};
  for (const s of SUBGRAPHS) poorten[s.naam] = await freePort();
  const gatewayPoort = await freePort();
  const begin = performance.now();
  const mock = startProcess('mock', 'mocks', mockPoort, {
    MOCK_PORT: String(mockPoort),
    MOCK_SCALE: mockSchaal,
    MOCK_SEED: SEED,
    MOCK_LATENCY_MS: String(LATENTIE_MS),
    MOCK_DATA_DIR: mockMap,
    DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
  });
  const diensten: Service[] = [mock];
  try {
    await waitUntilReady(mock, '/_mock/health');
    const mockKlaar = performance.now() - begin;
    const partners = Object.fromEntries(
      ['volta', 'educam', 'constructiv', 'mtech', 'woodwize', 'onderwijs', 'vdab', 'kazi'].map((p) => [
        `${p.toUpperCase()}_URL`,
        `${mock.url}/${p}`,
      ]),
    );
    const omgeving = {
      ...partners,
      DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
      VACATURES_DATA_DIR: vacatureMap,
      // Each service's store in this run's folder, one folder per process (a PGlite folder is one process's).
      ERKENNINGEN_DATA_DIR: join(vacatureMap, 'erkenningen'),
      ONDERWIJSAANBOD_DATA_DIR: join(vacatureMap, 'onderwijsaanbod'),
      MATCHING_DATA_DIR: join(vacatureMap, 'matching'),
      RADAR_DATA_DIR: join(vacatureMap, 'radar'),
      // No daily measurement: it would ask the whole radar of every province through the gateway mid-run.
      PEILING_TIJD: 'uit',
      // The graph a filtered radar asks its signals of: this run's gateway.
      PEILING_GRAAF_URL: `http://127.0.0.1:${String(gatewayPoort)}/graphql`,
    };
    const query = radarVraag(provincies, per);
    const andere = ook ? radarVraag(ook.provincies, ook.per) : null;

    console.log(
      `\n${schaal}: mock partners ready in ${ms(mockKlaar)}; starting the subgraphs (VDAB at 10 requests a second)…`,
    );
    let subgraphs = await startSubgraphs(poorten, omgeving);
    const vdab = (await partnerverzoeken(mock)).vdab;
    const initial = vdab['GET /vdab/services/openservices/vacatures/v4/vacatures/initial'] ?? 0;
    console.log(
      `  first start, subgraphs ready after: ${Object.entries(subgraphs.opstart)
        .map(([n, t]) => `${n} ${(t / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
    console.log(
      `  (vacatures: VDAB's initial read, ${initial} pages of 100 under its limit of 10 requests a second: the whole wait)`,
    );
    let gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);

    const koud: number[] = [];
    const andereKoud: number[] = [];
    const koudePartners: number[] = [];
    let cellen = 0;
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) {
        await gateway.stop();
        await Promise.all(subgraphs.diensten.map((d) => d.stop()));
        subgraphs = await startSubgraphs(poorten, omgeving);
        gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);
      }
      await reset(mock);
      const eerste = await vraag(gateway.url, query);
      koud.push(eerste.ms);
      koudePartners.push((await partnerverzoeken(mock)).totaal);
      ({ cellen, bytes } = eerste);
      // The other radar's first question after the restart (the processes already warmed by the first).
      if (andere) andereKoud.push((await vraag(gateway.url, andere)).ms);
    }
    diensten.push(...subgraphs.diensten, gateway);

    await reset(mock);
    const warmOp = await warm(gateway.url, query);
    const warmePartners = (await partnerverzoeken(mock)).totaal;
    const andereWarm = andere ? await warm(gateway.url, andere) : null;
    // The gateway keeps an answer from its second asking and serves it while its sources stay: the warm
    // figures above are cache hits. The graph's own work, every time: a gateway without the cache, same subgraphs;
    // and one more with a larger young generation for V8 (its garbage collection was a quarter of the gateway's CPU).
    const zonderCacheGateways = [
      await startGateway(await freePort(), subgraphs.urls, { ...omgeving, ...ZONDER_CACHE }),
      await startGateway(await freePort(), subgraphs.urls, {
        ...omgeving,
        ...ZONDER_CACHE,
        NODE_OPTIONS: [process.env['NODE_OPTIONS'], `--max-semi-space-size=${String(SEMI_SPACE_MB)}`]
          .filter((o) => o !== undefined && o !== '')
          .join(' '),
      }),
    ];
    diensten.push(...zonderCacheGateways);
    const zonderCache: { readonly w: Warm; readonly andere: Warm | null; readonly rssMb: number }[] = [];
    for (const g of zonderCacheGateways) {
      const w = await warm(g.url, query);
      const a = andere ? await warm(g.url, andere) : null;
      zonderCache.push({ w, andere: a, rssMb: piekRss(g) });
      await g.stop();
    }
    const [standaard, semi] = zonderCache as [(typeof zonderCache)[0], (typeof zonderCache)[0]];
    const warmZonderCache = standaard.w.identiteit;
    const exportTijden: number[] = [];
    let exportBytes = 0;
    let exportRijen = 0;
    if (exportPad)
      for (let i = 0; i < RUNS + 2; i++) {
        const begin = performance.now();
        const antwoord = await fetch(`${gateway.url}${exportPad}`);
        const inhoud = Buffer.from(await antwoord.arrayBuffer());
        exportTijden.push(performance.now() - begin);
        if (antwoord.status !== 200)
          throw new Error(`export: ${antwoord.status} ${inhoud.toString().slice(0, 300)}`);
        exportBytes = inhoud.length;
        exportRijen =
          inhoud
            .toString('utf8')
            .split('\r\n')
            .filter((r) => r.length > 0).length - 1;
      }

    // The same question asked of the subgraphs directly: what a gateway sent them, recorded once, replayed.
    const opnemer = await startRecorder(subgraphs.urls);
    // Without the response cache, or the recorded question would be a hit that sends no request at all.
    const opnameGateway = await startGateway(await freePort(), opnemer.urls, {
      ...omgeving,
      ...ZONDER_CACHE,
    });
    diensten.push(opnameGateway);
    let andereFetches = 0;
    if (andere) {
      for (let i = 0; i < 3; i++) await vraag(opnameGateway.url, andere);
      opnemer.opnames.length = 0;
      await vraag(opnameGateway.url, andere);
      andereFetches = opnemer.opnames.length;
    }
    for (let i = 0; i < 3; i++) await vraag(opnameGateway.url, query);
    opnemer.opnames.length = 0;
    await vraag(opnameGateway.url, query);
    const plan = fasen(opnemer.opnames);
    await opnemer.stop();
    for (let i = 0; i < 3; i++) await replay(plan);
    const direct: Replay[] = [];
    for (let i = 0; i < WARM; i++) direct.push(await replay(plan));

    const rechtstreeks = mediaan(direct.map((d) => d.totaalMs));
    // The gateway's share of the graph's own work: a cache hit asks the subgraphs nothing.
    const gatewayDeel = mediaan(warmZonderCache) - rechtstreeks;
    console.log(
      `  the radar per ${per.toLowerCase()} of ${provincies.length === 1 ? 'one province' : `all ${provincies.length} provinces`}: ${cellen} cells, ${(bytes / 1024).toFixed(0)} kB of JSON, ${opnemer.opnames.length} subgraph fetches`,
    );
    console.log(
      `  cold (first question after a restart of gateway and subgraphs), ${RUNS} runs: ${spreiding(koud)}; partner requests: ${mediaan(koudePartners)}`,
    );
    console.log(
      '    (cold pays once what warm does not: the gateway plans the query, and every process parses, validates and JIT-compiles it for the first time)',
    );
    console.log(
      `  warm, ${WARM} runs each: response cache on (a hit: the answer kept, served as stored JSON; gzip from its kept gzip form) ${beide(warmOp)}; partner requests: ${warmePartners}`,
    );
    console.log(
      `  warm, ${WARM} runs each: response cache off (RESPONSE_CACHE_BYTES=0: the graph answers every time; gzip as it streams out) ${beide(standaard.w)}; gateway peak RSS ${standaard.rssMb.toFixed(0)} MB`,
    );
    console.log(
      `  the same, gateway with --max-semi-space-size=${String(SEMI_SPACE_MB)}: ${beide(semi.w)}; gateway peak RSS ${semi.rssMb.toFixed(0)} MB`,
    );
    console.log(
      `  asked of the subgraphs directly (the gateway's ${opnemer.opnames.length} requests replayed), ${WARM} runs: ${spreiding(direct.map((d) => d.totaalMs))}`,
    );
    console.log(
      `  the gateway's own share of the warm radar: ${ms(gatewayDeel)} (${((100 * gatewayDeel) / mediaan(warmZonderCache)).toFixed(0)} % of the warm radar without the cache): validating, building the representations, merging the answers, serialising, one hop more (the plan is cached)`,
    );
    console.log(
      '  where the time goes (warm, direct; stages of the query plan, requests side by side within one):',
    );
    plan.forEach((fase, i) => {
      const namen = [...new Set(fase.map((o) => o.subgraph))];
      console.log(
        `    stage ${i + 1}: ${ms(mediaan(direct.map((d) => d.faseMs[i] ?? 0)))} — ${fase.length} request(s) to ${namen.join(', ')}`,
      );
    });
    if (ook && andereWarm && standaard.andere && semi.andere) {
      console.log(
        `  ${ook.naam}, same run: cold (right after the first question of each restart) ${spreiding(andereKoud)}; ${andereFetches} subgraph fetches`,
      );
      console.log(`    warm, cache on: ${beide(andereWarm)}`);
      console.log(`    warm, cache off: ${beide(standaard.andere)}`);
      console.log(
        `    warm, cache off, --max-semi-space-size=${String(SEMI_SPACE_MB)}: ${beide(semi.andere)}`,
      );
      const verhouding = (a: readonly number[], b: readonly number[]) => (mediaan(a) / mediaan(b)).toFixed(1);
      console.log(
        `  warm, the radar per ${per.toLowerCase()} over ${ook.naam} (time to the last byte): cache on, identity ${verhouding(warmOp.identiteit, andereWarm.identiteit)}x, gzip ${verhouding(warmOp.gzip, andereWarm.gzip)}x, gzip with decoding and JSON.parse ${(
          (mediaan(warmOp.gzip) + mediaan(warmOp.gzipClient)) /
          (mediaan(andereWarm.gzip) + mediaan(andereWarm.gzipClient))
        ).toFixed(
          1,
        )}x; cache off, identity ${verhouding(standaard.w.identiteit, standaard.andere.identiteit)}x, gzip ${verhouding(standaard.w.gzip, standaard.andere.gzip)}x`,
      );
    }
    if (exportPad) {
      const [eerste = 0, ...daarna] = exportTijden;
      console.log(
        `  export ${exportPad}: ${exportRijen} rows, ${(exportBytes / 1024).toFixed(0)} kB; first ${ms(eerste)}, then ${spreiding(daarna)}`,
      );
    }
    console.log(`  load average at the end of ${schaal}: ${belasting()}`);
    const subgraphNamen = [...new Set(plan.flat().map((o) => o.subgraph))];
    console.log(
      `    summed request time per subgraph: ${subgraphNamen
        .map((n) => `${n} ${ms(mediaan(direct.map((d) => d.perSubgraph[n] ?? 0)))}`)
        .join(', ')}`,
    );
  } finally {
    await Promise.all(diensten.reverse().map((d) => d.stop()));
    rmSync(mockMap, { recursive: true, force: true });
    rmSync(vacatureMap, { recursive: true, force: true });
  }
}

console.log(
  `Radar Duaal, seed ${SEED}, reference date ${REFERENTIEDATUM}, every service in its own process, mock latency ${LATENTIE_MS} ms; medians of ${RUNS} runs (warm: ${WARM}); load average ${belasting()}`,
);
const gekozen = (process.env['BENCH_SCALES'] ?? Object.keys(SCHALEN).join(',')).split(',');
for (const schaal of gekozen) {
  const gevraagd = SCHALEN[schaal];
  if (!gevraagd)
    throw new Error(`BENCH_SCALES: onbekende schaal ${schaal}; kies uit ${Object.keys(SCHALEN).join(', ')}`);
  await meetSchaal(schaal, gevraagd);
}
