import { openStore, type Store } from '@duaal-graph/store';
import { scratchDatabase, TEST_DATABASE_URL } from '@duaal-graph/store/test-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bevinding } from '../findings.ts';
import { FindingsLedger } from './ledger.ts';

/** PGlite makes a new cluster at first start: seconds, more on a busy machine. */
const START_MS = 120_000;

const bevinding = (recordId: string, regel = 'ONBEKENDE_OPLEIDING', waarde = 'X'): Bevinding => ({
  bron: 'VOLTA',
  recordId,
  veld: 'opleidingscode',
  regel,
  waarde,
});

const T = (minuut: number) => Date.parse('2026-11-01T06:00:00Z') + minuut * 60_000;
const iso = (minuut: number) => new Date(T(minuut)).toISOString();

const backends = [
  { name: 'PGlite', skip: false },
  { name: 'PostgreSQL (DATABASE_URL)', skip: !TEST_DATABASE_URL },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the findings ledger on ${backend.name}`, () => {
    let store: Store;
    let dir: string | null = null;
    let drop: () => Promise<void> = () => Promise.resolve();
    const open = () =>
      backend.name === 'PGlite'
        ? openStore({ dataDir: dir })
        : openStore({ databaseUrl: urlHolder.url, dataDir: null });
    const urlHolder = { url: '' };

    beforeAll(async () => {
      if (backend.name === 'PGlite') dir = mkdtempSync(join(tmpdir(), 'duaal-ledger-'));
      else {
        const scratch = await scratchDatabase(TEST_DATABASE_URL ?? '');
        urlHolder.url = scratch.url;
        drop = () => scratch.drop();
      }
      store = await open();
    }, START_MS);
    afterAll(async () => {
      await store.close();
      await drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('keeps first and last seen, resolves what a read no longer has, and opens a new one with its own first sighting', async () => {
      const ledger = new FindingsLedger(store.db, 'test');
      await ledger.record('VOLTA', [bevinding('1'), bevinding('2'), bevinding('2')], T(0));
      await ledger.record('VOLTA', [bevinding('1'), bevinding('2', 'ONBEKENDE_OPLEIDING', 'Y')], T(5));
      await ledger.record('VOLTA', [bevinding('2'), bevinding('3')], T(10));
      const alle = await ledger.list(['VOLTA'], { first: 50, opgelost: null });
      expect(alle).toEqual([
        { ...bevinding('3'), eersteKeerGezien: iso(10), laatstGezien: iso(10), opgelost: false },
        { ...bevinding('2'), eersteKeerGezien: iso(0), laatstGezien: iso(10), opgelost: false },
        { ...bevinding('1'), eersteKeerGezien: iso(0), laatstGezien: iso(5), opgelost: true },
      ]);
      expect((await ledger.list(['VOLTA'], { first: 50, opgelost: true })).map((b) => b.recordId)).toEqual([
        '1',
      ]);
      expect((await ledger.list(['VOLTA'], { first: 1, opgelost: false })).map((b) => b.recordId)).toEqual([
        '3',
      ]);
      // The same findings again: only the sighting moves.
      await ledger.record('VOLTA', [bevinding('2'), bevinding('3')], T(15));
      const open = await ledger.list(['VOLTA'], { first: 50, opgelost: false });
      expect(open.map((b) => b.laatstGezien)).toEqual([iso(15), iso(15)]);
      // A resolved one seen again is open again, first seen anew.
      await ledger.record('VOLTA', [bevinding('1'), bevinding('2'), bevinding('3')], T(20));
      const terug = (await ledger.list(['VOLTA'], { first: 50, opgelost: null })).find(
        (b) => b.recordId === '1',
      );
      expect(terug).toMatchObject({ eersteKeerGezien: iso(20), laatstGezien: iso(20), opgelost: false });
    });

    it('a read older than the last sighting moves nothing back and resolves nothing seen after it', async () => {
      const ledger = new FindingsLedger(store.db, 'test');
      await ledger.record('EDUCAM', [bevinding('a'), bevinding('b')], T(10));
      await ledger.record('EDUCAM', [bevinding('a')], T(5));
      const alle = await ledger.list(['EDUCAM'], { first: 50, opgelost: null });
      expect(alle.map((b) => [b.recordId, b.eersteKeerGezien, b.laatstGezien, b.opgelost])).toEqual([
        ['b', iso(10), iso(10), false],
        ['a', iso(5), iso(10), false],
      ]);
    });

    it(
      'keeps services and scopes apart, and keeps everything across a restart',
      async () => {
        const eerste = new FindingsLedger(store.db, 'erkenningen');
        const ander = new FindingsLedger(store.db, 'vacatures');
        await eerste.record('MTECH', [bevinding('m')], T(0));
        await ander.record('MTECH', [], T(1));
        expect(await eerste.list(['MTECH'], { first: 50, opgelost: false })).toHaveLength(1);
        expect(await ander.list(['MTECH'], { first: 50, opgelost: null })).toEqual([]);
        await store.close();
        store = await open();
        const opnieuw = new FindingsLedger(store.db, 'erkenningen');
        expect(await opnieuw.list(['MTECH'], { first: 50, opgelost: null })).toEqual([
          { ...bevinding('m'), eersteKeerGezien: iso(0), laatstGezien: iso(0), opgelost: false },
        ]);
        // After a restart the first read writes in full; an unchanged finding keeps its first sighting.
        await opnieuw.record('MTECH', [bevinding('m')], T(30));
        expect(await opnieuw.list(['MTECH'], { first: 50, opgelost: null })).toEqual([
          { ...bevinding('m'), eersteKeerGezien: iso(0), laatstGezien: iso(30), opgelost: false },
        ]);
      },
      START_MS,
    );

    it(
      'records thousands of findings of one read in batches',
      async () => {
        const ledger = new FindingsLedger(store.db, 'test');
        const veel = Array.from({ length: 2_300 }, (_, i) => bevinding(String(i)));
        await ledger.record('WOODWIZE', veel, T(0));
        await ledger.record('WOODWIZE', veel.slice(100), T(1));
        expect(await ledger.list(['WOODWIZE'], { first: 5_000, opgelost: false })).toHaveLength(2_200);
        expect(await ledger.list(['WOODWIZE'], { first: 5_000, opgelost: true })).toHaveLength(100);
      },
      START_MS,
    );
  });
}
