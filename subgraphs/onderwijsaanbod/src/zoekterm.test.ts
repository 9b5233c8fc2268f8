import { describe, expect, it } from 'vitest';
import { vereenvoudig, woorden, zoektermVindt, zoekwoorden } from './zoekterm.ts';

const ELEKTRO = {
  naam: 'Elektrotechnicus duaal',
  studiedomein: 'STEM',
  beroepskwalificaties: [
    { code: 'BK-0417-4', naam: 'Residentieel elektrotechnisch installateur', niveau: 4 },
  ],
  beroepsprofielCodes: ['F1602', 'X0000'],
};
const LABELS = new Map([['F1602', 'Elektricien gebouwen']]);

describe('zoekterm', () => {
  it('ignores case and diacritics', () => {
    expect(vereenvoudig('Mécanicien FOTOVOLTAÏSCH')).toBe('mecanicien fotovoltaisch');
    expect(woorden('CNC-operator, Chape- en vloerlegger')).toEqual([
      'cnc',
      'operator',
      'chape',
      'en',
      'vloerlegger',
    ]);
  });

  it('finds by a prefix of a word of the naam, studiedomein, a beroepskwalificatie or a beroepsprofiel label', () => {
    const w = zoekwoorden(ELEKTRO, LABELS);
    for (const term of [
      'elektr',
      'ELEKTROTECHNICUS',
      'stem',
      'resid',
      'install',
      'elektricien',
      'Gebouw',
      'élek duaal',
    ])
      expect(zoektermVindt(term, w), term).toBe(true);
  });

  it('needs every word, each as the start of a word, not inside one', () => {
    const w = zoekwoorden(ELEKTRO, LABELS);
    for (const term of ['techni', 'elektr kapper', 'duaall', 'x0000', 'f1602'])
      expect(zoektermVindt(term, w), term).toBe(false);
  });

  it('knows no label it was not given, and a blank term asks nothing', () => {
    expect(zoektermVindt('elektricien', zoekwoorden(ELEKTRO, new Map()))).toBe(false);
    expect(zoektermVindt('  ', [])).toBe(true);
  });
});
