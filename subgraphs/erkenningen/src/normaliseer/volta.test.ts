import { describe, expect, it } from 'vitest';
import type { VoltaErkenning } from '../bronnen/volta.ts';
import { CTX, KBO, KBO_FOUT, lezing, VESTIGING_FOUT } from './testdata.ts';
import { normaliseerVolta } from './volta.ts';

function record(over: Partial<VoltaErkenning> = {}): VoltaErkenning {
  return {
    erkenningId: 'VOL-000123',
    ondernemingsnummer: '0403.170.701',
    vestigingsnummer: '2.145.678.996',
    ondernemingsnaam: 'Elektro Vandenberghe BV',
    adres: {
      straat: 'Kerkstraat',
      huisnummer: '12',
      postcode: '8500',
      gemeente: 'Kortrijk',
      nisCode: '34022',
    },
    opleidingscodes: ['DS-ELT-3'],
    status: 'ERKEND',
    geldigVan: '2023-09-01',
    geldigTot: '2029-08-31',
    aantalMentoren: 2,
    laatstGewijzigd: '2026-10-03T08:12:00Z',
    ...over,
  };
}

describe('Volta rules', () => {
  it('normalises a clean record: canonical numbers, place and region, id without suffix', () => {
    const uit = normaliseerVolta(lezing([record()]), CTX);
    expect(uit.kwaliteit).toEqual({ aantalRecords: 1, aantalAfgekeurd: 0, bevindingen: [] });
    expect(uit.erkenningen).toEqual([
      {
        id: 'VOLTA:VOL-000123',
        sector: 'VOLTA',
        recordId: 'VOL-000123',
        ondernemingsnummer: '0403.170.701',
        naam: 'Elektro Vandenberghe BV',
        vestigingsnummer: '2.145.678.996',
        plaats: {
          straatnaam: 'Kerkstraat',
          huisnummer: '12',
          postcode: '8500',
          nisCode: '34022',
          regioCode: 'ZUID_WEST_VLAANDEREN',
        },
        opleidingscode: 'DS-ELT-3',
        status: 'ERKEND',
        geldigVan: '2023-09-01',
        geldigTot: '2029-08-31',
        aantalMentoren: 2,
      },
    ]);
  });

  it('rejects a record whose KBO or vestiging number fails mod 97, with the value as sent', () => {
    const uit = normaliseerVolta(
      lezing([
        record({ erkenningId: 'A', ondernemingsnummer: KBO_FOUT }),
        record({ erkenningId: 'B', vestigingsnummer: VESTIGING_FOUT }),
      ]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(2);
    expect(uit.kwaliteit.bevindingen).toEqual([
      { bron: 'VOLTA', recordId: 'A', veld: 'ondernemingsnummer', regel: 'KBO_CONTROLE', waarde: KBO_FOUT },
      {
        bron: 'VOLTA',
        recordId: 'B',
        veld: 'vestigingsnummer',
        regel: 'VESTIGING_CONTROLE',
        waarde: VESTIGING_FOUT,
      },
    ]);
  });

  it('does not repair a lost leading zero outside Educam', () => {
    const uit = normaliseerVolta(lezing([record({ ondernemingsnummer: KBO.slice(1) })]), CTX);
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.bevindingen[0]?.regel).toBe('KBO_CONTROLE');
  });

  it('makes one erkenning per opleidingscode, and an unknown code costs only its own', () => {
    const uit = normaliseerVolta(
      lezing([record({ opleidingscodes: ['DS-ELT-3', 'DS-ONB-001', 'DS-EIM-3'] })]),
      CTX,
    );
    expect(uit.erkenningen.map((e) => e.id)).toEqual([
      'VOLTA:VOL-000123:DS-ELT-3',
      'VOLTA:VOL-000123:DS-EIM-3',
    ]);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(0);
    expect(uit.kwaliteit.bevindingen).toEqual([
      {
        bron: 'VOLTA',
        recordId: 'VOL-000123',
        veld: 'opleidingscodes',
        regel: 'ONBEKENDE_OPLEIDING',
        waarde: 'DS-ONB-001',
      },
    ]);
  });

  it('rejects a record none of whose opleidingscodes the register knows', () => {
    const uit = normaliseerVolta(lezing([record({ opleidingscodes: ['DS-ONB-001'] })]), CTX);
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(1);
  });

  it('rejects geldigTot before geldigVan, and a date that does not parse', () => {
    const uit = normaliseerVolta(
      lezing([
        record({ erkenningId: 'A', geldigTot: '2022-09-01' }),
        record({ erkenningId: 'B', geldigVan: '01/09/2023' }),
      ]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.bevindingen.map((b) => [b.recordId, b.veld, b.regel, b.waarde])).toEqual([
      ['A', 'geldigTot', 'TOT_VOOR_VAN', '2022-09-01'],
      ['B', 'geldigVan', 'ONLEESBARE_DATUM', '01/09/2023'],
    ]);
  });

  it('keeps an open geldigTot', () => {
    expect(normaliseerVolta(lezing([record({ geldigTot: null })]), CTX).erkenningen[0]?.geldigTot).toBeNull();
  });

  it('keeps the copy with the later laatstGewijzigd when an id comes twice, whatever the order', () => {
    const nieuw = record({ status: 'ERKEND', laatstGewijzigd: '2026-10-03T08:12:00Z' });
    const oud = record({ status: 'GESCHORST', aantalMentoren: 3, laatstGewijzigd: '2025-10-03T08:12:00Z' });
    for (const volgorde of [
      [nieuw, oud],
      [oud, nieuw],
    ]) {
      const uit = normaliseerVolta(lezing(volgorde), CTX);
      expect(uit.erkenningen.map((e) => [e.status, e.aantalMentoren])).toEqual([['ERKEND', 2]]);
      expect(uit.kwaliteit).toMatchObject({ aantalRecords: 2, aantalAfgekeurd: 0 });
      expect(uit.kwaliteit.bevindingen).toEqual([
        {
          bron: 'VOLTA',
          recordId: 'VOL-000123',
          veld: 'erkenningId',
          regel: 'DUBBEL_ID',
          waarde: 'VOL-000123',
        },
      ]);
    }
  });

  it('counts records that broke the contract as rejected and keeps their findings', () => {
    const vorm = { bron: 'VOLTA' as const, recordId: 'X', veld: 'status', regel: 'VORM', waarde: null };
    const uit = normaliseerVolta(lezing([record()], { bevindingen: [vorm], aantalRecords: 2 }), CTX);
    expect(uit.kwaliteit).toEqual({ aantalRecords: 2, aantalAfgekeurd: 1, bevindingen: [vorm] });
  });

  it('keeps a vestiging in an unknown municipality, placed nowhere, with a finding', () => {
    const adres = {
      straat: 'Nergensstraat',
      huisnummer: '1',
      postcode: '9999',
      gemeente: 'Nergens',
      nisCode: '99999',
    };
    const uit = normaliseerVolta(lezing([record({ adres })]), CTX);
    expect(uit.erkenningen[0]?.plaats).toMatchObject({ postcode: '9999', nisCode: null, regioCode: null });
    expect(uit.kwaliteit.bevindingen[0]).toMatchObject({
      regel: 'ONBEKENDE_GEMEENTE',
      veld: 'nis',
      waarde: '99999',
    });
  });
});
