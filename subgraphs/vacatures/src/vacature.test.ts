import { describe, expect, it } from 'vitest';
import { vdabRecord } from './testdata.ts';
import { normaliseerVacature } from './vacature.ts';
import { VacatureIndex } from './vacatureindex.ts';

describe('normaliseerVacature', () => {
  it('maps the postcode to its gemeente and regio, and the KBO number to the werkgever in canonical notation', () => {
    const v = normaliseerVacature(vdabRecord(71234567));
    expect(v).toMatchObject({
      id: '71234567',
      beroepsprofielCode: 'F1602',
      duaal: true,
      nisCode: '34022',
      regioCode: 'ZUID_WEST_VLAANDEREN',
      werkgever: '0403.170.701',
      leverancier: { naam: 'Elektro Vandenberghe BV', type: 'WERKGEVER', ondernemingsnummer: '0403.170.701' },
      publicatiedatum: '2026-10-01T07:00:00.000Z',
      bevindingen: [],
    });
  });

  it('keeps a vacature with an unknown postcode, without gemeente, and reports it', () => {
    const v = normaliseerVacature(vdabRecord(1, { postcode: '0420' }));
    expect([v.nisCode, v.regioCode]).toEqual([null, null]);
    expect(v.bevindingen).toEqual([
      {
        bron: 'VDAB',
        recordId: '1',
        veld: 'tewerkstellingsadres.postcode',
        regel: 'ONBEKENDE_POSTCODE',
        waarde: '0420',
      },
    ]);
  });

  it('keeps a vacature whose KBO number is missing or fails mod 97, without werkgever, and reports it', () => {
    const zonder = normaliseerVacature(vdabRecord(2, { kboNummer: null }));
    const fout = normaliseerVacature(vdabRecord(3, { kboNummer: '0403170702' }));
    expect([zonder.werkgever, fout.werkgever, fout.leverancier.ondernemingsnummer]).toEqual([
      null,
      null,
      null,
    ]);
    expect(zonder.bevindingen.map((b) => b.regel)).toEqual(['KBO_ONTBREEKT']);
    expect(fout.bevindingen).toEqual([
      {
        bron: 'VDAB',
        recordId: '3',
        veld: 'leverancier.kboNummer',
        regel: 'KBO_CONTROLE',
        waarde: '0403170702',
      },
    ]);
  });

  it('never names an interim agency as werkgever', () => {
    const v = normaliseerVacature(vdabRecord(4, { type: 'INTERIMKANTOOR', contract: 'INTERIM' }));
    expect(v.werkgever).toBeNull();
    expect(v.duaal).toBe(false);
    expect(v.leverancier).toEqual({
      naam: 'Elektro Vandenberghe BV',
      type: 'INTERIMKANTOOR',
      ondernemingsnummer: '0403.170.701',
    });
  });
});

describe('VacatureIndex', () => {
  it('applies a window by the last report of each vacature: a change reported twice is applied once', () => {
    const index = VacatureIndex.uit([vdabRecord(1), vdabRecord(2)], []);
    const gewijzigd = vdabRecord(1, { aantalPosten: 3 });
    const venster = [
      { soort: 'GEWIJZIGD' as const, ref: 1, vacature: gewijzigd },
      { soort: 'GEWIJZIGD' as const, ref: 1, vacature: gewijzigd },
      { soort: 'NIEUW' as const, ref: 5, vacature: vdabRecord(5) },
      { soort: 'VERWIJDERD' as const, ref: 5 },
    ];
    expect(index.pasToe(venster)).toEqual({ gemeld: 4, toegepast: 2, veranderd: 1 });
    expect(index.afgeleid().perId.get('1')?.aantalPosten).toBe(3);
    expect(index.aantal).toBe(2);
    // The same window again (an overlap, a retry) changes nothing.
    expect(index.pasToe(venster)).toEqual({ gemeld: 4, toegepast: 2, veranderd: 0 });
    expect(index.afgeleid().kwaliteit).toEqual({ aantalRecords: 2, aantalAfgekeurd: 0, bevindingen: [] });
  });

  it('counts per regio and beroepsprofiel, duaal apart, and leaves a vacature without gemeente out of every regio', () => {
    const index = VacatureIndex.uit(
      [
        vdabRecord(1),
        vdabRecord(2, { contract: 'VAST' }),
        vdabRecord(3, { postcode: '8000' }),
        vdabRecord(4, { postcode: '0420' }),
      ],
      [],
    );
    const { perRegioEnBeroep, perWerkgever } = index.afgeleid();
    expect(Object.fromEntries(perRegioEnBeroep)).toEqual({
      'ZUID_WEST_VLAANDEREN|F1602': { totaal: 2, duaal: 1 },
      'BRUGGE|F1602': { totaal: 1, duaal: 1 },
      // Per gemeente too (the radar per gemeente): 8500 and 8501 are Kortrijk, 8000 Brugge.
      '34022|F1602': { totaal: 2, duaal: 1 },
      '31005|F1602': { totaal: 1, duaal: 1 },
    });
    expect(perWerkgever.get('0403.170.701')).toHaveLength(4);
  });

  it('takes a vacature that broke the contract out of the answers and into the findings, until a valid copy comes', () => {
    const index = VacatureIndex.uit([vdabRecord(1)], []);
    const bevinding = {
      bron: 'VDAB' as const,
      recordId: '1',
      veld: 'aantalPosten',
      regel: 'VORM',
      waarde: '0',
    };
    index.pasToe([{ soort: 'AFGEKEURD', ref: 1, bevinding }]);
    expect(index.afgeleid().perId.has('1')).toBe(false);
    expect(index.afgeleid().kwaliteit).toMatchObject({
      aantalRecords: 1,
      aantalAfgekeurd: 1,
      bevindingen: [bevinding],
    });
    index.pasToe([{ soort: 'GEWIJZIGD', ref: 1, vacature: vdabRecord(1) }]);
    expect(index.afgeleid().kwaliteit).toMatchObject({ aantalRecords: 1, aantalAfgekeurd: 0 });
  });
});
