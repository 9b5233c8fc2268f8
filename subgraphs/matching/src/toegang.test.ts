import type { Gebruiker } from '@duaal-graph/subgraph-toolkit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './server.ts';
import { lerendeRegel, Toegang } from './toegang.ts';

const toegang: Toegang = new Toegang(lerendeRegel(typeDefs));
const als = (rol: 'partner' | 'trajectbegeleider' | 'analist' | 'beheerder', extra = {}): Gebruiker => ({
  soort: 'aangemeld',
  sub: `u-${rol}`,
  rol,
  ...extra,
});

describe("the rule for learners, read from Lerende's @toegang", () => {
  it('lets only a trajectbegeleider act, and only for the own school', () => {
    const eigen = als('trajectbegeleider', { instellingsnummer: '030007' });
    expect(toegang.kanLerendenZien(eigen)).toBe(true);
    expect(toegang.eigenSchool(eigen)).toBe('030007');
    expect(toegang.magSchool(eigen, '030007')).toBe(true);
    expect(toegang.magSchool(eigen, '030015')).toBe(false);
    for (const g of [
      { soort: 'publiek' } as const,
      als('partner', { sector: 'VOLTA' }),
      als('analist'),
      als('beheerder'),
    ]) {
      expect(toegang.kanLerendenZien(g)).toBe(false);
      expect(toegang.eigenSchool(g)).toBeNull();
      expect(toegang.magSchool(g, '030007')).toBe(false);
    }
  });

  it('refuses a write with FORBIDDEN that names the learner by id only, the same for one that does not exist', () => {
    const ander = als('trajectbegeleider', { instellingsnummer: '030015' });
    const weigering = (ding: { school: string } | null) => {
      try {
        toegang.eisSchrijven(ander, ding, (d) => d.school, 'lerende L-7f3a9c');
      } catch (f) {
        return f;
      }
      return null;
    };
    const fouten = [weigering({ school: '030007' }), weigering(null)];
    for (const fout of fouten) {
      expect(fout).toBeInstanceOf(GraphQLError);
      expect((fout as GraphQLError).extensions['code']).toBe('FORBIDDEN');
      expect((fout as GraphQLError).message).toBe('Geen toegang tot lerende L-7f3a9c.');
    }
    expect(weigering({ school: '030015' })).toBeNull();
  });
});
