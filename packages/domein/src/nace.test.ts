import { describe, expect, it } from 'vitest';
import { sectorVoorNace } from './nace.ts';

describe('sectorVoorNace (the table of kbo.md)', () => {
  it.each([
    ['43211', 'VOLTA'],
    ['43219', 'VOLTA'],
    ['33140', 'VOLTA'],
    ['27120', 'VOLTA'],
    ['45201', 'EDUCAM'],
    ['45310', 'EDUCAM'],
    ['45320', null],
    ['41201', 'CONSTRUCTIV'],
    ['43320', 'CONSTRUCTIV'],
    ['23610', 'CONSTRUCTIV'],
    ['23620', null],
    ['25620', 'MTECH'],
    ['33120', 'MTECH'],
    ['16230', 'WOODWIZE'],
    ['31091', 'WOODWIZE'],
    ['56101', null],
    ['43.211', 'VOLTA'],
    ['', null],
    ['abc', null],
  ])('%s is %s', (code, sector) => {
    expect(sectorVoorNace(code)).toBe(sector);
  });
});
