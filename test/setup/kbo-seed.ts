import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KboClient, KboLezer, KboStoreOpslag } from '@duaal-graph/erkenningen/kbo';
import { openStore } from '@duaal-graph/store';
import { startTestMock } from '../contract/mock.ts';

/**
 * The company register, read once per test run (vitest `globalSetup` of the
 * e2e projects) into a store of its own, which every system started after
 * that gets as its data folder's store when its mock publishes the same
 * extracts (`seedKboStore`, test/graph/system.ts). The erkenningen subgraph
 * then starts as a production replica restarts: it finds the register in the
 * store and applies only the updates newer than it (none), instead of every
 * system reading the full extract into PGlite again. A system whose mock
 * publishes other extracts (another scale, another date, KBO down) reads KBO
 * itself, as do the tests that ask for it (`SystemOptions.kboVers`).
 */

/** Where the prepared store is, for the workers (they inherit the environment of the run). */
const SEED_ENV = 'DUAAL_E2E_KBO_SEED';
/** The list of extracts the store was read from, beside it: a system's mock must publish the same. */
const LIST = 'extracts.json';
const STORE = 'store';

const USER = 'duaal';
const PASSWORD = 'kbo-dev';

async function extractList(mockUrl: string): Promise<string | null> {
  try {
    const antwoord = await fetch(`${mockUrl}/kbo/open-data/extracts`, {
      headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
    });
    return antwoord.ok ? await antwoord.text() : null;
  } catch {
    return null;
  }
}

export default async function setup(): Promise<() => void> {
  // Both e2e projects name this setup: in one run (one process) the register is read once.
  if (process.env[SEED_ENV] !== undefined) return () => undefined;
  const map = mkdtempSync(join(tmpdir(), 'duaal-kbo-seed-'));
  const mock = await startTestMock();
  try {
    const lijst = await extractList(mock.url);
    if (lijst === null) throw new Error('kbo-seed: the mock published no extracts');
    const store = await openStore({ dataDir: join(map, STORE) });
    try {
      const client = new KboClient({
        basisUrl: `${mock.url}/kbo`,
        gebruiker: USER,
        wachtwoord: PASSWORD,
        timeoutMs: 300_000,
      });
      await new KboLezer(client, new KboStoreOpslag(store.db, null, store.copyInto)).lees();
    } finally {
      await store.close();
    }
    writeFileSync(join(map, LIST), lijst);
  } finally {
    await mock.stop();
  }
  process.env[SEED_ENV] = map;
  return () => {
    rmSync(map, { recursive: true, force: true });
  };
}

/**
 * Puts the prepared register in `storeMap` (a system's PGlite folder, not
 * yet opened) when the mock at `mockUrl` publishes the extracts it was read
 * from; else (or outside a test run) leaves it alone. Says whether it did.
 */
export async function seedKboStore(mockUrl: string, storeMap: string): Promise<boolean> {
  const map = process.env[SEED_ENV];
  if (map === undefined || !existsSync(join(map, LIST)) || existsSync(storeMap)) return false;
  if ((await extractList(mockUrl)) !== readFileSync(join(map, LIST), 'utf8')) return false;
  cpSync(join(map, STORE), storeMap, { recursive: true });
  return true;
}
