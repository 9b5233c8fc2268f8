/**
 * The measurements over time (peilingen), as the README quotes them, at both
 * scales of the mock partners (West-Vlaanderen, the default; and all Flanders,
 * MOCK_SCALE=vlaanderen, whose radar per gemeente has some 18,000 cells):
 * - one measurement: its time (every provincie read through the gateway as a
 *   measurement reads it, then stored), its rows, and its bytes in the store
 *   (pg_total_relation_size of its tables: heap, TOAST and indexes);
 * - one reconstructed month (PEILING_RECONSTRUCTIE_VANAF): time and bytes;
 * - a year of daily measurements (BENCH_DAGEN, 365): generated into the store
 *   here (copies of the measurement, one per date), its bytes, and `indicatoren`
 *   over that year through the gateway, cold (the first question after the
 *   radar starts on that store) and warm.
 * Every service runs in a process of its own, as `npm start` runs them; the
 * bench's own store is PGlite, as a default installation's is. Run it under
 * the bench lock (`flock /tmp/bench.lock nice -n -10 npm run bench:peilingen`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVINCIES, VLAANDEREN, type Provincie } from '@duaal-graph/domein';
import { SUBGRAPHS } from '@duaal-graph/schema';
import { openStore } from '@duaal-graph/store';
import { meetProvincie } from '../../subgraphs/radar/src/peilingen/meting.ts';
import { PeilingOpslag, type PeilingDeel } from '../../subgraphs/radar/src/peilingen/opslag.ts';
import { reconstrueerProvincie } from '../../subgraphs/radar/src/peilingen/reconstructie.ts';
import {
  freePort,
  startGateway,
  startProcess,
  startSubgraphs,
  waitUntilReady,
  type Service,
} from './services.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DAGEN = Number(process.env['BENCH_DAGEN'] ?? 365);
const WARM = 10;
const SEED = process.env['MOCK_SEED'] ?? '42';
const REFERENTIEDATUM = '2026-11-01';
/** VDAB's limit raised for the bench: its initial read is not what is measured here. */
const VDAB_PER_SECONDE = 1_000;
const SCHALEN = (process.env['BENCH_SCHALEN'] ?? 'west-vlaanderen,vlaanderen').split(',');
const GEHOUDEN: readonly Provincie[] = PROVINCIES.filter((p) =>
  VLAANDEREN.regios.some((r) => r.provincie === p),
);

const ms = (w: number) => `${w.toFixed(0)} ms`;
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
function mediaan(waarden: readonly number[]): number {
  const s = [...waarden].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
const spreiding = (w: readonly number[]) =>
  `${ms(mediaan(w))} (min ${ms(Math.min(...w))}, max ${ms(Math.max(...w))})`;

function dagenTerug(datum: string, dagen: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - dagen);
  return d.toISOString().slice(0, 10);
}

const INDICATOREN = (
  van: string,
  tot: string,
) => `{ indicatoren(provincie: WEST_VLAANDEREN, van: "${van}", tot: "${tot}") {
  op gereconstrueerd aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalGestarteLerenden { waarde onderdrukt }
  aantalOpleidingenMetAanbod aantalWitteVlekken aandeelKnelpuntvacaturesMetDuaalAanbod } }`;

async function vraag(url: string, query: string): Promise<{ ms: number; punten: number }> {
  const begin = performance.now();
  const antwoord = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const tekst = await antwoord.text();
  const duur = performance.now() - begin;
  const lijf = JSON.parse(tekst) as { data?: { indicatoren?: unknown[] } | null; errors?: unknown[] };
  if (antwoord.status !== 200 || lijf.errors) throw new Error(`indicatoren: ${tekst.slice(0, 500)}`);
  return { ms: duur, punten: lijf.data?.indicatoren?.length ?? 0 };
}

