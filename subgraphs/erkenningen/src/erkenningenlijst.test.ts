import { describe, expect, it } from 'vitest';
import {
  bytevolgorde,
  controleerVenster,
  dagenTotVerval,
  geldig,
  opVerval,
  selecteer,
  type Voorwaarden,
} from './erkenningenlijst.ts';
import { bouwErkenningsIndex } from './erkenningsindex.ts';
import type { Erkenning, Plaats } from './model.ts';

const REF = '2026-11-01';
const KORTRIJK: Plaats = {
  straatnaam: null,
  huisnummer: null,
  postcode: '8500',
  nisCode: '34022',
  regioCode: 'ZUID_WEST_VLAANDEREN',
};

let teller = 0;
function erkenning(over: Partial<Erkenning> = {}): Erkenning {
  teller += 1;
  return {
    id: `VOLTA:${String(teller).padStart(3, '0')}`,
    sector: 'VOLTA',
    recordId: String(teller),
    ondernemingsnummer: '0403.170.701',
    naam: null,
    vestigingsnummer: '2.145.678.996',
    plaats: KORTRIJK,
    opleidingscode: 'DS-ELT-3',
    status: 'ERKEND',
    geldigVan: '2023-09-01',
    geldigTot: null,
    aantalMentoren: null,
    ...over,
  };
}

const GEEN: Voorwaarden = {
  sector: null,
  status: null,
  geldig: null,
  vervaltVanaf: null,
  vervaltTot: null,
  regioCode: null,
  nisCode: null,
  opleidingscode: null,
};

describe('geldig and dagenTotVerval', () => {
  it.each([
    ['ERKEND', '2026-01-01', '2026-11-01', true, 0],
    ['ERKEND', '2026-11-01', '2026-11-02', true, 1],
    ['ERKEND', '2026-01-01', '2026-10-31', false, -1],
    ['ERKEND', '2026-11-02', '2027-11-02', false, 366],
    ['GESCHORST', '2026-01-01', '2027-01-01', false, 61],
  ] as const)('%s from %s to %s: geldig %s, %i days', (status, geldigVan, geldigTot, verwacht, dagen) => {
    const e = erkenning({ status, geldigVan, geldigTot });
    expect(geldig(e, REF)).toBe(verwacht);
    expect(dagenTotVerval(e, REF)).toBe(dagen);
  });

  it('is open-ended: valid once started, no days to expiry', () => {
    expect(geldig(erkenning(), REF)).toBe(true);
    expect(dagenTotVerval(erkenning(), REF)).toBeNull();
  });
});

describe('the root list of erkenningen', () => {
  it('orders by geldigTot ascending, open-ended last, then id in byte order', () => {
    const lijst = [
      erkenning({ id: 'VOLTA:b', geldigTot: null }),
      erkenning({ id: 'VOLTA:z', geldigTot: '2026-12-01' }),
      erkenning({ id: 'VOLTA:a', geldigTot: null }),
      erkenning({ id: 'VOLTA:B', geldigTot: '2026-12-01' }),
      erkenning({ id: 'EDUCAM:x', geldigTot: '2026-11-05' }),
    ].sort(opVerval);
    expect(lijst.map((e) => e.id)).toEqual(['EDUCAM:x', 'VOLTA:B', 'VOLTA:z', 'VOLTA:a', 'VOLTA:b']);
    // Byte order, not UTF-16 order: U+FF5E sorts before U+1F600 in UTF-8 bytes, after it in UTF-16 units.
    expect(bytevolgorde('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect(['\u{1f600}', '\uff5e'].sort()).toEqual(['\u{1f600}', '\uff5e']);
  });

  it('bounds geldigTot inclusively and leaves open-ended ones out of a window', () => {
    const index = bouwErkenningsIndex(
      [
        {
          sector: 'VOLTA',
          erkenningen: [
            erkenning({ id: 'VOLTA:1', geldigTot: '2026-10-31' }),
            erkenning({ id: 'VOLTA:2', geldigTot: '2026-11-01' }),
            erkenning({ id: 'VOLTA:3', geldigTot: '2027-04-30' }),
            erkenning({ id: 'VOLTA:4', geldigTot: '2027-05-01' }),
            erkenning({ id: 'VOLTA:5', geldigTot: null }),
            erkenning({ id: 'VOLTA:6', geldigTot: '2027-01-01', status: 'GESCHORST' }),
            erkenning({ id: 'VOLTA:7', geldigTot: '2027-01-01', plaats: null, vestigingsnummer: null }),
          ],
          kwaliteit: { aantalRecords: 7, aantalAfgekeurd: 0, bevindingen: [] },
        },
      ],
      REF,
    );
    const ids = (v: Partial<Voorwaarden>) => selecteer(index, { ...GEEN, ...v }).map((e) => e.id);
    expect(ids({ vervaltVanaf: '2026-11-01', vervaltTot: '2027-04-30' })).toEqual([
      'VOLTA:2',
      'VOLTA:6',
      'VOLTA:7',
      'VOLTA:3',
    ]);
    expect(ids({ vervaltTot: '2026-11-01' })).toEqual(['VOLTA:1', 'VOLTA:2']);
    expect(ids({ vervaltVanaf: '2027-05-01' })).toEqual(['VOLTA:4']);
    expect(ids({ geldig: false })).toEqual(['VOLTA:1', 'VOLTA:6']);
    expect(ids({ status: 'GESCHORST' })).toEqual(['VOLTA:6']);
    expect(ids({ nisCode: '34022', vervaltTot: '2027-01-01' })).toEqual(['VOLTA:1', 'VOLTA:2', 'VOLTA:6']);
    expect(ids({ regioCode: 'MIDWEST' })).toEqual([]);
    expect(ids({})).toHaveLength(7);
  });

  it('refuses a window that ends before it starts, naming vervaltTot', () => {
    expect(() => {
      controleerVenster('2027-01-01', '2026-12-31');
    }).toThrow(/vervaltTot/);
    expect(() => {
      controleerVenster('2027-01-01', '2027-01-01');
    }).not.toThrow();
  });
});
