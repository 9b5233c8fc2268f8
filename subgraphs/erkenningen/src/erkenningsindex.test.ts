import { describe, expect, it } from 'vitest';
import { bouwErkenningsIndex, celSleutel } from './erkenningsindex.ts';
import type { Erkenning, Genormaliseerd, Plaats, Sector } from './model.ts';

const REF = '2026-11-01';
const KORTRIJK: Plaats = {
  straatnaam: 'Kerkstraat',
  huisnummer: '1',
  postcode: '8500',
  nisCode: '34022',
  regioCode: 'ZUID_WEST_VLAANDEREN',
};
const ROESELARE: Plaats = {
  straatnaam: null,
  huisnummer: null,
  postcode: '8800',
  nisCode: '36015',
  regioCode: 'MIDWEST',
};

let teller = 0;
function erkenning(over: Partial<Erkenning> = {}): Erkenning {
  teller += 1;
  return {
    id: `VOLTA:${teller}`,
    sector: 'VOLTA',
    recordId: String(teller),
    ondernemingsnummer: '0403.170.701',
    naam: 'Elektro Vandenberghe',
    vestigingsnummer: '2.145.678.996',
    plaats: KORTRIJK,
    opleidingscode: 'DS-ELT-3',
    status: 'ERKEND',
    geldigVan: '2023-09-01',
    geldigTot: null,
    aantalMentoren: 1,
    ...over,
  };
}

function sector(s: Sector, erkenningen: Erkenning[]): Genormaliseerd {
  return {
    sector: s,
    erkenningen,
    kwaliteit: { aantalRecords: erkenningen.length, aantalAfgekeurd: 0, bevindingen: [] },
  };
}

describe('the erkenningen index', () => {
  it('counts distinct vestigingen with an ERKEND erkenning valid on the reference date, per regio and opleiding', () => {
    const index = bouwErkenningsIndex(
      [
        sector('VOLTA', [
          erkenning(),
          erkenning({ vestigingsnummer: '2.147.812.701', plaats: ROESELARE }),
          // Not counted: suspended, expired, not yet started, or without a vestiging.
          erkenning({ vestigingsnummer: '2.000.000.339', status: 'GESCHORST' }),
          erkenning({ vestigingsnummer: '3.000.000.162', geldigTot: '2026-10-31' }),
          erkenning({ vestigingsnummer: '4.000.000.282', geldigVan: '2026-11-02' }),
          erkenning({ vestigingsnummer: null, plaats: null }),
        ]),
        undefined,
        // The same vestiging erkend by a second sector counts once.
        sector('CONSTRUCTIV', [erkenning({ sector: 'CONSTRUCTIV', id: 'CONSTRUCTIV:1', geldigTot: REF })]),
      ],
      REF,
    );
    expect(index.aantalPerCel.get(celSleutel('ZUID_WEST_VLAANDEREN', 'DS-ELT-3'))).toBe(1);
    expect(index.aantalPerCel.get(celSleutel('MIDWEST', 'DS-ELT-3'))).toBe(1);
    expect(index.aantalPerCel.get(celSleutel('BRUGGE', 'DS-ELT-3'))).toBeUndefined();
    expect(index.erkendePlekken.get('DS-ELT-3')?.map((v) => v.vestigingsnummer)).toEqual([
      '2.145.678.996',
      '2.147.812.701',
    ]);
  });

  it('counts a vestiging that no source places in no region', () => {
    const index = bouwErkenningsIndex([sector('MTECH', [erkenning({ sector: 'MTECH', plaats: null })])], REF);
    expect(index.erkendePlekken.get('DS-ELT-3')).toHaveLength(1);
    expect(index.aantalPerCel.size).toBe(0);
  });

  it('groups by onderneming and vestiging, names a company as most sources do, and orders by name', () => {
    const index = bouwErkenningsIndex(
      [
        sector('VOLTA', [
          erkenning({ naam: 'Elektro V.' }),
          erkenning({
            ondernemingsnummer: '0403.019.261',
            naam: 'Aannemer Claeys',
            vestigingsnummer: '2.147.812.701',
          }),
        ]),
        sector('EDUCAM', [
          erkenning({ sector: 'EDUCAM', id: 'EDUCAM:1', naam: 'Elektro Vandenberghe', plaats: ROESELARE }),
        ]),
        sector('MTECH', [
          erkenning({ sector: 'MTECH', id: 'MTECH:1', naam: null }),
          erkenning({ sector: 'MTECH', id: 'MTECH:2', naam: 'Elektro Vandenberghe' }),
          erkenning({
            sector: 'MTECH',
            id: 'MTECH:3',
            ondernemingsnummer: '0428.759.497',
            naam: null,
            vestigingsnummer: '2.000.000.339',
          }),
        ]),
      ],
      REF,
    );
    const onderneming = index.ondernemingen.get('0403.170.701');
    expect(onderneming?.naam).toBe('Elektro Vandenberghe');
    expect(onderneming?.erkenningen.map((e) => e.sector)).toEqual(['VOLTA', 'EDUCAM', 'MTECH', 'MTECH']);
    expect(onderneming?.vestigingsnummers).toEqual(['2.145.678.996']);
    expect(index.ondernemingenOpNaam.map((o) => o.naam)).toEqual([
      'Aannemer Claeys',
      'Elektro Vandenberghe',
      null,
    ]);
    // A placed address with a street beats one without.
    expect(index.vestigingen.get('2.145.678.996')?.plaats).toEqual(KORTRIJK);
  });
});
