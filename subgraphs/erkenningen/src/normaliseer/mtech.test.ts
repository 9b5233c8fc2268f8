import { describe, expect, it } from 'vitest';
import type { MtechErkenning } from '../bronnen/mtech.ts';
import { normaliseerMtech } from './mtech.ts';
import { CTX, lezing } from './testdata.ts';

function erkenning(over: Partial<MtechErkenning> = {}): MtechErkenning {
  return {
    id: 'c1f4',
    kbo: '0403170701',
    vestigingseenheid: '2145678996',
    vestigingsadres: { postcode: '8500', gemeente: 'Kortrijk' },
    opleiding: 'DS-CNC-3',
    status: 'actief',
    start: '2024-09-01',
    einde: '2030-08-31',
    mentoren: 1,
    ...over,
  };
}

describe('MTech+ rules', () => {
  it('maps the status and places the vestiging by its postcode', () => {
    const [e] = normaliseerMtech(lezing([erkenning()]), CTX).erkenningen;
    expect(e).toMatchObject({
      id: 'MTECH:c1f4',
      status: 'ERKEND',
      naam: null,
      plaats: { postcode: '8500', nisCode: '34022', regioCode: 'ZUID_WEST_VLAANDEREN' },
    });
  });

  it('compares the status case-insensitively, keeping the record with a finding', () => {
    const uit = normaliseerMtech(
      lezing([erkenning({ status: 'ACTIEF' }), erkenning({ id: 'b', status: 'Geschorst' })]),
      CTX,
    );
    expect(uit.erkenningen.map((e) => e.status)).toEqual(['ERKEND', 'GESCHORST']);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(0);
    expect(uit.kwaliteit.bevindingen).toEqual([
      { bron: 'MTECH', recordId: 'c1f4', veld: 'status', regel: 'STATUS_HOOFDLETTERS', waarde: 'ACTIEF' },
      { bron: 'MTECH', recordId: 'b', veld: 'status', regel: 'STATUS_HOOFDLETTERS', waarde: 'Geschorst' },
    ]);
  });

  it('rejects a status it does not know, and an unparseable date', () => {
    const uit = normaliseerMtech(
      lezing([erkenning({ status: 'misschien' }), erkenning({ id: 'b', start: '01/09/2024' })]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.bevindingen.map((b) => [b.recordId, b.regel, b.waarde])).toEqual([
      ['c1f4', 'ONBEKENDE_STATUS', 'misschien'],
      ['b', 'ONLEESBARE_DATUM', '01/09/2024'],
    ]);
  });
});
