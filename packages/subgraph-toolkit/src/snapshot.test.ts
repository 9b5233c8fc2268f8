import { afterEach, describe, expect, it, vi } from 'vitest';
import { Snapshot } from './snapshot.ts';
import { PartnerError } from './partner-client.ts';

describe('Snapshot', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is ONBESCHIKBAAR before any copy, ACTUEEL after a read, VEROUDERD when a refresh fails', async () => {
    let beurt = 0;
    const m = new Snapshot<number>({
      bron: 'VOLTA',
      intervalMs: 60_000,
      laad: () => {
        beurt += 1;
        if (beurt === 2) return Promise.reject(new PartnerError('VOLTA', 'TIMEOUT', 'traag'));
        return Promise.resolve(beurt);
      },
    });
    expect(m.status()).toMatchObject({ toestand: 'ONBESCHIKBAAR', bijgewerktOp: null });
    await m.ververs();
    expect(m.data).toBe(1);
    expect(m.status().toestand).toBe('ACTUEEL');
    const eerst = m.status().bijgewerktOp;
    await m.ververs();
    expect(m.data).toBe(1);
    expect(m.status()).toEqual({
      bron: 'VOLTA',
      toestand: 'VEROUDERD',
      reden: 'TIMEOUT',
      bijgewerktOp: eerst,
    });
    expect(m.reden()).toBe('TIMEOUT');
    await m.ververs();
    expect(m.status().toestand).toBe('ACTUEEL');
  });

  it('ages: VEROUDERD once its last success is older than two intervals and a minute, also while a read hangs', async () => {
    let nu = 1_000_000;
    const hangend: { los?: () => void } = {};
    let beurt = 0;
    const m = new Snapshot<number>({
      bron: 'WOODWIZE',
      intervalMs: 10_000,
      nu: () => nu,
      laad: () => {
        beurt += 1;
        if (beurt === 1) return Promise.resolve(beurt);
        return new Promise<number>((resolve) => {
          hangend.los = () => {
            resolve(beurt);
          };
        });
      },
    });
    await m.ververs();
    const eerst = m.status().bijgewerktOp;
    const bezig = m.ververs();
    nu += 2 * 10_000 + 60_000 - 1;
    expect(m.status().toestand).toBe('ACTUEEL');
    nu += 1;
    expect(m.status()).toEqual({
      bron: 'WOODWIZE',
      toestand: 'VEROUDERD',
      reden: 'TIMEOUT',
      bijgewerktOp: eerst,
    });
    expect(m.data).toBe(1);
    hangend.los?.();
    await bezig;
    expect(m.status()).toMatchObject({ toestand: 'ACTUEEL', bijgewerktOp: new Date(nu).toISOString() });
    expect(m.status().reden).toBeUndefined();
  });

  it('shares one read between concurrent callers', async () => {
    const laad = vi.fn(() => Promise.resolve('kopie'));
    const m = new Snapshot<string>({ bron: 'EDUCAM', intervalMs: 60_000, laad });
    await Promise.all([m.ververs(), m.ververs(), m.ververs()]);
    expect(laad).toHaveBeenCalledTimes(1);
  });

  it('tries again soon while it has no copy, so a partner that starts later is picked up', async () => {
    vi.useFakeTimers();
    let beschikbaar = false;
    const m = new Snapshot<string>({
      bron: 'MTECH',
      intervalMs: 300_000,
      eersteHerhalingMs: 1_000,
      laad: () =>
        beschikbaar ? Promise.resolve('kopie') : Promise.reject(new PartnerError('MTECH', 'DOWN', 'weg')),
    });
    await m.start();
    expect(m.status().toestand).toBe('ONBESCHIKBAAR');
    beschikbaar = true;
    await vi.advanceTimersByTimeAsync(2_500);
    expect(m.data).toBe('kopie');
    m.stop();
  });

  it('keeps its version (and its copy) when a read brings the same data again, and counts one that brings other data', async () => {
    const partner = { records: [{ id: 'A', status: 'ERKEND' }] };
    const m = new Snapshot<{ records: { id: string; status: string }[] }>({
      bron: 'VOLTA',
      intervalMs: 60_000,
      // Every read builds new objects, as a partner read does.
      laad: () => Promise.resolve(structuredClone(partner)),
    });
    await m.ververs();
    const eerste = m.data;
    const versie = m.versie;
    expect(versie).not.toBe('');
    await m.ververs();
    expect(m.versie).toBe(versie);
    expect(m.data).toBe(eerste);
    partner.records[0] = { id: 'A', status: 'INGETROKKEN' };
    await m.ververs();
    expect(m.versie).not.toBe(versie);
    expect(m.data?.records[0]?.status).toBe('INGETROKKEN');
  });

  it('reports the same version as another copy of the same data (a replica, or itself restarted)', async () => {
    const partner = { records: [{ id: 'A', status: 'ERKEND' }] };
    const replica = () =>
      new Snapshot<{ records: { id: string; status: string }[] }>({
        bron: 'VOLTA',
        intervalMs: 60_000,
        laad: () => Promise.resolve(structuredClone(partner)),
      });
    const [a, b] = [replica(), replica()];
    await a.ververs();
    await a.ververs();
    await b.ververs();
    expect(b.versie).toBe(a.versie);
    partner.records.push({ id: 'B', status: 'ERKEND' });
    await b.ververs();
    expect(b.versie).not.toBe(a.versie);
    await a.ververs();
    expect(a.versie).toBe(b.versie);
  });
});
