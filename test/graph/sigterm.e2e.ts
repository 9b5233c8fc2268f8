import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/services.ts';
import { partnerUrls, REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';

/**
 * SIGTERM at any moment of a service's life ends it with 0 within
 * SHUTDOWN_GRACE_S: the radar just after it is ready (Apollo's own signal
 * handler used to race the drain, and its second stop() never returned), and
 * vacatures while its first read of VDAB still runs (VDAB answering 429, which
 * the sync waits out for minutes). Real processes, the compiled entry when the
 * e2e run is on built code, as production starts them.
 */

const GRACE_S = 4;
/** What a loaded 2-core machine may add to the grace between the signal and the exit event. */
const MARGE_MS = 8_000;
const GECOMPILEERD = process.env['DUAAL_E2E_CODE'] === 'compiled';
const WORTEL = fileURLToPath(new URL('../../', import.meta.url));

interface Proces {
  readonly url: string;
  readonly uitvoer: string[];
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  readonly einde: Promise<{ code: number | null; signaal: NodeJS.Signals | null }>;
  readonly kill: (signaal: NodeJS.Signals) => void;
  readonly leeft: () => boolean;
}

async function startDienst(naam: string, omgeving: Record<string, string>): Promise<Proces> {
  const poort = await freePort();
  const argumenten = GECOMPILEERD
    ? ['--conditions=compiled', 'dist/index.js']
    : ['--import', 'tsx', 'src/index.ts'];
  const kind = spawn(process.execPath, argumenten, {
    cwd: join(WORTEL, 'subgraphs', naam),
    env: {
      ...process.env,
      ...omgeving,
      NODE_ENV: 'development',
      DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
      [`${naam.toUpperCase()}_PORT`]: String(poort),
      SHUTDOWN_GRACE_S: String(GRACE_S),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const uitvoer: string[] = [];
  kind.stdout.on('data', (d: Buffer) => uitvoer.push(d.toString('utf8')));
  kind.stderr.on('data', (d: Buffer) => uitvoer.push(d.toString('utf8')));
  const einde = new Promise<{ code: number | null; signaal: NodeJS.Signals | null }>((resolve) =>
    kind.once('exit', (code, signaal) => {
      resolve({ code, signaal });
    }),
  );
  return {
    url: `http://127.0.0.1:${String(poort)}`,
    uitvoer,
    einde,
    kill: (signaal) => kind.kill(signaal),
    leeft: () => kind.exitCode === null && kind.signalCode === null,
  };
}

async function wachtOp(dienst: Proces, pad: string): Promise<void> {
  const tot = Date.now() + 240_000;
  while (Date.now() < tot && dienst.leeft()) {
    const status = await fetch(`${dienst.url}${pad}`).then(
      (a) => a.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 on ${pad}:\n${dienst.uitvoer.join('').slice(-3_000)}`);
}

/** SIGTERM, then the exit: its code and how long it took. */
async function beeindig(dienst: Proces) {
  const begin = Date.now();
  dienst.kill('SIGTERM');
  const uitkomst = await Promise.race([
    dienst.einde,
    new Promise<null>((resolve) => setTimeout(resolve, GRACE_S * 1000 + 20_000, null)),
  ]);
  return { uitkomst, ms: Date.now() - begin, uitvoer: dienst.uitvoer.join('').slice(-3_000) };
}

describe('SIGTERM at any moment: exit 0 within SHUTDOWN_GRACE_S', () => {
  let mock: TestMock;
  const mappen: string[] = [];
  const processen: Proces[] = [];

  const omgeving = (naam: string): Record<string, string> => {
    const map = mkdtempSync(join(tmpdir(), `duaal-sigterm-${naam}-`));
    mappen.push(map);
    return { ...partnerUrls(mock.url), [`${naam.toUpperCase()}_DATA_DIR`]: map, PEILING_TIJD: 'uit' };
  };

  beforeAll(async () => {
    mock = await startTestMock();
  });

  afterAll(async () => {
    for (const p of processen) if (p.leeft()) p.kill('SIGKILL');
    await mock.stop();
    for (const map of mappen) rmSync(map, { recursive: true, force: true });
  });

  it('the radar, half a second after it is ready; vacatures while its first VDAB read waits out 429s', async () => {
    const storing = await fetch(`${mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'vdab', mode: 'ratelimit', retryAfterS: 1 }),
    });
    expect(storing.status).toBe(200);
    const radar = await startDienst('radar', omgeving('radar'));
    const vacatures = await startDienst('vacatures', omgeving('vacatures'));
    processen.push(radar, vacatures);

    const eenNaGereed = async () => {
      await wachtOp(radar, '/ready');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return beeindig(radar);
    };
    const tijdensEersteLezing = async () => {
      await wachtOp(vacatures, '/health');
      // The first read is under way and cannot end while VDAB refuses: not ready.
      expect((await fetch(`${vacatures.url}/ready`)).status).toBe(503);
      return beeindig(vacatures);
    };
    const [r, v] = await Promise.all([eenNaGereed(), tijdensEersteLezing()]);

    expect(r.uitkomst, r.uitvoer).toEqual({ code: 0, signaal: null });
    expect(r.ms, r.uitvoer).toBeLessThan(GRACE_S * 1000 + MARGE_MS);
    expect(v.uitkomst, v.uitvoer).toEqual({ code: 0, signaal: null });
    expect(v.ms, v.uitvoer).toBeLessThan(GRACE_S * 1000 + MARGE_MS);
  }, 300_000);
});
