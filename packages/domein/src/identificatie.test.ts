import { describe, expect, it } from 'vitest';
import {
  metControlecijfers,
  normaliseerOndernemingsnummer,
  normaliseerVestigingsnummer,
  ondernemingsnummerCijfers,
} from './identificatie.ts';

describe('ondernemingsnummer', () => {
  it.each(['0403019261', '0428759497', '0353456320'])('accepts the glossary example %s', (nummer) => {
    expect(ondernemingsnummerCijfers(nummer)).toBe(nummer);
  });

  it.each([
    ['BE0403170701', '0403.170.701'],
    ['0403 170 701', '0403.170.701'],
    ['403170701', '0403.170.701'],
    ['0403.170.701', '0403.170.701'],
    [' be 0403.170.701 ', '0403.170.701'],
  ])('normalises %s', (invoer, canoniek) => {
    expect(normaliseerOndernemingsnummer(invoer)).toBe(canoniek);
  });

  it.each(['0403170702', '2403170701', '12345', 'abc', '', '04031707011'])('rejects %s', (invoer) => {
    expect(normaliseerOndernemingsnummer(invoer)).toBeNull();
  });

  it('builds valid numbers from a stem', () => {
    expect(metControlecijfers(4031707)).toBe('0403170701');
  });
});

describe('vestigingsnummer', () => {
  it.each(['2147812701', '2000000339', '2.145.678.996'])('accepts %s', (nummer) => {
    expect(normaliseerVestigingsnummer(nummer)).not.toBeNull();
  });

  it('writes the canonical notation', () => {
    expect(normaliseerVestigingsnummer('2147812701')).toBe('2.147.812.701');
  });

  it.each(['0403170701', '9147812701', '2147812702'])('rejects %s', (invoer) => {
    expect(normaliseerVestigingsnummer(invoer)).toBeNull();
  });
});
