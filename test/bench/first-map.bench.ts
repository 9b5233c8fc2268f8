/**
 * Time to first map: from navigating to the Radar page in a fresh Chromium
 * context (no cache) to the map of West-Vlaanderen drawn and coloured by the
 * graph's radar, median of BENCH_RUNS; and the size of the JavaScript the
 * Radar page loads, gzipped, from the production build. The whole system runs
 * in this process on free ports (mocks, subgraphs, gateway, the app's server).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readWebConfig, startWeb } from '@duaal-graph/web';
import { startSystem } from '../graph/system.ts';
import { ensureBuilt } from '../web/app-build.ts';
import { launchChromium } from '../web/browser.ts';

const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

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
  const times: number[] = [];
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
  }
  console.log(
    `first map (fresh browser context, warm graph): median ${median(times).toFixed(0)} ms of ${runs} runs (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
} finally {
  await browser.close();
  await web.stop();
  await system.stop();
}
