import { describe, expect, it } from 'vitest';
import { contentFingerprint } from './content-fingerprint.ts';

class Index {
  readonly perCode = new Map<string, { code: string; plaatsen: number }>();
  readonly codes = new Set<string>();
  constructor(rijen: readonly { code: string; plaatsen: number }[]) {
    for (const rij of rijen) {
      const kopie = { ...rij };
      this.perCode.set(rij.code, kopie);
      this.codes.add(rij.code);
    }
  }
}

const rijen = [
  { code: 'A', plaatsen: 3 },
  { code: 'B', plaatsen: 5 },
];

describe('contentFingerprint', () => {
  it('is the same for two values built alike from the same data', () => {
    expect(contentFingerprint(new Index(rijen))).toBe(
      contentFingerprint(new Index(rijen.map((r) => ({ ...r })))),
    );
    expect(contentFingerprint({ d: new Date(5), b: Buffer.from('xy') })).toBe(
      contentFingerprint({ d: new Date(5), b: Buffer.from('xy') }),
    );
  });

  it('differs when a value, a key, an entry, the kind of container or a type differs', () => {
    const basis = contentFingerprint(new Index(rijen));
    const varianten: unknown[] = [
      new Index([rijen[0] ?? { code: '', plaatsen: 0 }]),
      new Index([{ code: 'A', plaatsen: 4 }, rijen[1] ?? { code: '', plaatsen: 0 }]),
      { perCode: new Map(rijen.map((r) => [r.code, r])), codes: new Set(['A', 'B']) },
    ];
    for (const v of varianten) expect(contentFingerprint(v)).not.toBe(basis);
    const paren: [unknown, unknown][] = [
      [1, '1'],
      [
        [1, 2],
        [2, 1],
      ],
      [
        ['ab', 'c'],
        ['a', 'bc'],
      ],
      [{ a: 1 }, { b: 1 }],
      [new Set([1]), [1]],
      [null, undefined],
      [new Date(1), new Date(2)],
      [Buffer.from('a'), Buffer.from('b')],
    ];
    for (const [a, b] of paren) expect(contentFingerprint(a)).not.toBe(contentFingerprint(b));
  });

  it('writes a shared record once and ends on a cycle', () => {
    const record = { code: 'A' };
    const gedeeld = { x: record, y: record };
    const apart = { x: { code: 'A' }, y: { code: 'A' } };
    expect(contentFingerprint(gedeeld)).toBe(contentFingerprint({ x: record, y: record }));
    // Sharing is structure: the same fields, but not the same shape.
    expect(contentFingerprint(gedeeld)).not.toBe(contentFingerprint(apart));
    const kring: Record<string, unknown> = { naam: 'kring' };
    kring['zelf'] = kring;
    expect(contentFingerprint(kring)).toMatch(/^[\w-]+$/);
  });

  it('survives any depth of nesting', () => {
    let diep: unknown = 'bodem';
    for (let i = 0; i < 20_000; i++) diep = [diep];
    expect(contentFingerprint(diep)).toMatch(/^[\w-]+$/);
  });
});
