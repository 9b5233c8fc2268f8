import { describe, expect, it } from 'vitest';
import { bouwErkenningsIndex } from './erkenningsindex.ts';
import { kandidaten, plaatsenVanOnderneming, sectorenVanOnderneming } from './kandidaten.ts';
import type { Erkenning, Plaats, Sector } from './model.ts';

const REF = '2026-11-01';
const plaats = (nisCode: string): Plaats => ({
  straatnaam: null,
  huisnummer: null,
  postcode: '8500',
  nisCode,
  regioCode: 'ZUID_WEST_VLAANDEREN',
});

let teller = 0;
function erkenning(over: Partial<Erkenning>): Erkenning {
  teller += 1;
  return {
    id: `VOLTA:${teller}`,
    sector: 'VOLTA',
    recordId: String(teller),
    ondernemingsnummer: '0403.170.701',
    naam: 'Elektro Vandenberghe',
    vestigingsnummer: '2.145.678.996',
    plaats: plaats('34022'),
    opleidingscode: 'DS-ELT-3',
    status: 'ERKEND',
    geldigVan: '2023-09-01',
    geldigTot: null,
    aantalMentoren: 1,
    ...over,
  };
}

function onderneming(erkenningen: Erkenning[]) {
  const index = bouwErkenningsIndex(
    [{ sector: 'VOLTA', erkenningen, kwaliteit: { aantalRecords: 0, aantalAfgekeurd: 0, bevindingen: [] } }],
    REF,
  );
  const o = index.ondernemingen.get('0403.170.701');
  if (!o) throw new Error('no onderneming');
  return { o, index };
}

const BRONNEN = new Map<string, readonly Sector[]>([
  ['DS-ELT-3', ['VOLTA']],
  ['DS-ELT-4', ['VOLTA', 'MTECH']],
  ['DS-AUT-3', ['EDUCAM']],
  ['DS-HOUT-3', ['WOODWIZE']],
]);

describe('kandidaat-opleidingen', () => {
  it('takes the sectors of every erkenning, whatever its status, and more sources joined in', () => {
    const { o } = onderneming([
      erkenning({ sector: 'WOODWIZE', status: 'INGETROKKEN', opleidingscode: 'DS-HOUT-3' }),
      erkenning({}),
    ]);
    expect(sectorenVanOnderneming(o)).toEqual(['VOLTA', 'WOODWIZE']);
    expect(sectorenVanOnderneming(o, ['EDUCAM'])).toEqual(['VOLTA', 'EDUCAM', 'WOODWIZE']);
  });

  it('lists the opleidingen of those sectors it holds no geldig erkenning for', () => {
    const { o } = onderneming([
      erkenning({}),
      // Expired: DS-ELT-4 is a candidate again.
      erkenning({ opleidingscode: 'DS-ELT-4', geldigTot: '2026-10-31' }),
    ]);
    expect(kandidaten(o, sectorenVanOnderneming(o), BRONNEN, REF)).toEqual([
      { opleidingscode: 'DS-ELT-4', sectoren: ['VOLTA', 'MTECH'] },
    ]);
    expect(kandidaten(o, ['VOLTA', 'EDUCAM'], BRONNEN, REF).map((k) => k.opleidingscode)).toEqual([
      'DS-AUT-3',
      'DS-ELT-4',
    ]);
  });

  it('places a company at its vestigingen, or at its seat where it has none', () => {
    const twee = onderneming([
      erkenning({}),
      erkenning({ vestigingsnummer: '2.147.812.701', plaats: plaats('36015') }),
    ]);
    expect(plaatsenVanOnderneming(twee.o, twee.index)).toEqual(['34022', '36015']);
    const zonder = onderneming([erkenning({ vestigingsnummer: null, plaats: plaats('31005') })]);
    expect(plaatsenVanOnderneming(zonder.o, zonder.index)).toEqual(['31005']);
  });

  it("places vestigingen at the register's address first, and adds the register's vestigingseenheden", () => {
    const { o, index } = onderneming([erkenning({})]);
    const kbo = {
      vestigingen: new Map<string, string | null>([
        ['2.145.678.996', '36015'],
        ['2.200.000.001', '31005'],
        ['2.200.000.002', null],
      ]),
      zetel: '34002',
    };
    expect(plaatsenVanOnderneming(o, index, kbo)).toEqual(['31005', '36015']);
    // Unplaced in the register: the sectors' address stands.
    expect(
      plaatsenVanOnderneming(o, index, { vestigingen: new Map([['2.145.678.996', null]]), zetel: '34002' }),
    ).toEqual(['34022']);
  });

  it('places a company without a placed vestiging at its seat in the register', () => {
    const zonder = onderneming([erkenning({ vestigingsnummer: null, plaats: plaats('31005') })]);
    const kbo = { vestigingen: new Map<string, string | null>([['2.200.000.002', null]]), zetel: '34002' };
    expect(plaatsenVanOnderneming(zonder.o, zonder.index, kbo)).toEqual(['34002']);
    // Neither vestiging nor seat in the register (struck off): where its erkenningen place it.
    expect(plaatsenVanOnderneming(zonder.o, zonder.index, { vestigingen: new Map(), zetel: null })).toEqual([
      '31005',
    ]);
  });
});
