import { rmSync } from 'node:fs';
import { inject } from 'vitest';
import { startSystem, type System } from './system.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the `e2e-shared` project (vitest.config.ts): its files run one after another in a kept worker. */
    sharedSystem: boolean;
  }
}

/** The options every shared file gets: those of most read-only files (VDAB raised to load in a moment). */
const OPTIES = { vdabPerSeconde: 1_000 } as const;

let gestart: Promise<System> | undefined;

/**
 * The vitest worker ends with SIGTERM (and SIGKILL half a second later), never
 * through a test's `afterAll`: the system's folder goes then, the servers with
 * the process.
 */
function ruimOpBijEinde(system: System): void {
  process.once('SIGTERM', () => {
    rmSync(system.dataMap, { recursive: true, force: true });
    process.kill(process.pid, 'SIGTERM');
  });
}

/** Refuses what would change the system for the files after this one. */
function weiger(naam: string): () => Promise<never> {
  return () =>
    Promise.reject(
      new Error(
        `${naam}: the shared system serves the next test files too; a file that stops or restarts a service starts its own (startSystem) and is not in SHARED_E2E`,
      ),
    );
}

/**
 * The system shared by the read-only e2e files (see `startSystem` for which
 * those are): started by the first file a worker of the `e2e-shared` project
 * runs, handed to the next ones as a new one would be (empty response cache,
 * proxy counts at zero, every subgraph reachable), stopped with the worker.
 * Call it in `beforeAll` (with the start's long hook timeout) and do not stop it.
 */
export async function sharedSystem(): Promise<System> {
  if (!inject('sharedSystem'))
    throw new Error(
      'sharedSystem() runs only in the e2e-shared project: list this file in SHARED_E2E in vitest.config.ts (and run it with --project e2e-shared)',
    );
  gestart ??= startSystem(OPTIES).then((system) => {
    ruimOpBijEinde(system);
    return system;
  });
  const system = await gestart;
  for (const [naam, proxy] of Object.entries(system.proxies)) {
    await system.bereikbaar(naam as keyof System['proxies'], true);
    proxy.wis();
  }
  system.wisAntwoordCache();
  return Object.assign(Object.create(system) as System, {
    stop: weiger('stop'),
    herstartErkenningen: weiger('herstartErkenningen'),
    herstartVacatures: weiger('herstartVacatures'),
    herstartRadar: weiger('herstartRadar'),
  });
}
