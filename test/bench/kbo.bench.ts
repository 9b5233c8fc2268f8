import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitUntilReady } from './services.ts';

/**
 * Reading the company register (issue 17): the latest full extract and every
 * update after it, at the mock's default scale and at `MOCK_SCALE=10`, each
 * read in a fresh process, into the store as the subgraph does (`store`:
 * PGlite, then the view every question reads) and keeping nothing (`tel`: the
 * streaming alone). Memory must not grow with the file: the subgraph's peak
 * RSS stays under `BENCH_KBO_MAX_RSS_MB` (the bound the README states) at
 * every scale, or the bench fails.
 * `npm run bench:kbo -w @duaal-graph/test`; `BENCH_KBO_SCALES=1,10`.
 */

const SCHALEN = (process.env['BENCH_KBO_SCALES'] ?? '1,10').split(',');
const MAP = new URL('../', import.meta.url).pathname;
/** The bound on the peak RSS of a read into the store, PGlite's own memory included (README, "Reading the company register"). */
const MAX_RSS_MB = Number(process.env['BENCH_KBO_MAX_RSS_MB'] ?? '800');
const over: string[] = [];

function lees(url: string, modus: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const kind = spawn(process.execPath, ['--import', 'tsx', 'bench/kbo-lezer.ts', url, modus], {
      cwd: MAP,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let uit = '';
    kind.stdout.on('data', (d: Buffer) => (uit += d.toString('utf8')));
    kind.once('exit', (code) => {
      const regel = uit.trim().split('\n').at(-1) ?? '';
      if (code === 0 && regel.startsWith('{')) resolve(JSON.parse(regel) as Record<string, number | string>);
      else reject(new Error(`kbo-lezer ${modus}: exit ${code}: ${uit}`));
    });
  });
}

/**
 * The list, once the mock has made its zips: at a large scale on a busy machine
 * that outlasts fetch's five minutes for the headers, so it is asked again
 * (the mock goes on making them).
 */
async function lijstVan(url: string, pogingen = 6): Promise<Response> {
  try {
    return await fetch(`${url}/kbo/open-data/extracts`, {
      headers: { authorization: `Basic ${Buffer.from('duaal:kbo-dev').toString('base64')}` },
    });
  } catch (f) {
    if (pogingen <= 1) throw f;
    return lijstVan(url, pogingen - 1);
  }
}

for (const schaal of SCHALEN) {
  const poort = await freePort();
  const map = mkdtempSync(join(tmpdir(), 'duaal-bench-kbo-'));
  const mock = startProcess('mock', 'mocks', poort, {
    MOCK_PORT: String(poort),
    MOCK_SCALE: schaal,
    MOCK_LATENCY_MS: '0',
    MOCK_DATA_DIR: map,
  });
  try {
    await waitUntilReady(mock, '/_mock/health');
    // The mock makes its register and writes its zips on the first call: not part of the reading.
    const lijst = (await (await lijstVan(mock.url)).json()) as { naam: string; bytes: number }[];
    const zipMb = (lijst[0]?.bytes ?? 0) / 1024 / 1024;
    for (const modus of ['tel', 'store']) {
      const r = await lees(mock.url, modus);
      if (Number(r['piekRssMb']) > MAX_RSS_MB) over.push(`${modus} at scale ${schaal}: ${r['piekRssMb']} MB`);
      console.log(
        JSON.stringify({
          schaal,
          volledigeZipMb: Math.round(zipMb * 10) / 10,
          updates: lijst.length - 1,
          ...r,
        }),
      );
    }
  } finally {
    await mock.stop();
    rmSync(map, { recursive: true, force: true });
  }
}

if (over.length > 0) {
  console.error(`bench:kbo: peak RSS over the bound of ${MAX_RSS_MB} MB: ${over.join('; ')}`);
  process.exitCode = 1;
} else console.log(`bench:kbo: every peak RSS within ${MAX_RSS_MB} MB`);
