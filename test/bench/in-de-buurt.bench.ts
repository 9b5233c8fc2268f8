/**
 * Issue 13's benches, on one system: `inDeBuurt` for every opleiding within
 * 25 km of a large town (Kortrijk, 8500), cold and warm, through the gateway,
 * with the subgraph fetches its query plan makes and the time of each stage
 * asked of the subgraphs directly; and the CSV export of the gemeente-scale
 * radar of West-Vlaanderen, time, rows, bytes and fetches. Every service runs in
 * a process of its own, as `npm start` runs them, at the default
 * west-vlaanderen scale. Warm is measured with the gateway's response cache on
 * (a repeated question is a hit) and off (the graph answers every time).
 * Medians over BENCH_RUNS runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '@duaal-graph/schema';
import { partnerUrls } from '../contract/mock.ts';
import { fasen, replay, startRecorder, type Replay } from './recording.ts';
import {
  freePort,
  startGateway,
  startProcess,
  startSubgraphs,
  waitUntilReady,
  type Service,
} from './services.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const WARM = RUNS * 4;
const SEED = process.env['MOCK_SEED'] ?? '42';
const REFERENTIEDATUM = '2026-11-01';
const LATENTIE_MS = 15;
const STEDEN = [['8500', 'Kortrijk']] as const;
const EXPORT = '/export/radar.csv?provincie=WEST_VLAANDEREN&per=GEMEENTE';
/** A gateway that keeps no answers (the response cache's bound 0 turns it off). */
const ZONDER_CACHE = { RESPONSE_CACHE_BYTES: '0' };

/** The machine's load average (1, 5, 15 minutes): a figure measured on a busy machine says so. */
const belasting = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

/** What a page "in de buurt" shows: every opleiding with its aanbod, leerwerkplekken and duale vacatures. */
const vraagVoor = (postcode: string) => `{
  inDeBuurt(postcode: "${postcode}", km: 25) {
    vertrek { naam }
    opleidingen {
      opleiding { code naam niveau }
      aanbod { afstandKm aanbod { school { naam } gemeente { naam } vrijePlaatsen } }
      aantalErkendeLeerwerkplekken
      erkendeLeerwerkplekken { afstandKm vestiging { vestigingsnummer adres { gemeente { naam } } } }
      dualeVacatures { afstandKm vacature { titel gemeente { naam } } }
    }
  }
}`;

