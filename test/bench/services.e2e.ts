import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The bench harness's end (services.ts): a bench stopped by a signal stops the
 * services it started and waits for them; a service that hangs on SIGTERM is
 * said and killed. Real processes: a bench (fixtures/bench.ts) and its
 * services (fixtures/service.ts), which exit half a second after SIGTERM.
 */

const WORTEL = fileURLToPath(new URL('../../', import.meta.url));
const map = mkdtempSync(join(tmpdir(), 'bench-stop-'));
/** Every service pid the benches said: one a failed test left running is killed at the end. */
const gezien: number[] = [];
afterAll(() => {
  for (const pid of gezien.filter(leeft)) process.kill(pid, 'SIGKILL');
  rmSync(map, { recursive: true, force: true });
});

function startBench(modus: string, marker: string, omgeving: Record<string, string> = {}) {
  const kind = spawn(process.execPath, ['--import', 'tsx', 'test/bench/fixtures/bench.ts', modus], {
    cwd: WORTEL,
    env: { ...process.env, ...omgeving, MARKER: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let uitvoer = '';
  kind.stdout.on('data', (d: Buffer) => (uitvoer += d.toString('utf8')));
  kind.stderr.on('data', (d: Buffer) => (uitvoer += d.toString('utf8')));
  const einde = new Promise<{ code: number | null; signaal: NodeJS.Signals | null }>((resolve) =>
    kind.once('exit', (code, signaal) => {
      resolve({ code, signaal });
    }),
  );
  const pids = async (): Promise<number[]> => {
    while (!/gestart [\d ]+\n/.test(uitvoer)) {
      if (kind.exitCode !== null) throw new Error(`the bench ended:\n${uitvoer}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const pids = (/gestart ([\d ]+)\n/.exec(uitvoer)?.[1] ?? '').split(' ').map(Number);
    gezien.push(...pids);
    return pids;
  };
  return { kind, einde, pids, uitvoer: () => uitvoer };
}

function leeft(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the bench harness’s stop', () => {
  it('a SIGTERM to the bench stops its services and waits until they exited', async () => {
    const marker = join(map, 'sigterm');
    const bench = startBench('loopt', marker);
    const pids = await bench.pids();
    bench.kind.kill('SIGTERM');
    // The bench's own exit code for SIGTERM (128 + 15), after its services' exit: not killed by the signal.
    expect(await bench.einde).toEqual({ code: 143, signaal: null });
    expect(pids.filter(leeft)).toEqual([]);
    expect(readFileSync(marker, 'utf8').trim().split('\n').sort()).toEqual(
      pids.map((pid) => `SIGTERM ${String(pid)}`).sort(),
    );
    expect(bench.uitvoer()).toContain('bench: SIGTERM, stopping 2 services');
  }, 60_000);

  it('a service that does not exit after SIGTERM is said and killed, and the stop returns', async () => {
    const bench = startBench('hangt', join(map, 'hangt'), { BENCH_STOP_MS: '1000' });
    const [eerste] = await bench.pids();
    expect(await bench.einde).toEqual({ code: 0, signaal: null });
    expect(bench.uitvoer()).toContain(
      `dienst1 (pid ${String(eerste)}) did not exit within 1 s of SIGTERM: killed`,
    );
    expect(bench.uitvoer()).toContain('gestopt true');
  }, 60_000);
});
