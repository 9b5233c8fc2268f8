import { PartnerError, Snapshot, SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { describe, expect, it } from 'vitest';
import { Erkenningsbestand, sectorBron } from './bestand.ts';
import type { WoodwizeErkenning } from './bronnen/woodwize.ts';
import type { RegisterKennis, SectorLezing } from './model.ts';
import { lezing, REFERENTIEDATUM, REGISTER } from './normaliseer/testdata.ts';
import { normaliseerWoodwize } from './normaliseer/woodwize.ts';
import type { Visibility } from './visibility.ts';

const WW: WoodwizeErkenning = {
  id: 'WW-1',
  kbo: '0403.170.701',
  naam: 'Hout',
  vestiging: { nr: '2.145.678.996', postcode: '8800', nis: '36015' },
  opleiding: 'DS-SWH-3',
  status: 'erkend',
  van: '2024-09-01',
  tot: null,
  mentoren: '1',
};

function opname<T>(bron: 'WOODWIZE' | 'ONDERWIJS' | 'VOLTA', laad: () => Promise<T>) {
  return new Snapshot<T>({ bron, laad, intervalMs: 60_000 });
}

function bestand(
  register: () => Promise<RegisterKennis>,
  woodwize: () => Promise<SectorLezing<WoodwizeErkenning>>,
) {
  const volta = opname<SectorLezing<never>>('VOLTA', () =>
    Promise.reject(new PartnerError('VOLTA', 'DOWN', 'weg')),
  );
  return new Erkenningsbestand(
    [
      sectorBron('WOODWIZE', opname('WOODWIZE', woodwize), normaliseerWoodwize),
      sectorBron('VOLTA', volta, () => {
        throw new Error('nooit: Volta heeft geen kopie');
      }),
    ],
    opname('ONDERWIJS', register),
    () => REFERENTIEDATUM,
  );
}

describe('Erkenningsbestand', () => {
  it('is ready once every source was tried and the register was read, and answers without the source that is down', async () => {
    const b = bestand(
      () => Promise.resolve(REGISTER),
      () => Promise.resolve(lezing([WW])),
    );
    expect(b.gereed()).toBe(false);
    await b.ververs();
    expect(b.gereed()).toBe(true);
    expect(
      b
        .index()
        .ondernemingen.get('0403.170.701')
        ?.erkenningen.map((e) => e.id),
    ).toEqual(['WOODWIZE:WW-1']);
    const bronnen = new SourceUsage();
    b.meld(bronnen);
    expect(bronnen.lijst().map((s) => [s.bron, s.toestand])).toEqual([
      ['VOLTA', 'ONBESCHIKBAAR'],
      ['EDUCAM', 'ONBESCHIKBAAR'],
      ['CONSTRUCTIV', 'ONBESCHIKBAAR'],
      ['MTECH', 'ONBESCHIKBAAR'],
      ['WOODWIZE', 'ACTUEEL'],
      ['ONDERWIJS', 'ACTUEEL'],
    ]);
    expect(bronnen.fouten().map((f) => f.extensions)).toContainEqual({
      code: 'PARTNER_UNAVAILABLE',
      bron: 'VOLTA',
      reden: 'DOWN',
    });
  });

  it('rebuilds the index only when a copy changed', async () => {
    let kopie = lezing([WW]);
    const b = bestand(
      () => Promise.resolve(REGISTER),
      () => Promise.resolve(kopie),
    );
    await b.ververs();
    const eerste = b.index();
    expect(b.index()).toBe(eerste);
    kopie = lezing([WW, { ...WW, id: 'WW-2' }]);
    await b.ververs();
    expect(b.index()).not.toBe(eerste);
    expect(b.index().erkendePlekken.get('DS-SWH-3')).toHaveLength(1);
  });

  it('keeps one view per kind of caller, built once per copy, and gives a caller who sees everything the full index', async () => {
    let kopie = lezing([WW, { ...WW, id: 'WW-2', kbo: '0428.759.497', status: 'geschorst' }]);
    const b = bestand(
      () => Promise.resolve(REGISTER),
      () => Promise.resolve(kopie),
    );
    await b.ververs();
    const openbaar: Visibility = { key: 'openbaar', all: false, sees: (e) => e.status === 'ERKEND' };
    const alles: Visibility = { key: 'alles', all: true, sees: () => true };
    const zicht = b.index(openbaar);
    expect(b.index().ondernemingen.has('0428.759.497')).toBe(true);
    expect(zicht.ondernemingen.has('0428.759.497')).toBe(false);
    expect(b.index({ ...openbaar })).toBe(zicht);
    expect(b.index(alles)).toBe(b.index());
    kopie = lezing([WW]);
    await b.ververs();
    expect(b.index(openbaar)).not.toBe(zicht);
  });

  it('without the register judges nothing: no erkenningen, and the report shows the read as it came', async () => {
    const b = bestand(
      () => Promise.reject(new PartnerError('ONDERWIJS', 'DOWN', 'weg')),
      () => Promise.resolve(lezing([WW])),
    );
    await b.ververs();
    expect(b.gereed()).toBe(false);
    expect(b.index().ondernemingen.size).toBe(0);
    expect(b.rapport('WOODWIZE')).toMatchObject({
      bron: 'WOODWIZE',
      toestand: 'ACTUEEL',
      aantalRecords: 1,
      aantalAfgekeurd: 0,
    });
  });
});
