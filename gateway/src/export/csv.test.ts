import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes what Excel in Flanders opens: BOM, semicolons, CRLF, decimal comma, empty for unknown', () => {
    const csv = toCsv([
      {
        'gemeente.naam': 'Brugge',
        afstandKm: 12.5,
        aantal: 3,
        waarde: null,
        signalen: ['A', 'B'],
        geldig: true,
      },
      {
        'gemeente.naam': 'Kortrijk; centrum',
        afstandKm: 0,
        aantal: -4,
        waarde: 7,
        signalen: [],
        geldig: false,
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'gemeente.naam;afstandKm;aantal;waarde;signalen;geldig',
      'Brugge;12,5;3;;A, B;true',
      '"Kortrijk; centrum";0;-4;7;;false',
      '',
    ]);
  });

  it('keeps a column that only a later row has', () => {
    expect(toCsv([{ a: 1 }, { a: 2, b: 'x' }]).slice(1)).toBe('a;b\r\n1;\r\n2;x\r\n');
  });

  it('defuses a text Excel would run as a formula, but not a negative number', () => {
    expect(toCsv([{ naam: '=HYPERLINK("x")', n: -3, t: '-3' }]).slice(1)).toBe(
      'naam;n;t\r\n"\'=HYPERLINK(""x"")";-3;\'-3\r\n',
    );
  });

  it('leaves out the column of a null object whose fields other rows have', () => {
    expect(
      toCsv([
        { v: null, n: 1 },
        { 'v.a': 'x', 'v.b.c': 2, n: 2 },
      ]).slice(1),
    ).toBe('n;v.a;v.b.c\r\n1;;\r\n2;x;2\r\n');
  });

  it('writes only a header for an empty answer when given the columns', () => {
    expect(toCsv([], ['a', 'b']).slice(1)).toBe('a;b\r\n');
  });
});
