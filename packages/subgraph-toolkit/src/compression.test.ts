import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './compression.ts';

describe('acceptsGzip', () => {
  it('takes gzip as browsers and tools ask for it', () => {
    for (const header of [
      'gzip',
      'gzip, deflate, br, zstd',
      'br;q=1.0, gzip;q=0.8, *;q=0.1',
      'x-gzip',
      '*',
      ' GZIP ; q=0.5',
      ['deflate', 'gzip'],
    ])
      expect([header, acceptsGzip(header)]).toEqual([header, true]);
  });

  it('gives the identity to a caller that does not ask for gzip or refuses it', () => {
    for (const header of [
      undefined,
      '',
      'identity',
      'br',
      'deflate, br',
      'gzip;q=0',
      'gzip;q=0, *',
      '*;q=0',
      'gzip;q=abc',
    ])
      expect([header, acceptsGzip(header)]).toEqual([header, false]);
  });
});
