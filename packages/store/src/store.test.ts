import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease } from './lease.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import { openStore, type Store } from './store.ts';
import { scratchDatabase, TEST_DATABASE_URL } from './test-helpers.ts';

if (!TEST_DATABASE_URL)
  console.warn(
    'store.test: DATABASE_URL is not set, the tests on a real PostgreSQL are skipped (.ci/run sets it)',
  );

/** PGlite makes a new cluster in its folder at first start: seconds, more on a busy machine. */
const START_MS = 120_000;

const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same tests on each kind of store: PGlite always, a real server when there is one. */
const backends: {
  name: string;
  skip: boolean;
  open: () => Promise<{ url?: string; dir: string | null; done: () => Promise<void> }>;
}[] = [
  {
    name: 'PGlite',
    skip: false,
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'duaal-store-'));
      return Promise.resolve({
        dir,
        done: () => {
          rmSync(dir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
  {
    name: 'PostgreSQL (DATABASE_URL)',
    skip: !TEST_DATABASE_URL,
    open: async () => {
      const scratch = await scratchDatabase(TEST_DATABASE_URL ?? '');
      return { url: scratch.url, dir: null, done: () => scratch.drop() };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the store on ${backend.name}`, () => {
    let plek: Awaited<ReturnType<(typeof backends)[number]['open']>>;
    const open = () => openStore({ databaseUrl: plek.url, dataDir: plek.dir });
    let store: Store;

    beforeAll(async () => {
      plek = await backend.open();
      store = await open();
    }, START_MS);
    afterAll(async () => {
      await store.close();
      await plek.done();
    });

    it(
      'runs every migration once, and again at the next start finds nothing to do',
      { timeout: START_MS },
      async () => {
        const tweede = await open();
        const gedaan = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          store.db,
        );
        expect(gedaan.rows.map((r) => r.name)).toEqual([...MIGRATION_NAMES]);
        await tweede.close();
        // The first is still open and answers: closing one user of a shared PGlite leaves the others theirs.
        const tabellen = await sql<{ n: number }>`select count(*)::int as n from vdab_index`.execute(
          store.db,
        );
        expect(tabellen.rows[0]?.n).toBe(0);
      },
    );

    it('gives a lease to one holder at a time; the other takes it when it is given back or runs out', async () => {
      const a = new Lease(store.db, 'test-job', 'replica-a', 300);
      const b = new Lease(store.db, 'test-job', 'replica-b', 300);
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      expect(await a.acquire()).toBe(true);
      expect(await b.currentHolder()).toBe('replica-a');
      await a.release();
      expect(await b.acquire()).toBe(true);
      expect(await a.acquire()).toBe(false);
      await wacht(400);
      expect(await a.currentHolder()).toBeNull();
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      await a.release();
    });

    it('fences a write: a transaction that renews the lease holds it until it commits', async () => {
      const a = new Lease(store.db, 'fenced', 'replica-a', 60_000);
      const b = new Lease(store.db, 'fenced', 'replica-b', 60_000);
      expect(await a.acquire()).toBe(true);
      const geschreven = await store.db.transaction().execute(async (trx) => {
        if (!(await a.acquire(trx))) return false;
        await trx
          .insertInto('vdab_index')
          .values({ sleutel: 'x', record: JSON.stringify({ a: 1 }), bevinding: null, versie: 1 })
          .execute();
        return true;
      });
      expect(geschreven).toBe(true);
      const weigert = await store.db.transaction().execute(async (trx) => b.acquire(trx));
      expect(weigert).toBe(false);
      const rij = await store.db
        .selectFrom('vdab_index')
        .selectAll()
        .where('sleutel', '=', 'x')
        .executeTakeFirst();
      expect(rij?.record).toEqual({ a: 1 });
      expect(Number(rij?.versie)).toBe(1);
    });
  });
}

describe('the store on PGlite', () => {
  it(
    'keeps what it wrote across a restart in its data folder',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'duaal-store-'));
      try {
        const eerste = await openStore({ dataDir: dir });
        await eerste.db
          .insertInto('vdab_index')
          .values({ sleutel: '7', record: JSON.stringify({ v: 7 }), bevinding: null, versie: 3 })
          .execute();
        await eerste.close();
        const tweede = await openStore({ dataDir: dir });
        const rij = await tweede.db.selectFrom('vdab_index').selectAll().executeTakeFirst();
        await tweede.close();
        expect(rij).toMatchObject({ sleutel: '7', record: { v: 7 }, bevinding: null });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    START_MS,
  );
});

describe('a stop while the store opens', () => {
  it(
    'an open whose signal aborts gives up at once, and the store it made meanwhile is closed',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'duaal-store-'));
      try {
        const vooraf = new AbortController();
        vooraf.abort();
        await expect(openStore({ dataDir: join(dir, 'a'), signal: vooraf.signal })).rejects.toThrow(/abort/i);
        // Loading a new folder takes seconds: a stop 20 ms into it is answered long before.
        const tijdens = new AbortController();
        const begin = performance.now();
        const open = openStore({ dataDir: join(dir, 'b'), signal: tijdens.signal });
        setTimeout(() => {
          tijdens.abort();
        }, 20);
        await expect(open).rejects.toThrow(/abort/i);
        expect(performance.now() - begin).toBeLessThan(1_000);
        // The open given up goes on behind and is closed when done: the folder is whole for the next open.
        const daarna = await openStore({ dataDir: join(dir, 'b') });
        expect(await daarna.db.selectFrom('vdab_index').selectAll().execute()).toEqual([]);
        await daarna.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    START_MS,
  );
});
