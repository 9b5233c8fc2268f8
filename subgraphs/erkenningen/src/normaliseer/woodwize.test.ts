import { describe, expect, it } from 'vitest';
import type { WoodwizeErkenning } from '../bronnen/woodwize.ts';
import { CTX, lezing } from './testdata.ts';
import { normaliseerWoodwize } from './woodwize.ts';

function erkenning(over: Partial<WoodwizeErkenning> = {}): WoodwizeErkenning {
  return {
    id: 'WW-77',
    kbo: '0403.170.701',
    naam: 'Schrijnwerkerij Vermeulen & <Zonen>',
    vestiging: { nr: '2.145.678.996', postcode: '8800', nis: '36015' },
    opleiding: 'DS-SWH-3',
    status: 'erkend',
    van: '2024-09-01',
    tot: '2030-08-31',
    mentoren: '1',
    ...over,
  };
}

describe('Woodwize rules', () => {
  it('normalises a record, the name as decoded', () => {
    const [e] = normaliseerWoodwize(lezing([erkenning()]), CTX).erkenningen;
    expect(e).toMatchObject({
      id: 'WOODWIZE:WW-77',
      naam: 'Schrijnwerkerij Vermeulen & <Zonen>',
      vestigingsnummer: '2.145.678.996',
      status: 'ERKEND',
      aantalMentoren: 1,
      plaats: { regioCode: 'MIDWEST' },
    });
  });

  it('keeps a record without <vestiging>, without vestiging and without a place, with a finding', () => {
    const uit = normaliseerWoodwize(lezing([erkenning({ vestiging: null })]), CTX);
    expect(uit.erkenningen).toHaveLength(1);
    expect(uit.erkenningen[0]).toMatchObject({ vestigingsnummer: null, plaats: null });
    expect(uit.kwaliteit).toMatchObject({ aantalAfgekeurd: 0 });
    expect(uit.kwaliteit.bevindingen).toEqual([
      { bron: 'WOODWIZE', recordId: 'WW-77', veld: 'vestiging', regel: 'VESTIGING_ONTBREEKT', waarde: null },
    ]);
  });

  it('rejects tot before van and an unknown opleiding', () => {
    const uit = normaliseerWoodwize(
      lezing([erkenning({ tot: '2023-09-01' }), erkenning({ id: 'WW-2', opleiding: 'DS-ONB-002' })]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.bevindingen.map((b) => [b.recordId, b.regel])).toEqual([
      ['WW-77', 'TOT_VOOR_VAN'],
      ['WW-2', 'ONBEKENDE_OPLEIDING'],
    ]);
  });
});
