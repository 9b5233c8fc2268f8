import { describe, expect, it } from 'vitest';
import { bouwErkenningsIndex, celSleutel } from './erkenningsindex.ts';
import type { Erkenning, Plaats } from './model.ts';
import { plekkenVanIndexOp } from './reconstructie.ts';

const KORTRIJK: Plaats = {
  straatnaam: 'Kerkstraat',
  huisnummer: '1',
  postcode: '8500',
  nisCode: '34022',
  regioCode: 'ZUID_WEST_VLAANDEREN',
};

let teller = 0;
function erkenning(over: Partial<Erkenning>): Erkenning {
  teller += 1;
  return {
    id: `VOLTA:${String(teller)}`,
    sector: 'VOLTA',
    recordId: String(teller),
    ondernemingsnummer: '0403.170.701',
    naam: null,
    vestigingsnummer: `2.000.000.${String(teller).padStart(3, '0')}`,
    plaats: KORTRIJK,
    opleidingscode: 'DS-ELT-3',
    status: 'ERKEND',
    geldigVan: '2024-01-01',
    geldigTot: null,
    aantalMentoren: 1,
    ...over,
  };
}

describe('the leerwerkplekken of an earlier date', () => {
  const index = bouwErkenningsIndex(
    [
      {
        sector: 'VOLTA',
        erkenningen: [
          erkenning({}),
          erkenning({ geldigVan: '2025-06-01' }),
          erkenning({ geldigTot: '2025-03-31' }),
          // Suspended today: it counts on no date, as the reconstruction judges status as known today.
          erkenning({ status: 'GESCHORST', geldigVan: '2023-01-01' }),
        ],
        kwaliteit: { aantalRecords: 4, aantalAfgekeurd: 0, bevindingen: [] },
      },
    ],
    '2026-11-01',
  );
  const cel = (gebied: string, datum: string) =>
    plekkenVanIndexOp(index, datum).aantalPerCel.get(celSleutel(gebied, 'DS-ELT-3')) ?? 0;

  it('counts the vestigingen valid on that date, in the regio and in the gemeente', () => {
    expect(cel('ZUID_WEST_VLAANDEREN', '2023-12-31')).toBe(0);
    expect(cel('ZUID_WEST_VLAANDEREN', '2024-01-01')).toBe(2);
    expect(cel('34022', '2025-03-31')).toBe(2);
    expect(cel('34022', '2025-04-01')).toBe(1);
    expect(cel('34022', '2025-06-01')).toBe(2);
  });

  it('counts the reference date exactly as the index of today does', () => {
    expect(plekkenVanIndexOp(index, '2026-11-01').aantalPerCel).toEqual(index.aantalPerCel);
    // Asked again: the same answer, kept.
    expect(plekkenVanIndexOp(index, '2026-11-01')).toBe(plekkenVanIndexOp(index, '2026-11-01'));
  });
});
