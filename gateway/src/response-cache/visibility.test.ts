import { describe, expect, it } from 'vitest';
import { ROLLEN, SECTOREN, type Gebruiker } from '@duaal-graph/subgraph-toolkit';
import { visibilityKey } from './visibility.ts';

const aangemeld = (extra: Partial<Extract<Gebruiker, { soort: 'aangemeld' }>>): Gebruiker => ({
  soort: 'aangemeld',
  sub: 'iemand',
  rol: 'analist',
  ...extra,
});

describe('visibilityKey', () => {
  it('gives every kind of caller the access rules tell apart a key of its own', () => {
    const callers: Gebruiker[] = [
      { soort: 'publiek' },
      ...SECTOREN.map((sector) => aangemeld({ rol: 'partner', sector })),
      aangemeld({ rol: 'trajectbegeleider', instellingsnummer: '030007' }),
      aangemeld({ rol: 'trajectbegeleider', instellingsnummer: '030008' }),
      aangemeld({ rol: 'analist' }),
      aangemeld({ rol: 'beheerder' }),
    ];
    const keys = callers.map(visibilityKey);
    expect(new Set(keys).size).toBe(callers.length);
    expect(ROLLEN.every((rol) => keys.some((k) => k.startsWith(rol)))).toBe(true);
  });

  it('keys two callers who may see the same alike, whoever they are', () => {
    expect(visibilityKey(aangemeld({ sub: 'a', rol: 'partner', sector: 'VOLTA' }))).toBe(
      visibilityKey(aangemeld({ sub: 'b', rol: 'partner', sector: 'VOLTA' })),
    );
    expect(visibilityKey(aangemeld({ sub: 'a' }))).toBe(visibilityKey(aangemeld({ sub: 'b' })));
  });
});
