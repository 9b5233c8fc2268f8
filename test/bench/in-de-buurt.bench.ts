/**
 * `inDeBuurt` for every opleiding within 25 km of a large town (Kortrijk,
 * 8500), cold and warm, through the gateway, with the
 * subgraph fetches its query plan makes and the time of each stage asked of
 * the subgraphs directly. Every service runs in a process of its own, as
 * `npm start` runs them, at the default west-vlaanderen scale. Medians over
 * BENCH_RUNS runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '@duaal-graph/schema';
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
  `inDeBuurt within 25 km, seed ${SEED}, reference date ${REFERENTIEDATUM}, west-vlaanderen, every service in its own process; medians of ${RUNS} runs (warm: ${WARM})`,
);
try {
  await waitUntilReady(mock, '/_mock/health');
  const partners = Object.fromEntries(
    ['volta', 'educam', 'constructiv', 'mtech', 'woodwize', 'onderwijs', 'vdab', 'kazi'].map((p) => [
      `${p.toUpperCase()}_URL`,
      `${mock.url}/${p}`,
    ]),
  );
  const omgeving = { ...partners, DUAAL_REFERENTIEDATUM: REFERENTIEDATUM, VACATURES_DATA_DIR: vacatureMap };
  let subgraphs = await startSubgraphs(poorten, omgeving);
  let gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);
  for (const [postcode, stad] of STEDEN) {
    const query = vraagVoor(postcode);
    const koud: number[] = [];
    let opleidingen = 0;
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      await gateway.stop();
      await Promise.all(subgraphs.diensten.map((d) => d.stop()));
      subgraphs = await startSubgraphs(poorten, omgeving);
      gateway = await startGateway(gatewayPoort, subgraphs.urls, omgeving);
      const eerste = await vraag(gateway.url, query);
      koud.push(eerste.ms);
      ({ opleidingen, bytes } = eerste);
    }
    for (let i = 0; i < 3; i++) await vraag(gateway.url, query);
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) warm.push((await vraag(gateway.url, query)).ms);

    const opnemer = await startRecorder(subgraphs.urls);
    const opnameGateway = await startGateway(await freePort(), opnemer.urls, omgeving);
    for (let i = 0; i < 3; i++) await vraag(opnameGateway.url, query);
    opnemer.opnames.length = 0;
    await vraag(opnameGateway.url, query);
    const plan = fasen(opnemer.opnames);
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
    console.log(`  warm, ${WARM} runs: ${spreiding(warm)}`);
    console.log(
      `  subgraph fetches: ${opnemer.opnames.length} in ${plan.length} stages; asked of the subgraphs directly: ${spreiding(direct.map((d) => d.totaalMs))}`,
    );
    plan.forEach((fase, i) => {
      console.log(
        `    stage ${i + 1}: ${ms(mediaan(direct.map((d) => d.faseMs[i] ?? 0)))} — ${fase.map((o) => o.subgraph).join(', ')}`,
      );
    });
  }
  diensten.push(...subgraphs.diensten, gateway);
} finally {
  await Promise.all(diensten.reverse().map((d) => d.stop()));
  rmSync(mockMap, { recursive: true, force: true });
  rmSync(vacatureMap, { recursive: true, force: true });
}
