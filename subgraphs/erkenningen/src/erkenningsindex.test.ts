import { describe, expect, it } from 'vitest';
import { bouwErkenningsIndex, celSleutel, visiblePart } from './erkenningsindex.ts';
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

  it('groups by onderneming and vestiging, names a company by the first sector that names it (enum Sector order), and orders by name', () => {
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
    // Volta names it first; that two other sectors spell it otherwise does not matter (contract part 2).
    expect(onderneming?.naam).toBe('Elektro V.');
    expect(onderneming?.naamSector).toBe('VOLTA');
    expect(index.ondernemingen.get('0428.759.497')?.naamSector).toBeNull();
    expect(onderneming?.erkenningen.map((e) => e.sector)).toEqual(['VOLTA', 'EDUCAM', 'MTECH', 'MTECH']);
    expect(onderneming?.vestigingsnummers).toEqual(['2.145.678.996']);
    expect(index.ondernemingenOpNaam.map((o) => o.naam)).toEqual(['Aannemer Claeys', 'Elektro V.', null]);
    // A placed address with a street beats one without.
    expect(index.vestigingen.get('2.145.678.996')?.plaats).toEqual(KORTRIJK);
  });

  describe('as a caller who sees only some erkenningen sees it', () => {
    const openbaar = (e: Erkenning) => e.status === 'ERKEND';
    const BRUGGE: Plaats = {
      ...KORTRIJK,
      straatnaam: 'Markt',
      postcode: '8000',
      nisCode: '31005',
      regioCode: 'BRUGGE',
    };
    const index = bouwErkenningsIndex(
      [
        sector('VOLTA', [
          // Known only through hidden erkenningen: suspended and withdrawn.
          erkenning({
            ondernemingsnummer: '0428.759.497',
            naam: 'Verborgen BV',
            vestigingsnummer: '2.000.000.339',
            status: 'GESCHORST',
          }),
          erkenning({
            ondernemingsnummer: '0428.759.497',
            naam: 'Verborgen BV',
            vestigingsnummer: '3.000.000.162',
            status: 'INGETROKKEN',
            plaats: BRUGGE,
          }),
          // Mixed: the hidden record names the company, a second vestiging, and a better address of the first.
          erkenning({
            naam: 'Naam uit een geschorste erkenning',
            vestigingsnummer: '2.147.812.701',
            status: 'GESCHORST',
            plaats: ROESELARE,
          }),
          erkenning({ naam: 'Naam uit een geschorste erkenning', status: 'GESCHORST', plaats: KORTRIJK }),
        ]),
        // The visible erkenning gives no name (MTech+ sends none) and an address without street.
        sector('MTECH', [
          erkenning({
            sector: 'MTECH',
            id: 'MTECH:1',
            naam: null,
            plaats: { ...KORTRIJK, straatnaam: null, huisnummer: null },
          }),
        ]),
      ],
      REF,
    );
    const zicht = visiblePart(index, openbaar);

    it('knows no company and no vestiging that only hidden erkenningen name', () => {
      expect(index.ondernemingen.get('0428.759.497')?.naam).toBe('Verborgen BV');
      expect(zicht.ondernemingen.has('0428.759.497')).toBe(false);
      expect(zicht.vestigingen.has('2.000.000.339')).toBe(false);
      expect(zicht.vestigingen.has('3.000.000.162')).toBe(false);
      expect(zicht.ondernemingenOpNaam.map((o) => o.ondernemingsnummer)).toEqual(['0403.170.701']);
    });

    it('names, lists and places a company only by the erkenningen the caller sees', () => {
      const volledig = index.ondernemingen.get('0403.170.701');
      expect(volledig?.naam).toBe('Naam uit een geschorste erkenning');
      expect(volledig?.vestigingsnummers).toEqual(['2.145.678.996', '2.147.812.701']);
      const o = zicht.ondernemingen.get('0403.170.701');
      expect(o?.naam).toBeNull();
      expect(o?.vestigingsnummers).toEqual(['2.145.678.996']);
      expect(o?.erkenningen.map((e) => e.id)).toEqual(['MTECH:1']);
      expect(index.vestigingen.get('2.145.678.996')?.plaats?.straatnaam).toBe('Kerkstraat');
      expect(zicht.vestigingen.get('2.145.678.996')?.plaats?.straatnaam).toBeNull();
      expect(zicht.vestigingen.has('2.147.812.701')).toBe(false);
      // The erkende leerwerkplekken are the caller's vestigingen, with the caller's addresses.
      expect(zicht.erkendePlekken.get('DS-ELT-3')).toEqual([zicht.vestigingen.get('2.145.678.996')]);
    });

    it('keeps the radar counts of the full index, and a caller who sees everything sees the full index', () => {
      expect(zicht.aantalPerCel).toBe(index.aantalPerCel);
      expect(zicht.aantalPerCel.get(celSleutel('ZUID_WEST_VLAANDEREN', 'DS-ELT-3'))).toBe(1);
      const alles = visiblePart(index, () => true);
      expect(alles.ondernemingen).toEqual(index.ondernemingen);
      expect(alles.vestigingen).toEqual(index.vestigingen);
    });
  });
});
