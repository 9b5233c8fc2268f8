import { describe, expect, it } from 'vitest';
import { volgensGewicht, zoekendenIn, type KandidaatItem } from './kandidaat.ts';
import { telPerCel, type GeteldeLerende } from './zoekenden.ts';

const lerende = (gemeente: string, school: string, code = 'DS-ELT-3'): GeteldeLerende => ({
  regio: 'MIDWEST',
  gemeente,
  code,
  school,
  zoekend: true,
});

describe('maximaal duaal in matching', () => {
  it('counts the zoekende lerenden of the gemeenten in de buurt, each once, suppressed as a cell', () => {
    const veel = telPerCel([
      ...Array.from({ length: 6 }, () => lerende('36015', '030007')),
      ...Array.from({ length: 6 }, () => lerende('31005', '030008')),
      lerende('34022', '030009'),
      lerende('31005', '030008', 'DS-AUT-3'),
    ]);
    expect(zoekendenIn(veel, ['36015', '31005', '36015'], 'DS-ELT-3')).toEqual({
      waarde: 12,
      onderdrukt: false,
    });
    expect(zoekendenIn(veel, ['36015', '31005', '34022'], 'DS-ELT-3')).toEqual({
      waarde: 13,
      onderdrukt: false,
    });
    // One learner on its own is small.
    expect(zoekendenIn(veel, ['34022'], 'DS-ELT-3')).toEqual({ waarde: null, onderdrukt: true });
    // Seven, but the school with six could take its own off and see the other one.
    expect(zoekendenIn(veel, ['36015', '34022'], 'DS-ELT-3')).toEqual({ waarde: null, onderdrukt: true });
    expect(zoekendenIn(veel, ['99999'], 'DS-ELT-3')).toEqual({ waarde: 0, onderdrukt: false });
    // Six learners of whom one school has five: the other school's single learner would show.
    const scheef = telPerCel([
      ...Array.from({ length: 5 }, () => lerende('36015', '030007')),
      lerende('36015', '030008'),
    ]);
    expect(zoekendenIn(scheef, ['36015'], 'DS-ELT-3')).toEqual({ waarde: null, onderdrukt: true });
  });

  it('orders on duale vacatures plus zoekende lerenden, heaviest first, then code', () => {
    const item = (opleidingscode: string, gewicht: number): KandidaatItem => ({
      sleutel: opleidingscode,
      opleidingscode,
      aantalZoekendeLerendenInDeBuurt: { waarde: null, onderdrukt: true },
      gewicht,
    });
    const lijst = [item('DS-B', 2), item('DS-A', 2), item('DS-C', 7), item('DS-D', 0)].sort(volgensGewicht);
    expect(lijst.map((k) => k.opleidingscode)).toEqual(['DS-C', 'DS-A', 'DS-B', 'DS-D']);
  });
});
