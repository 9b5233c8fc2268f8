import { describe, expect, it } from 'vitest';
import type { RadarCel } from '../graph/types.ts';
import { MARKED, SCALE, UNMARKED } from './measures.ts';
import { hashWithSchaal, paintAreas, schaalFromHash } from './paint.ts';

const cel = (over: Partial<RadarCel>): RadarCel => ({
  regioCode: 'BRUGGE',
  opleidingscode: 'O1',
  regio: { naam: 'Regio Brugge' },
  opleiding: { naam: 'Elektrotechnicus', niveau: 'SECUNDAIR' },
  aantalAanbieders: 0,
  aantalPlaatsen: 0,
  aantalErkendeLeerwerkplekken: 0,
  aantalVacatures: 0,
  aantalDualeVacatures: 0,
  knelpunt: false,
  aantalZoekendeLerenden: { waarde: 0, onderdrukt: false },
  witteVlek: false,
  signalen: [],
  ...over,
});
const brugge = { nisCode: '31005', naam: 'Brugge' };
const damme = { nisCode: '31006', naam: 'Damme' };

describe('paintAreas', () => {
  const cells = [
    cel({ gemeente: brugge, witteVlek: true }),
    cel({ gemeente: damme, witteVlek: false }),
    cel({ gemeente: damme, opleidingscode: 'O2', witteVlek: true }),
  ];

  it('per gemeente paints each gemeente by its own cell, keyed by NIS code', () => {
    const { paint } = paintAreas(cells.slice(0, 2), 'witteVlek', true, 'gemeente');
    expect([...paint.keys()].sort()).toEqual(['31005', '31006']);
    expect(paint.get('31005')).toMatchObject({ colour: MARKED, label: 'ja', regioNaam: 'Regio Brugge' });
    expect(paint.get('31006')).toMatchObject({ colour: UNMARKED, label: 'nee' });
  });

  it('per gemeente counts the marked opleidingen of each gemeente for all opleidingen', () => {
    const { paint, legend } = paintAreas(cells, 'witteVlek', false, 'gemeente');
    expect(paint.get('31005')?.label).toBe('1 van 1 opleidingen');
    expect(paint.get('31006')?.label).toBe('1 van 2 opleidingen');
    expect(legend[0]).toEqual({ colour: SCALE[0], label: '0' });
  });

  it('per regio paints the regio by all its gemeenten’s cells together', () => {
    const { paint } = paintAreas(cells, 'witteVlek', false, 'regio');
    expect([...paint.keys()]).toEqual(['BRUGGE']);
    expect(paint.get('BRUGGE')?.label).toBe('2 van 3 opleidingen');
  });

  it('leaves out a cell without gemeente when painting per gemeente', () => {
    expect(paintAreas([cel({})], 'witteVlek', true, 'gemeente').paint.size).toBe(0);
  });
});

describe('the scale in the address', () => {
  it('reads and writes `per`, keeping the other parameters', () => {
    expect(schaalFromHash('#/radar?op=2026-06-01&per=gemeente')).toBe('gemeente');
    expect(schaalFromHash('#/radar?per=iets')).toBe('regio');
    expect(schaalFromHash('#/radar')).toBe('regio');
    expect(hashWithSchaal('#/radar?op=2026-06-01', 'gemeente')).toBe('#/radar?op=2026-06-01&per=gemeente');
    expect(hashWithSchaal('#/radar?per=gemeente', 'regio')).toBe('#/radar');
  });
});
