import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lease, openStore, type Store } from '@duaal-graph/store';
import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IndexOpslag } from './opslag.ts';
import { OUDE_SNAPSHOT, OVERGEZET } from './oude-snapshot.ts';
import { MAX_VENSTER_MS } from './synchronisatie-opties.ts';
import { Vacaturebestand } from './synchronisatie.ts';
import { vdabRecord } from './testdata.ts';
import type { Wijziging } from './vdab/client.ts';

const UUR = 3_600_000;
const START = Date.parse('2026-11-01T10:00:00Z');
const OVERLAP = 5_000;

/** A VDAB without HTTP: what `initial` and `bulk` answer is set per test, and every window asked is kept. */
function nepVdab(opties: { gepubliceerd?: () => number } = {}) {
  let tijd = START;
  const vensters: [number, number][] = [];
  const nep = {
    initialGelezen: 0,
    vensters,
    records: [vdabRecord(1), vdabRecord(2), vdabRecord(3)],
    /** What bulk reports per window; a function may fail a window. */
    bulk: (_van: number, _tot: number): Wijziging[] => [],
    nu: () => tijd,
    vooruit: (ms: number) => {
      tijd += ms;
    },
    /** What the client reports holding it, as the partner client does while it waits out 429s. */
    currentFailure: null as { reden: 'RATE_LIMITED'; since: number } | null,
    client: {
      get currentFailure() {
        return nep.currentFailure;
      },
      initial: () => {
        nep.initialGelezen += 1;
        return Promise.resolve({ totaal: nep.records.length, records: [...nep.records], bevindingen: [] });
      },
      bulk: (van: number, tot: number) => {
        vensters.push([van, tot]);
        try {
          return Promise.resolve({ records: nep.bulk(van, tot), bevindingen: [] });
        } catch (fout) {
          return Promise.reject(fout instanceof Error ? fout : new Error(String(fout)));
        }
      },
      aantalGepubliceerd: () => Promise.resolve(opties.gepubliceerd?.() ?? nep.records.length),
    },
  };
  return nep;
}

const mappen: string[] = [];
function map(): string {
  const m = mkdtempSync(join(tmpdir(), 'vacatures-test-'));
  mappen.push(m);
  return m;
}

/** One PGlite in memory for the file; every test starts on an empty store. */
let store: Store;

function bestand(
  nep: ReturnType<typeof nepVdab>,
  opslag: IndexOpslag | null,
  extra: { vdabUrl?: string; lease?: Lease; oudeMap?: string; intervalMs?: number } = {},
) {
  return new Vacaturebestand({
    client: nep.client,
    vdabUrl: extra.vdabUrl ?? 'http://vdab.test/vdab',
    opslag,
    lease: extra.lease ?? null,
    oudeMap: extra.oudeMap ?? null,
    intervalMs: extra.intervalMs ?? 60_000,
    overlapMs: OVERLAP,
    nu: nep.nu,
  });
}