function mediaan(waarden: readonly number[]): number {
  const s = [...waarden].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
const ms = (w: number) => `${w.toFixed(0)} ms`;
const spreiding = (w: readonly number[]) =>
  `${ms(mediaan(w))} (min ${ms(Math.min(...w))}, max ${ms(Math.max(...w))})`;

async function vraag(
  url: string,
  query: string,
): Promise<{ ms: number; opleidingen: number; bytes: number }> {
  const begin = performance.now();
  const antwoord = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const tekst = await antwoord.text();
  const duur = performance.now() - begin;
  const body = JSON.parse(tekst) as {
    data?: { inDeBuurt?: { opleidingen: unknown[] } } | null;
    errors?: unknown;
  };
  if (antwoord.status !== 200 || body.errors)
    throw new Error(`inDeBuurt: ${antwoord.status} ${tekst.slice(0, 500)}`);
  return {
    ms: duur,
    opleidingen: body.data?.inDeBuurt?.opleidingen.length ?? 0,
    bytes: Buffer.byteLength(tekst),
  };
}

async function exporteer(url: string): Promise<{ ms: number; rijen: number; bytes: number }> {
  const begin = performance.now();
  const antwoord = await fetch(`${url}${EXPORT}`);
  const inhoud = Buffer.from(await antwoord.arrayBuffer());
  const duur = performance.now() - begin;
  if (antwoord.status !== 200)
    throw new Error(`export: ${antwoord.status} ${inhoud.toString().slice(0, 300)}`);
  // The header row is no row of data; CRLF ends every record (no field of the radar holds a line break).
  const rijen =
    inhoud
      .toString('utf8')
      .split('\r\n')
      .filter((r) => r.length > 0).length - 1;
  return { ms: duur, rijen, bytes: inhoud.length };
}

const mockMap = mkdtempSync(join(tmpdir(), 'bench-mock-'));
const vacatureMap = mkdtempSync(join(tmpdir(), 'bench-vacatures-'));
const mockPoort = await freePort();
const poorten: Record<string, number> = {};
for (const s of SUBGRAPHS) poorten[s.naam] = await freePort();
const gatewayPoort = await freePort();
const mock = startProcess('mock', 'mocks', mockPoort, {
  MOCK_PORT: String(mockPoort),
  MOCK_SEED: SEED,
  MOCK_LATENCY_MS: String(LATENTIE_MS),
  MOCK_DATA_DIR: mockMap,
  DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
});
const diensten: Service[] = [mock];
console.log(
  `inDeBuurt within 25 km and the gemeente-scale radar export, seed ${SEED}, reference date ${REFERENTIEDATUM}, west-vlaanderen, every service in its own process; medians of ${RUNS} runs (warm: ${WARM}); load average at the start: ${belasting()}`,
);
try {
  await waitUntilReady(mock, '/_mock/health');
  const omgeving = {
    ...partnerUrls(mock.url),
    DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
    VACATURES_DATA_DIR: vacatureMap,
    // Each service's store in this run's folder, one folder per process (a PGlite folder is one process's).
    ERKENNINGEN_DATA_DIR: join(vacatureMap, 'erkenningen'),
    ONDERWIJSAANBOD_DATA_DIR: join(vacatureMap, 'onderwijsaanbod'),
    MATCHING_DATA_DIR: join(vacatureMap, 'matching'),
    RADAR_DATA_DIR: join(vacatureMap, 'radar'),
    // No daily measurement: it would ask the whole radar through the gateway mid-run.
    PEILING_TIJD: 'uit',
    PEILING_GRAAF_URL: `http://127.0.0.1:${String(gatewayPoort)}/graphql`,
  };
  let subgraphs = await startSubgraphs(poorten, omgeving);
  let gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);
  const stop = async () => {
    await gateway.stop();
    await Promise.all(subgraphs.diensten.map((d) => d.stop()));
  };
  try {
    const exportKoud: number[] = [];
    for (const [postcode, stad] of STEDEN) {
      const query = vraagVoor(postcode);
      const koud: number[] = [];
      let opleidingen = 0;
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        await stop();
        subgraphs = await startSubgraphs(poorten, omgeving);
        gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);
        const eerste = await vraag(gateway.url, query);
        koud.push(eerste.ms);
        ({ opleidingen, bytes } = eerste);
        // The export's first run after the restart: its operation planned for the first time.
        exportKoud.push((await exporteer(gateway.url)).ms);
      }
      for (let i = 0; i < 3; i++) await vraag(gateway.url, query);
      const warm: number[] = [];
      for (let i = 0; i < WARM; i++) warm.push((await vraag(gateway.url, query)).ms);

      // The recording gateway keeps no answers, or the recorded question would be a hit sending no request.
      const opnemer = await startRecorder(subgraphs.urls);
      const opnameGateway = await startGateway(await freePort(), opnemer.urls, {
        ...omgeving,
        ...ZONDER_CACHE,
      });
      for (let i = 0; i < 3; i++) await vraag(opnameGateway.url, query);
      const warmZonderCache: number[] = [];
      for (let i = 0; i < WARM; i++) warmZonderCache.push((await vraag(opnameGateway.url, query)).ms);
      opnemer.opnames.length = 0;
      await vraag(opnameGateway.url, query);
      const plan = fasen(opnemer.opnames);
      const fetches = opnemer.opnames.length;
      await opnemer.stop();
      await opnameGateway.stop();
      for (let i = 0; i < 3; i++) await replay(plan);
      const direct: Replay[] = [];
      for (let i = 0; i < WARM; i++) direct.push(await replay(plan));

      console.log(
        `\n${stad} (${postcode}), 25 km: ${opleidingen} opleidingen, ${(bytes / 1024).toFixed(0)} kB of JSON`,
      );
      console.log(
        `  cold (first question after a restart of gateway and subgraphs), ${RUNS} runs: ${spreiding(koud)}`,
      );
      console.log(
        `  warm, ${WARM} runs, response cache on (a hit from the second asking): ${spreiding(warm)}`,
      );
      console.log(
        `  warm, ${WARM} runs, response cache off (RESPONSE_CACHE_BYTES=0, through the recording proxies): ${spreiding(warmZonderCache)}`,
      );
      console.log(
        `  subgraph fetches: ${fetches} in ${plan.length} stages; asked of the subgraphs directly: ${spreiding(direct.map((d) => d.totaalMs))}`,
      );
      plan.forEach((fase, i) => {
        console.log(
          `    stage ${i + 1}: ${ms(mediaan(direct.map((d) => d.faseMs[i] ?? 0)))} — ${fase.map((o) => o.subgraph).join(', ')}`,
        );
      });
    }

    // The export of the gemeente-scale radar: on the gateway as it runs (cache on), on one without the cache
    // behind the recording proxies (its fetches), each after a first run that plans its operation.
    await exporteer(gateway.url);
    const exportWarm: Awaited<ReturnType<typeof exporteer>>[] = [];
    for (let i = 0; i < WARM; i++) exportWarm.push(await exporteer(gateway.url));
    const opnemer = await startRecorder(subgraphs.urls);
    const opnameGateway = await startGateway(await freePort(), opnemer.urls, {
      ...omgeving,
      ...ZONDER_CACHE,
    });
    await exporteer(opnameGateway.url);
    const exportZonderCache: number[] = [];
    for (let i = 0; i < WARM; i++) exportZonderCache.push((await exporteer(opnameGateway.url)).ms);
    opnemer.opnames.length = 0;
    await exporteer(opnameGateway.url);
    const exportFetches = opnemer.opnames.length;
    await opnemer.stop();
    await opnameGateway.stop();
    const [{ rijen, bytes } = { rijen: 0, bytes: 0 }] = exportWarm;
    console.log(
      `\nexport ${EXPORT}: ${rijen} rows, ${(bytes / 1024).toFixed(0)} kB of CSV, ${exportFetches} subgraph fetches`,
    );
    console.log(
      `  first after a restart (after the inDeBuurt question), ${RUNS} runs: ${spreiding(exportKoud)}`,
    );
    console.log(`  warm, ${WARM} runs, response cache on: ${spreiding(exportWarm.map((e) => e.ms))}`);
    console.log(`  warm, ${WARM} runs, response cache off: ${spreiding(exportZonderCache)}`);
    console.log(`\nload average at the end: ${belasting()}`);
  } finally {
    await stop();
  }
} finally {
  await Promise.all(diensten.reverse().map((d) => d.stop()));
  rmSync(mockMap, { recursive: true, force: true });
  rmSync(vacatureMap, { recursive: true, force: true });
}
