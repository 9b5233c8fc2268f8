import { describe, expect, it } from 'vitest';
import { celId, isNisCode, leesCelId } from './radarcel.ts';

describe('celId', () => {
  it('reads back what it writes, at both scales', () => {
    for (const cel of [
      { gebiedscode: 'MIDWEST', opleidingscode: 'DS-ELT-3' },
      { gebiedscode: '34022', opleidingscode: 'VWO-LAS' },
      { gebiedscode: 'MIDWEST', opleidingscode: 'DS-ELT-3', op: '2026-11-01' },
    ])
      expect(leesCelId(celId(cel))).toEqual(cel);
  });

  it('refuses what is no cell id', () => {
    for (const id of ['', 'MIDWEST', '|X', 'MIDWEST|', 'A|B|C', 'A|B|2026-11-01|D'])
      expect(leesCelId(id)).toBeNull();
  });

  it('tells a gemeente from a regio', () => {
    expect(isNisCode('34022')).toBe(true);
    expect(isNisCode('MIDWEST')).toBe(false);
    expect(isNisCode('04022')).toBe(false);
  });
});
