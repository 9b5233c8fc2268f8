/**
 * `npm run bench:startup -w @duaal-graph/test`: each service started alone, as
 * development runs it (tsx, TypeScript compiled at start) and as production
 * does (`node --conditions=compiled dist/index.js`, after `npm run build`):
 * the time until it listens (`/health`), until it is ready (`/ready`: its
 * first partner reads; the gateway's subgraphs are not started, so it is only
 * timed to listen), and its resident memory then.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wacht } from 'node:timers/promises';
import { partnerUrls } from '../contract/mock.ts';
import { freePort, startProcess, waitUntilReady, type Service } from './services.ts';

const SERVICES = [
  { naam: 'erkenningen', map: 'subgraphs/erkenningen', poort: 'ERKENNINGEN_PORT', ready: true },
  { naam: 'onderwijsaanbod', map: 'subgraphs/onderwijsaanbod', poort: 'ONDERWIJSAANBOD_PORT', ready: true },
  { naam: 'vacatures', map: 'subgraphs/vacatures', poort: 'VACATURES_PORT', ready: true },
  { naam: 'matching', map: 'subgraphs/matching', poort: 'MATCHING_PORT', ready: true },
  { naam: 'radar', map: 'subgraphs/radar', poort: 'RADAR_PORT', ready: true },
  { naam: 'gateway', map: 'gateway', poort: 'GATEWAY_PORT', ready: false },
] as const;

const MODES = [
  { naam: 'tsx', script: 'src/index.ts', nodeArgs: ['--import', 'tsx'] },
  { naam: 'compiled', script: 'dist/index.js', nodeArgs: ['--conditions=compiled'] },
] as const;

function rssMiB(dienst: Service): number {
  const status = readFileSync(`/proc/${String(dienst.pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function tot(dienst: Service, pad: string, begin: number): Promise<number> {
  await waitUntilReady(dienst, pad, 300_000);
  return performance.now() - begin;
}

const data = mkdtempSync(join(tmpdir(), 'duaal-startup-'));
const mockPoort = await freePort();
const mock = startProcess('mocks', 'mocks', mockPoort, {
  MOCK_PORT: String(mockPoort),
  MOCK_DATA_DIR: join(data, 'mocks'),
});
await waitUntilReady(mock, '/_mock/health');
const m = `http://127.0.0.1:${String(mockPoort)}`;
const partners = { ...partnerUrls(m), PEILING_TIJD: 'uit' };

const rijen: string[] = [];
try {
  for (const service of SERVICES) {
    for (const mode of MODES) {
      const poort = await freePort();
      const map = join(data, `${service.naam}-${mode.naam}`);
      const begin = performance.now();
      const dienst = startProcess(
        service.naam,
        service.map,
        poort,
        {
          ...partners,
          [service.poort]: String(poort),
          ERKENNINGEN_DATA_DIR: map,
          ONDERWIJSAANBOD_DATA_DIR: map,
          VACATURES_DATA_DIR: map,
          MATCHING_DATA_DIR: map,
          RADAR_DATA_DIR: map,
        },
        mode.script,
        mode.nodeArgs,
      );
      try {
        const luistert = await tot(dienst, '/health', begin);
        const gereed = service.ready ? await tot(dienst, '/ready', begin) : null;
        await wacht(500);
        const rij = `| ${service.naam} | ${mode.naam} | ${(luistert / 1000).toFixed(1)} s | ${
          gereed === null ? '–' : `${(gereed / 1000).toFixed(1)} s`
        } | ${rssMiB(dienst).toFixed(0)} MiB |`;
        console.log(rij);
        rijen.push(rij);
      } finally {
        // A drain that outlasts SHUTDOWN_GRACE_S (20 s) and more is reported, and the process killed.
        const gestopt = await Promise.race([dienst.stop().then(() => true), wacht(30_000, false)]);
        if (!gestopt) {
          console.log(`${service.naam} (${mode.naam}) did not exit within 30 s of SIGTERM`);
          if (dienst.pid !== undefined) process.kill(dienst.pid, 'SIGKILL');
        }
      }
    }
  }
} finally {
  await mock.stop();
  rmSync(data, { recursive: true, force: true });
}
console.log(
  ['| service | runs | listens | ready | RSS when ready |', '|---|---|---|---|---|', ...rijen].join('\n'),
);
