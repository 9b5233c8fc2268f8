import { PUBLIC_CALLER, typeRule, type AccessRule, type Gebruiker } from '@duaal-graph/subgraph-toolkit';
import { describe, expect, it } from 'vitest';
import { ERKENNING_STATUSSEN, SECTOREN, type ErkenningStatus, type Sector } from './model.ts';
import { leesConfig, maakErkenningen } from './server.ts';
import { visibilityFor } from './visibility.ts';

// The rule as the subgraph's own SDL states it: the test follows the SDL, it does not restate the rule.
const rule = ((): AccessRule => {
  const r = typeRule(maakErkenningen(leesConfig({})).schema, 'Erkenning');
  if (!r) throw new Error('Erkenning carries no @toegang');
  return r;
})();

const aangemeld = (over: Partial<Extract<Gebruiker, { soort: 'aangemeld' }>>): Gebruiker => ({
  soort: 'aangemeld',
  sub: 'x',
  rol: 'analist',
  ...over,
});

function gezien(gebruiker: Gebruiker): string[] {
  const v = visibilityFor(rule, gebruiker);
  const paren: [Sector, ErkenningStatus][] = SECTOREN.flatMap((sector) =>
    ERKENNING_STATUSSEN.map((status): [Sector, ErkenningStatus] => [sector, status]),
  );
  return paren.filter(([sector, status]) => v.sees({ sector, status })).map((p) => p.join(' '));
}

const ERKEND = SECTOREN.map((s) => `${s} ERKEND`);

describe('which erkenningen a caller sees, by the rule of the SDL', () => {
  it('shows the public and a trajectbegeleider only ERKEND erkenningen, as one kind of caller', () => {
    const begeleider = aangemeld({ rol: 'trajectbegeleider', instellingsnummer: '030007' });
    expect(gezien(PUBLIC_CALLER)).toEqual(ERKEND);
    expect(gezien(begeleider)).toEqual(ERKEND);
    expect(visibilityFor(rule, begeleider).key).toBe(visibilityFor(rule, PUBLIC_CALLER).key);
    expect(visibilityFor(rule, PUBLIC_CALLER).all).toBe(false);
  });

  it('shows a partner every status of its own sector only, one kind of caller per sector', () => {
    const volta = aangemeld({ rol: 'partner', sector: 'VOLTA' });
    expect(gezien(volta)).toEqual([...ERKEND, 'VOLTA GESCHORST', 'VOLTA INGETROKKEN'].sort(bySector));
    const sleutels = new Set(
      SECTOREN.map((sector) => visibilityFor(rule, aangemeld({ rol: 'partner', sector })).key),
    );
    expect(sleutels.size).toBe(SECTOREN.length);
    expect(sleutels.has(visibilityFor(rule, PUBLIC_CALLER).key)).toBe(false);
    // A partner token without its sector (refused at the door) would own nothing.
    expect(gezien(aangemeld({ rol: 'partner' }))).toEqual(ERKEND);
  });

  it('shows an analist and a beheerder everything: the full index is their view', () => {
    for (const rol of ['analist', 'beheerder'] as const) {
      const v = visibilityFor(rule, aangemeld({ rol }));
      expect(v.all).toBe(true);
      expect(gezien(aangemeld({ rol }))).toHaveLength(SECTOREN.length * ERKENNING_STATUSSEN.length);
    }
  });
});

/** The order `gezien` lists pairs in: by sector, then status, as the enums declare them. */
function bySector(a: string, b: string): number {
  const plaats = (p: string) => {
    const [sector = '', status = ''] = p.split(' ');
    return SECTOREN.indexOf(sector as Sector) * 10 + ERKENNING_STATUSSEN.indexOf(status as ErkenningStatus);
  };
  return plaats(a) - plaats(b);
}