describe('Vacaturebestand', () => {
  beforeAll(async () => {
    store = await openStore({ dataDir: null });
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });
  afterEach(async () => {
    for (const m of mappen.splice(0)) rmSync(m, { recursive: true, force: true });
    await store.db.deleteFrom('vdab_index').execute();
    await store.db.deleteFrom('vdab_index_stand').execute();
    await store.db.deleteFrom('lease').execute();
  });

  it('ages: VEROUDERD once the last window applied is older than two intervals and a minute, ACTUEEL after a sync', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    await b.synchroniseer();
    expect(b.status()).toEqual({
      bron: 'VDAB',
      toestand: 'ACTUEEL',
      bijgewerktOp: new Date(START).toISOString(),
    });
    nep.vooruit(2 * 60_000 + 60_000 - 1);
    expect(b.status().toestand).toBe('ACTUEEL');
    nep.vooruit(1);
    expect(b.status()).toMatchObject({ toestand: 'VEROUDERD', reden: 'ERROR' });
    await b.synchroniseer();
    expect(b.status()).toEqual({
      bron: 'VDAB',
      toestand: 'ACTUEEL',
      bijgewerktOp: new Date(START + 3 * 60_000).toISOString(),
    });
  });

  it('loads initial once, then applies bulk windows from where the read started; a change reported twice is applied once', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    expect(b.status().toestand).toBe('ONBESCHIKBAAR');
    await b.synchroniseer();
    expect(b.index?.aantal).toBe(3);
    expect(b.venstereinde).toBe(START);

    const gewijzigd = vdabRecord(2, { aantalPosten: 4 });
    nep.bulk = () => [
      { soort: 'GEWIJZIGD', ref: 2, vacature: gewijzigd },
      { soort: 'GEWIJZIGD', ref: 2, vacature: gewijzigd },
      { soort: 'NIEUW', ref: 9, vacature: vdabRecord(9) },
      { soort: 'VERWIJDERD', ref: 1 },
    ];
    nep.vooruit(60_000);
    await b.synchroniseer();
    await b.synchroniseer();
    expect(nep.initialGelezen).toBe(1);
    expect(nep.vensters).toEqual([
      [START - OVERLAP, START + 60_000],
      [START + 60_000 - OVERLAP, START + 60_000],
    ]);
    const index = b.index?.afgeleid();
    expect([...(index?.perId.keys() ?? [])].sort()).toEqual(['2', '3', '9']);
    expect(index?.perId.get('2')?.aantalPosten).toBe(4);
    expect(b.status()).toEqual({
      bron: 'VDAB',
      toestand: 'ACTUEEL',
      bijgewerktOp: new Date(START + 60_000).toISOString(),
    });
  });

  it('changes its version when a sync changes vacatures, not when a window brings nothing new', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    await b.synchroniseer();
    const na = b.versie;
    expect(na).not.toBe('');
    nep.vooruit(60_000);
    await b.synchroniseer();
    // Later window end, same vacatures: the same version, so the gateway keeps what it made from them.
    expect(b.versie).toBe(na);
    expect(b.venstereinde).toBe(START + 60_000);
    nep.bulk = () => [{ soort: 'NIEUW', ref: 9, vacature: vdabRecord(9) }];
    nep.vooruit(60_000);
    await b.synchroniseer();
    expect(b.versie).not.toBe(na);
  });

  it('splits a long absence into windows of at most 24 hours, none skipped', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    await b.synchroniseer();
    nep.vooruit(50 * UUR);
    await b.synchroniseer();
    expect(nep.vensters).toEqual([
      [START - OVERLAP, START - OVERLAP + MAX_VENSTER_MS],
      [START - OVERLAP + MAX_VENSTER_MS, START - OVERLAP + 2 * MAX_VENSTER_MS],
      [START - OVERLAP + 2 * MAX_VENSTER_MS, START + 50 * UUR],
    ]);
    for (const [van, tot] of nep.vensters) expect(tot - van).toBeLessThanOrEqual(MAX_VENSTER_MS);
  });

  it('keeps the window end of the last window applied across a failed sync, and answers VEROUDERD meanwhile', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    await b.synchroniseer();
    // The second of three windows fails: the first stays applied, the sync stops there.
    nep.bulk = (van) => {
      if (van > START) throw new PartnerError('VDAB', 'DOWN', 'weg');
      return [{ soort: 'NIEUW', ref: 7, vacature: vdabRecord(7) }];
    };
    nep.vooruit(30 * UUR);
    await b.synchroniseer();
    const eersteEinde = START - OVERLAP + MAX_VENSTER_MS;
    expect(b.venstereinde).toBe(eersteEinde);
    expect(b.status()).toMatchObject({
      toestand: 'VEROUDERD',
      bijgewerktOp: new Date(eersteEinde).toISOString(),
    });
    expect(b.reden()).toBe('DOWN');
    expect(b.index?.afgeleid().perId.has('7')).toBe(true);

    nep.bulk = () => [];
    nep.vensters.length = 0;
    await b.synchroniseer();
    expect(nep.vensters).toEqual([[eersteEinde - OVERLAP, START + 30 * UUR]]);
    expect(b.status().toestand).toBe('ACTUEEL');
  });

  it('restarts from the store: no second initial, bulk from where it stopped', async () => {
    const opslag = new IndexOpslag(store.db);
    const nep = nepVdab();
    const eerste = bestand(nep, opslag);
    await eerste.start();
    nep.bulk = () => [{ soort: 'NIEUW', ref: 4, vacature: vdabRecord(4) }];
    nep.records.push(vdabRecord(4));
    nep.vooruit(60_000);
    await eerste.synchroniseer();
    await eerste.stop();

    nep.vooruit(5 * 60_000);
    nep.vensters.length = 0;
    nep.bulk = () => [{ soort: 'VERWIJDERD', ref: 3 }];
    nep.records.splice(2, 1);
    const tweede = bestand(nep, opslag);
    await tweede.start();
    await tweede.stop();
    expect(nep.initialGelezen).toBe(1);
    expect(nep.vensters).toEqual([[START + 60_000 - OVERLAP, START + 6 * 60_000]]);
    expect([...(tweede.index?.afgeleid().perId.keys() ?? [])].sort()).toEqual(['1', '2', '4']);
    expect(tweede.status().toestand).toBe('ACTUEEL');

    // The removal is in the store too: a third start holds what the second left.
    const derde = bestand(nep, opslag);
    await derde.start();
    await derde.stop();
    expect([...(derde.index?.afgeleid().perId.keys() ?? [])].sort()).toEqual(['1', '2', '4']);
    expect(nep.initialGelezen).toBe(1);
  });

  it('reads initial anew when the store does not add up to what VDAB publishes, or belongs to another VDAB', async () => {
    const opslag = new IndexOpslag(store.db);
    const nep = nepVdab();
    const eerste = bestand(nep, opslag);
    await eerste.start();
    await eerste.stop();

    const anderAantal = nepVdab({ gepubliceerd: () => 3_000 });
    const tweede = bestand(anderAantal, opslag);
    await tweede.start();
    await tweede.stop();
    expect(anderAantal.initialGelezen).toBe(1);

    const andereVdab = nepVdab();
    const derde = bestand(andereVdab, opslag, { vdabUrl: 'http://elders.test/vdab' });
    await derde.start();
    await derde.stop();
    expect(andereVdab.initialGelezen).toBe(1);
  });

  it('moves an old JSON snapshot into the store once, and never reads it again', async () => {
    const oudeMap = map();
    const records = [vdabRecord(11), vdabRecord(12)];
    writeFileSync(
      join(oudeMap, OUDE_SNAPSHOT),
      JSON.stringify({ versie: 1, vdabUrl: 'http://vdab.test/vdab', tot: START, records, afgekeurd: [] }),
    );
    const opslag = new IndexOpslag(store.db);
    const nep = nepVdab();
    nep.records = records;
    const eerste = bestand(nep, opslag, { oudeMap });
    await eerste.start();
    await eerste.stop();
    expect(nep.initialGelezen).toBe(0);
    expect(existsSync(join(oudeMap, OUDE_SNAPSHOT))).toBe(false);
    expect(existsSync(join(oudeMap, OVERGEZET))).toBe(true);

    const tweede = bestand(nep, opslag, { oudeMap });
    await tweede.start();
    await tweede.stop();
    expect(nep.initialGelezen).toBe(0);
    expect([...(tweede.index?.afgeleid().perId.keys() ?? [])].sort()).toEqual(['11', '12']);
  });

  it('syncs on one replica of two: the other answers from the store, and takes over when the first stops', async () => {
    const opslag = new IndexOpslag(store.db);
    const nep = nepVdab();
    const a = bestand(nep, opslag, { lease: new Lease(store.db, 'vdab-sync', 'a', 2_000), intervalMs: 100 });
    const b = bestand(nep, opslag, { lease: new Lease(store.db, 'vdab-sync', 'b', 2_000), intervalMs: 100 });
    await a.start();
    await b.start();
    expect(a.synchroniseert).toBe(true);
    expect(b.synchroniseert).toBe(false);
    expect(nep.initialGelezen).toBe(1);
    expect(b.index?.aantal).toBe(3);

    const vensters = nep.vensters.length;
    nep.bulk = () => [{ soort: 'NIEUW', ref: 5, vacature: vdabRecord(5) }];
    nep.vooruit(1_000);
    await vi.waitFor(() => {
      expect(b.index?.afgeleid().perId.has('5')).toBe(true);
    }, 10_000);
    expect(nep.vensters.length).toBeGreaterThan(vensters);
    expect(b.synchroniseert).toBe(false);
    // Same vacatures, same version on both (the store's), so a gateway probing either keeps its answers;
    // and so does a replica started anew from the store.
    await vi.waitFor(() => {
      expect(b.versie).toBe(a.versie);
    }, 10_000);
    expect(a.versie).toMatch(/^s\d+\.\d+$/);
    const c = bestand(nep, opslag, { lease: new Lease(store.db, 'vdab-sync', 'c', 2_000), intervalMs: 100 });
    await c.start();
    expect(c.versie).toBe(a.versie);
    await c.stop();

    await a.stop();
    nep.bulk = () => [{ soort: 'VERWIJDERD', ref: 1 }];
    nep.vooruit(1_000);
    await vi.waitFor(() => {
      expect(b.synchroniseert).toBe(true);
      expect(b.index?.afgeleid().perId.has('1')).toBe(false);
    }, 10_000);
    await b.stop();
    expect(nep.initialGelezen).toBe(1);
  });

  it('has no copy and is ONBESCHIKBAAR while initial fails, and keeps trying', async () => {
    const nep = nepVdab();
    nep.client.initial = () => Promise.reject(new PartnerError('VDAB', 'RATE_LIMITED', 'te veel'));
    const b = bestand(nep, null);
    await b.synchroniseer();
    expect(b.index).toBeUndefined();
    expect(b.status()).toEqual({
      bron: 'VDAB',
      toestand: 'ONBESCHIKBAAR',
      reden: 'RATE_LIMITED',
      bijgewerktOp: null,
    });
    expect(b.reden()).toBe('RATE_LIMITED');
    expect(b.geprobeerd).toBe(true);
  });

  it('reports what a sync under way waits on (RATE_LIMITED, since when), and nothing once it is done', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    let los: () => void = () => undefined;
    const gehouden = new Promise<void>((klaar) => {
      los = klaar;
    });
    let begonnen: () => void = () => undefined;
    const bezig = new Promise<void>((klaar) => {
      begonnen = klaar;
    });
    const initial = nep.client.initial;
    nep.client.initial = async () => {
      nep.currentFailure = { reden: 'RATE_LIMITED', since: START };
      begonnen();
      await gehouden;
      nep.currentFailure = null;
      return initial();
    };
    expect(b.waitingOn()).toBeNull();
    const sync = b.synchroniseer();
    await bezig;
    expect(b.waitingOn()).toEqual({ reden: 'RATE_LIMITED', since: '2026-11-01T10:00:00.000Z' });
    los();
    await sync;
    expect(b.waitingOn()).toBeNull();
    expect(b.status().toestand).toBe('ACTUEEL');
  });

  it('is VEROUDERD with reden RATE_LIMITED once a sync waiting out 429s has let the copy age, ACTUEEL when it completes', async () => {
    const nep = nepVdab();
    const b = bestand(nep, null);
    await b.synchroniseer();
    let los: () => void = () => undefined;
    const gehouden = new Promise<void>((klaar) => {
      los = klaar;
    });
    let begonnen: () => void = () => undefined;
    const bezig = new Promise<void>((klaar) => {
      begonnen = klaar;
    });
    const bulk = nep.client.bulk;
    nep.client.bulk = async (van: number, tot: number) => {
      nep.currentFailure = { reden: 'RATE_LIMITED', since: nep.nu() };
      begonnen();
      await gehouden;
      nep.currentFailure = null;
      return bulk(van, tot);
    };
    nep.vooruit(60_000);
    const sync = b.synchroniseer();
    await bezig;
    expect(b.status().toestand).toBe('ACTUEEL');
    nep.vooruit(2 * 60_000);
    expect(b.status()).toEqual({
      bron: 'VDAB',
      toestand: 'VEROUDERD',
      reden: 'RATE_LIMITED',
      bijgewerktOp: new Date(START).toISOString(),
    });
    los();
    await sync;
    expect(b.status()).toMatchObject({ toestand: 'ACTUEEL' });
  });
});