async function meetSchaal(schaal: string): Promise<void> {
  const map = mkdtempSync(join(tmpdir(), 'bench-peilingen-'));
  const mockPoort = await freePort();
  const poorten: Record<string, number> = {};
  for (const s of SUBGRAPHS) poorten[s.naam] = await freePort();
  const gatewayPoort = await freePort();
  const graaf = `http://127.0.0.1:${String(gatewayPoort)}/graphql`;
  const diensten: Service[] = [];
  try {
    const mock = startProcess('mock', 'mocks', mockPoort, {
      MOCK_PORT: String(mockPoort),
      MOCK_SCALE: schaal,
      MOCK_SEED: SEED,
      MOCK_DATA_DIR: join(map, 'mock'),
      MOCK_VDAB_RATE_LIMIT: String(VDAB_PER_SECONDE),
      DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
    });
    diensten.push(mock);
    await waitUntilReady(mock, '/_mock/health');
    const omgeving: Record<string, string> = {
      ...Object.fromEntries(
        ['volta', 'educam', 'constructiv', 'mtech', 'woodwize', 'onderwijs', 'vdab', 'kazi'].map((p) => [
          `${p.toUpperCase()}_URL`,
          `${mock.url}/${p}`,
        ]),
      ),
      DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
      VACATURES_DATA_DIR: join(map, 'vacatures'),
      VDAB_RATE_LIMIT: String(VDAB_PER_SECONDE),
      RADAR_DATA_DIR: join(map, 'radar'),
      PEILING_TIJD: 'uit',
      PEILING_GRAAF_URL: graaf,
    };
    const subgraphs = await startSubgraphs(poorten, omgeving);
    diensten.push(...subgraphs.diensten);
    diensten.push(await startGateway(gatewayPoort, subgraphs.urls, omgeving));

    // The bench's own store (the radar process holds its own PGlite): measured through the same graph.
    const bankMap = join(map, 'bank');
    const store = await openStore({ dataDir: join(bankMap, 'store') });
    const opslag = new PeilingOpslag(store.db);
    const leeg = await opslag.bytes();
    const tijden: number[] = [];
    let delen: PeilingDeel[] = [];
    let bytesEen = 0;
    for (let run = 0; run < RUNS; run++) {
      const begin = performance.now();
      delen = [];
      for (const provincie of GEHOUDEN) delen.push(...(await meetProvincie(graaf, provincie, 600_000)));
      await opslag.bewaar({ op: REFERENTIEDATUM, genomenOp: new Date(), gereconstrueerd: false }, delen);
      tijden.push(performance.now() - begin);
      // The first one in an empty store: a replaced one would count its dead rows too.
      if (run === 0) bytesEen = (await opslag.bytes()) - leeg;
    }
    const rijen = delen.reduce((n, d) => n + d.rijen.length, 0);
    const json = delen.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d.rijen)), 0);

    // One reconstructed month: the rows of every provincie with only the erkende leerwerkplekken.
    const voor = await opslag.bytes();
    const beginReconstructie = performance.now();
    const maand = dagenTerug(REFERENTIEDATUM, 31);
    for (const provincie of GEHOUDEN)
      await opslag.bewaarReconstructie(
        new Date(),
        provincie,
        await reconstrueerProvincie(graaf, provincie, [maand], 600_000),
      );
    const reconstructieMs = performance.now() - beginReconstructie;
    const reconstructieBytes = (await opslag.bytes()) - voor;
    await opslag.ruimReconstructieOp([]);

    // A year of daily measurements, each a copy of the one measured: the same rows, the same bytes.
    const beginJaar = performance.now();
    for (let dag = 1; dag < DAGEN; dag++)
      await opslag.bewaar(
        { op: dagenTerug(REFERENTIEDATUM, dag), genomenOp: new Date(), gereconstrueerd: false },
        delen,
      );
    const jaarSchrijven = performance.now() - beginJaar;
    const jaarBytes = (await opslag.bytes()) - leeg;
    await store.close();

    // The radar on that store: `indicatoren` over the year through the gateway, the first question cold.
    const radar = diensten.find((d) => d.naam === 'radar');
    await radar?.stop();
    const radarPoort = poorten['radar'] ?? 0;
    const nieuw = startProcess('radar', 'subgraphs/radar', radarPoort, {
      ...omgeving,
      RADAR_PORT: String(radarPoort),
      RADAR_DATA_DIR: bankMap,
    });
    diensten.push(nieuw);
    await waitUntilReady(nieuw, '/ready');
    const gateway = `http://127.0.0.1:${String(gatewayPoort)}`;
    const van = dagenTerug(REFERENTIEDATUM, DAGEN - 1);
    const koud = await vraag(gateway, INDICATOREN(van, REFERENTIEDATUM));
    if (koud.punten !== DAGEN)
      throw new Error(`indicatoren: ${String(koud.punten)} points, not ${String(DAGEN)}`);
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) warm.push((await vraag(gateway, INDICATOREN(van, REFERENTIEDATUM))).ms);
    const maandWarm: number[] = [];
    for (let i = 0; i < WARM; i++)
      maandWarm.push(
        (await vraag(gateway, INDICATOREN(dagenTerug(REFERENTIEDATUM, 29), REFERENTIEDATUM))).ms,
      );

    console.log(
      `\n${schaal} (MOCK_SCALE=${schaal}), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}:`,
    );
    console.log(
      `  one measurement: ${spreiding(tijden)} over ${String(RUNS)} runs; ${String(rijen)} rows (${mb(json)} of JSON), ${mb(bytesEen)} in the store`,
    );
    console.log(`  one reconstructed date: ${ms(reconstructieMs)}, ${mb(reconstructieBytes)} in the store`);
    console.log(
      `  ${String(DAGEN)} daily measurements: ${mb(jaarBytes)} in the store (${mb(jaarBytes / DAGEN)} each), written in ${ms(jaarSchrijven)}`,
    );
    console.log(
      `  indicatoren(WEST_VLAANDEREN) over ${String(DAGEN)} days: cold ${ms(koud.ms)}, warm ${spreiding(warm)}; over 30 days warm ${spreiding(maandWarm)}`,
    );
  } finally {
    for (const d of diensten.reverse()) await d.stop();
    rmSync(map, { recursive: true, force: true });
  }
}

for (const schaal of SCHALEN) await meetSchaal(schaal);
