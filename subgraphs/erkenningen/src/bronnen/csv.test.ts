import { describe, expect, it } from 'vitest';
import { splitsCsv } from './csv.ts';

describe('splitsCsv', () => {
  it('keeps a `;`, a line break and doubled quotes inside a quoted field', () => {
    const tekst = 'a;b;c\r\n1;"Garage Peeters; ""Zonen""";x\r\n2;"twee\r\nregels";y\r\n';
    expect(splitsCsv(tekst)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'Garage Peeters; "Zonen"', 'x'],
      ['2', 'twee\r\nregels', 'y'],
    ]);
  });

  it('keeps empty fields, skips empty lines and a byte order mark', () => {
    expect(splitsCsv('\uFEFFa;b\n\n1;\n;2')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
  });
});
