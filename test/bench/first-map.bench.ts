/**
 * Time to first map: from navigating to the Radar page in a fresh Chromium
 * context (no cache) to the map of West-Vlaanderen drawn and coloured by the
 * graph's radar, median of BENCH_RUNS; and the size of the JavaScript the
 * Radar page loads, gzipped, from the production build. The whole system runs
 * in this process on free ports (mocks, subgraphs, gateway, the app's server).
 * Its peer, measured in the same run between the browser runs: the same data
 * fetched from Node through the app's server (the Keuzes and Radar answers and
 * the map's geo file), so that what the browser adds reads apart from the load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { readWebConfig, startWeb } from '@duaal-graph/web';
import { startSystem } from '../graph/system.ts';
import { ensureBuilt, WEB } from '../web/app-build.ts';
import { launchChromium } from '../web/browser.ts';

const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
const dist = await ensureBuilt();
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
const sizes = scripts.map((s) => {
  const bytes = readFileSync(join(dist, s));
  return { file: s, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
for (const s of sizes) console.log(`${s.file}: ${kB(s.raw)}, gzipped ${kB(s.gzip)}`);
console.log(
  `Radar page JavaScript: ${kB(sizes.reduce((a, s) => a + s.raw, 0))}, gzipped ${kB(sizes.reduce((a, s) => a + s.gzip, 0))}`,
);

const system = await startSystem({ vdabPerSeconde: 1000 });
const web = await startWeb(
  readWebConfig({ WEB_PORT: '0', WEB_DIST: dist, WEB_GATEWAY_URL: system.gatewayUrl }),
);
const browser = await launchChromium();
try {
  // Until every source is in, the radar would answer without VDAB.
  for (let i = 0; i < 60; i++) {
    const answer = await system.vraag('{ radar(provincie: WEST_VLAANDEREN) { witteVlek } }');
    if (!answer.errors) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const manifest = JSON.parse(readFileSync(join(WEB, 'persisted-operations.json'), 'utf8')) as {
    operations: { id: string; name: string }[];
  };
  const hash = (name: string) => manifest.operations.find((o) => o.name === name)?.id ?? '';
  const ask = (operationName: string, variables: Record<string, unknown>) =>
    fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operationName,
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash(operationName) } },
      }),
    }).then((r) => r.text());
  /** The page's data without the page: what the Radar page asks, in parallel, from Node. */
  const dataAlone = async () => {
    const start = performance.now();
    await Promise.all([
      ask('Keuzes', {}),
      ask('Radar', { provincie: 'WEST_VLAANDEREN', niveau: 'SECUNDAIR' }),
      fetch(`${web.url}/geo/WEST_VLAANDEREN.json`).then((r) => r.arrayBuffer()),
    ]);
    return performance.now() - start;
  };
  console.log(`start: ${load()}`);
  const times: number[] = [];
  const peers: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`${web.url}/#/radar`);
    await page.waitForFunction(
      "document.querySelector('.kaart-vlak[data-geladen]') && [...document.querySelectorAll('path.gemeente')].every((p) => /opleidingen$/.test(p.getAttribute('data-waarde') ?? ''))",
      undefined,
      { polling: 10 },
    );
    const ms = performance.now() - start;
    // The first run warms the gateway's query plan and the subgraphs' code paths; it is reported, not counted.
    if (run === 0) console.log(`first map, first run after start: ${ms.toFixed(0)} ms`);
    else times.push(ms);
    await context.close();
    if (run > 0) peers.push(await dataAlone());
  }
  console.log(
    `first map (fresh browser context, warm graph): median ${median(times).toFixed(0)} ms of ${runs} runs (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `peer, the same data from Node through the app's server: median ${median(peers).toFixed(0)} ms (${peers.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(`end: ${load()}`);
} finally {
  await browser.close();
  await web.stop();
  await system.stop();
}
