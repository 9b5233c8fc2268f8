import { describe, expect, it } from 'vitest';
import type { EducamRij } from '../bronnen/educam.ts';
import { normaliseerEducam, splitsStraat } from './educam.ts';
import { CTX, KBO_FOUT, lezing } from './testdata.ts';

function rij(over: Partial<EducamRij> = {}): EducamRij {
  return {
    erkenning_nr: 'ED-100007',
    kbo: 'BE0403170701',
    vestiging: '2145678996',
    naam: 'Garage Peeters; "Zonen"',
    straat: 'Kortrijksesteenweg 101',
    postcode: '8800',
    gemeente: 'Roeselare',
    nis: '36015',
    bk_code: 'BK-0101-4',
    status: 'E',
    van: '01/09/2024',
    tot: '',
    mentoren: '2',
    ...over,
  };
}

describe('Educam rules', () => {
  it('reads dd/mm/yyyy dates, an empty tot as open, the status letters and the street number', () => {
    const uit = normaliseerEducam(
      lezing([rij({ status: 'S' }), rij({ erkenning_nr: 'ED-2', tot: '31/08/2029' })]),
      CTX,
    );
    expect(uit.kwaliteit.bevindingen).toEqual([]);
    expect(uit.erkenningen.map((e) => [e.id, e.status, e.geldigVan, e.geldigTot])).toEqual([
      ['EDUCAM:ED-100007', 'GESCHORST', '2024-09-01', null],
      ['EDUCAM:ED-2', 'ERKEND', '2024-09-01', '2029-08-31'],
    ]);
    expect(uit.erkenningen[0]).toMatchObject({
      ondernemingsnummer: '0403.170.701',
      vestigingsnummer: '2.145.678.996',
      naam: 'Garage Peeters; "Zonen"',
      opleidingscode: 'DS-AUT-3',
      aantalMentoren: 2,
      plaats: {
        straatnaam: 'Kortrijksesteenweg',
        huisnummer: '101',
        postcode: '8800',
        nisCode: '36015',
        regioCode: 'MIDWEST',
      },
    });
  });

  it('repairs a KBO number that lost its leading zero and keeps the record, with a finding', () => {
    const uit = normaliseerEducam(lezing([rij({ kbo: 'BE403170701' })]), CTX);
    expect(uit.erkenningen.map((e) => e.ondernemingsnummer)).toEqual(['0403.170.701']);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(0);
    expect(uit.kwaliteit.bevindingen).toEqual([
      {
        bron: 'EDUCAM',
        recordId: 'ED-100007',
        veld: 'kbo',
        regel: 'KBO_ZONDER_VOORLOOPNUL',
        waarde: 'BE403170701',
      },
    ]);
  });

  it('rejects a KBO failing mod 97, also after the repair', () => {
    const uit = normaliseerEducam(
      lezing([rij({ kbo: `BE${KBO_FOUT}` }), rij({ erkenning_nr: 'ED-2', kbo: `BE${KBO_FOUT.slice(1)}` })]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(2);
    expect(uit.kwaliteit.bevindingen.filter((b) => b.regel === 'KBO_CONTROLE').map((b) => b.waarde)).toEqual([
      `BE${KBO_FOUT}`,
      `BE${KBO_FOUT.slice(1)}`,
    ]);
  });

  it('maps a BK code to every opleiding that lists it, each with its own id', () => {
    const uit = normaliseerEducam(lezing([rij({ bk_code: 'BK-0417-4' })]), CTX);
    expect(uit.erkenningen.map((e) => e.id)).toEqual([
      'EDUCAM:ED-100007:DS-EIM-3',
      'EDUCAM:ED-100007:DS-ELT-3',
    ]);
  });

  it('rejects a BK code that no opleiding lists', () => {
    const uit = normaliseerEducam(lezing([rij({ bk_code: 'BK-9123-4' })]), CTX);
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit).toMatchObject({ aantalAfgekeurd: 1 });
    expect(uit.kwaliteit.bevindingen).toEqual([
      { bron: 'EDUCAM', recordId: 'ED-100007', veld: 'bk_code', regel: 'ONBEKENDE_BK', waarde: 'BK-9123-4' },
    ]);
  });

  it('rejects tot before van and a date that is no dd/mm/yyyy', () => {
    const uit = normaliseerEducam(
      lezing([rij({ tot: '01/09/2023' }), rij({ erkenning_nr: 'ED-2', van: '2024-09-01' })]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.bevindingen.map((b) => [b.recordId, b.regel])).toEqual([
      ['ED-100007', 'TOT_VOOR_VAN'],
      ['ED-2', 'ONLEESBARE_DATUM'],
    ]);
  });

  it('splits a street and its number', () => {
    expect(splitsStraat('Kerkstraat 12')).toEqual({ straatnaam: 'Kerkstraat', huisnummer: '12' });
    expect(splitsStraat('Grote Markt 3B')).toEqual({ straatnaam: 'Grote Markt', huisnummer: '3B' });
    expect(splitsStraat('Industriezone')).toEqual({ straatnaam: 'Industriezone', huisnummer: null });
  });
});
