import { openStore, type Store } from '@duaal-graph/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeilingOpslag, type PeilingDeel } from './opslag.ts';

/** PGlite starts in seconds, slower on a loaded machine. */
const START_MS = 120_000;

const deel = (provincie: string, n: number): PeilingDeel => ({
  provincie,
  soort: 'REGIO',
  rijen: [{ id: `R|${String(n)}`, opleidingscode: String(n), aantalErkendeLeerwerkplekken: n }],
});

describe('the measurements in the store (PGlite in memory)', () => {
  let store: Store;
  let opslag: PeilingOpslag;

  beforeAll(async () => {
    store = await openStore({ dataDir: null });
    opslag = new PeilingOpslag(store.db);
  }, START_MS);

  afterAll(async () => {
    await store.close();
  });

  it('retention: ruimOp removes the measurements before the limit, their parts with them, and keeps the rest', async () => {
    for (const [op, n] of [
      ['2025-01-01', 1],
      ['2025-06-30', 2],
      ['2025-07-01', 3],
      ['2026-01-01', 4],
    ] as const)
      await opslag.bewaar({ op, genomenOp: new Date(), gereconstrueerd: false }, [deel('ANTWERPEN', n)]);
    expect(await opslag.ruimOp('2025-07-01')).toBe(2);
    expect((await opslag.lijst()).map((p) => p.op)).toEqual(['2025-07-01', '2026-01-01']);
    expect(await opslag.rijen('2025-06-30', 'ANTWERPEN', 'REGIO')).toEqual([]);
    expect(await opslag.rijen('2025-07-01', 'ANTWERPEN', 'REGIO')).toEqual(deel('ANTWERPEN', 3).rijen);
    const resten = await store.db
      .selectFrom('peiling_deel')
      .select('op')
      .where('op', '<', '2025-07-01')
      .execute();
    expect(resten).toEqual([]);
    expect(await opslag.ruimOp('2025-07-01')).toBe(0);
    await opslag.ruimOp('9999-12-31');
  });

  it('a reconstruction never overwrites a real measurement, replaces its own and removes those of other dates', async () => {
    const echt = { op: '2026-03-01', genomenOp: new Date('2026-03-01T05:00:00Z'), gereconstrueerd: false };
    await opslag.bewaar(echt, [deel('ANTWERPEN', 9)]);
    const eerste = new Date('2026-04-01T05:00:00Z');
    const perDatum = (n: number) =>
      new Map([
        ['2026-01-01', [deel('ANTWERPEN', n)]],
        ['2026-02-01', [deel('ANTWERPEN', n + 1)]],
        ['2026-03-01', [deel('ANTWERPEN', n + 2)]],
      ]);
    expect(await opslag.bewaarReconstructie(eerste, 'ANTWERPEN', perDatum(10))).toEqual([
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(await opslag.lijst()).toEqual([
      { op: '2026-01-01', genomenOp: eerste, gereconstrueerd: true },
      { op: '2026-02-01', genomenOp: eerste, gereconstrueerd: true },
      echt,
    ]);
    expect(await opslag.rijen('2026-03-01', 'ANTWERPEN', 'REGIO')).toEqual(deel('ANTWERPEN', 9).rijen);

    // Made again: the same dates get the new counts; another provincie adds its parts beside.
    const tweede = new Date('2026-04-02T05:00:00Z');
    await opslag.bewaarReconstructie(tweede, 'ANTWERPEN', perDatum(20));
    await opslag.bewaarReconstructie(tweede, 'LIMBURG', new Map([['2026-02-01', [deel('LIMBURG', 5)]]]));
    expect(await opslag.rijen('2026-01-01', 'ANTWERPEN', 'REGIO')).toEqual(deel('ANTWERPEN', 20).rijen);
    expect(await opslag.rijen('2026-02-01', 'LIMBURG', 'REGIO')).toEqual(deel('LIMBURG', 5).rijen);
    expect((await opslag.laatsteOpOfVoor('2026-02-15'))?.genomenOp).toEqual(tweede);

    // Only 2026-02-01 is still wanted: the other reconstruction goes, the real measurement stays.
    expect(await opslag.ruimReconstructieOp(['2026-02-01'])).toBe(1);
    expect((await opslag.lijst()).map((p) => [p.op, p.gereconstrueerd])).toEqual([
      ['2026-02-01', true],
      ['2026-03-01', false],
    ]);
    expect(await opslag.ruimReconstructieOp([])).toBe(1);
    expect(await opslag.lijst()).toEqual([echt]);
  });
});
