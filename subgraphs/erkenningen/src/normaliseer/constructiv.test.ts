import { describe, expect, it } from 'vitest';
import type { ConstructivLeerwerkplek } from '../bronnen/constructiv.ts';
import { normaliseerConstructiv } from './constructiv.ts';
import { CTX, KBO_FOUT, lezing, REFERENTIEDATUM } from './testdata.ts';

function plek(over: Partial<ConstructivLeerwerkplek> = {}): ConstructivLeerwerkplek {
  return {
    id: 4711,
    onderneming: { kbo: '0403170701', naam: 'Bouwwerken Desmet NV' },
    vestiging: { nummer: '2145678996', adres: { postcode: '8800', gemeente: 'Roeselare', nis: '36015' } },
    opleiding: { code: 'DS-RWB-2' },
    periode: { start: '2022-09-01', einde: null },
    schorsing: null,
    intrekking: null,
    mentoren: [{ id: 91 }, { id: 92 }],
    ...over,
  };
}

const status = (over: Partial<ConstructivLeerwerkplek>) =>
  normaliseerConstructiv(lezing([plek(over)]), CTX).erkenningen[0]?.status;

describe('Constructiv rules', () => {
  it('counts the mentors and uses the numeric id as the partner id', () => {
    const [e] = normaliseerConstructiv(lezing([plek()]), CTX).erkenningen;
    expect(e).toMatchObject({
      id: 'CONSTRUCTIV:4711',
      recordId: '4711',
      aantalMentoren: 2,
      status: 'ERKEND',
      geldigTot: null,
    });
  });

  it('keeps `mentoren: null` as 0 mentors, with a finding', () => {
    const uit = normaliseerConstructiv(lezing([plek({ mentoren: null })]), CTX);
    expect(uit.erkenningen[0]?.aantalMentoren).toBe(0);
    expect(uit.kwaliteit.bevindingen).toEqual([
      { bron: 'CONSTRUCTIV', recordId: '4711', veld: 'mentoren', regel: 'MENTOREN_NULL', waarde: null },
    ]);
  });

  it('derives the status on the reference date', () => {
    expect(status({ intrekking: { datum: REFERENTIEDATUM } })).toBe('INGETROKKEN');
    expect(status({ intrekking: { datum: '2026-12-01' } })).toBe('ERKEND');
    expect(status({ schorsing: { van: '2026-10-01', tot: '2026-12-31' } })).toBe('GESCHORST');
    expect(status({ schorsing: { van: '2026-10-01', tot: null } })).toBe('GESCHORST');
    expect(status({ schorsing: { van: '2026-01-01', tot: '2026-10-31' } })).toBe('ERKEND');
    expect(status({ schorsing: { van: '2026-11-02', tot: null } })).toBe('ERKEND');
    // A withdrawal in force outweighs a suspension.
    expect(status({ schorsing: { van: '2026-10-01', tot: null }, intrekking: { datum: '2026-10-15' } })).toBe(
      'INGETROKKEN',
    );
  });

  it('rejects a bad KBO, an unknown opleidingscode and an end before the start', () => {
    const uit = normaliseerConstructiv(
      lezing([
        plek({ id: 1, onderneming: { kbo: KBO_FOUT, naam: 'X' } }),
        plek({ id: 2, opleiding: { code: 'DS-ONB-001' } }),
        plek({ id: 3, periode: { start: '2022-09-01', einde: '2021-09-01' } }),
      ]),
      CTX,
    );
    expect(uit.erkenningen).toEqual([]);
    expect(uit.kwaliteit.aantalAfgekeurd).toBe(3);
    expect(uit.kwaliteit.bevindingen.map((b) => [b.recordId, b.veld, b.regel])).toEqual([
      ['1', 'onderneming.kbo', 'KBO_CONTROLE'],
      ['2', 'opleiding.code', 'ONBEKENDE_OPLEIDING'],
      ['3', 'periode.einde', 'TOT_VOOR_VAN'],
    ]);
  });
});
