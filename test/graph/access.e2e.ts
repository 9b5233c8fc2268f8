import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { token } from './tokens.ts';
import { leesVerwachteErkenningen, type VerwachteErkenning } from './expectations.ts';

const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;

interface Rol {
  readonly naam: string;
  readonly claims: Parameters<typeof token>[0] | null;
  /** Whether it sees a non-ERKEND erkenning, aantalMentoren and the report of this sector. */
  readonly zietSector: (sector: string) => boolean;
  readonly zietAlleBronnen: boolean;
}

const ROLLEN: Rol[] = [
  { naam: 'anoniem', claims: null, zietSector: () => false, zietAlleBronnen: false },
  ...SECTOREN.map((sector) => ({
    naam: `partner ${sector}`,
    claims: { rol: 'partner' as const, sector },
    zietSector: (s: string) => s === sector,
    zietAlleBronnen: false,
  })),
  {
    naam: 'trajectbegeleider',
    claims: { rol: 'trajectbegeleider', instellingsnummer: '030007' },
    zietSector: () => false,
    zietAlleBronnen: false,
  },
  { naam: 'analist', claims: { rol: 'analist' }, zietSector: () => true, zietAlleBronnen: true },
  { naam: 'beheerder', claims: { rol: 'beheerder' }, zietSector: () => true, zietAlleBronnen: true },
];

interface Antwoord {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe('who may see what: the access table of the contract', () => {
  let system: System;
  let kbo: string;
  let erkenningen: VerwachteErkenning[];
  const eindpunten: Record<string, string> = {};

  async function vraag(
    eindpunt: string,
    query: string,
    claims: Rol['claims'],
    variables: Record<string, unknown> = {},
  ): Promise<Antwoord> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (claims) headers['authorization'] = `Bearer ${await token(claims)}`;
    const antwoord = await fetch(eindpunt, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: antwoord.status, ...((await antwoord.json()) as Omit<Antwoord, 'status'>) };
  }

  beforeAll(async () => {
    system = await sharedSystem();
    eindpunten['gateway'] = system.graphql;
    eindpunten['erkenningen'] = `${system.proxies.erkenningen.url}/graphql`;
    eindpunten['onderwijsaanbod'] = `${system.proxies.onderwijsaanbod.url}/graphql`;
    eindpunten['matching'] = `${system.proxies.matching.url}/graphql`;
    const alle = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
    // A company with erkenningen in several sectors, at least one of them not ERKEND.
    const perKbo = new Map<string, VerwachteErkenning[]>();
    for (const e of alle) perKbo.set(e.kbo, [...(perKbo.get(e.kbo) ?? []), e]);
    const gekozen = [...perKbo].find(
      ([, l]) =>
        new Set(l.map((e) => e.sector)).size > 1 &&
        l.some((e) => e.status !== 'ERKEND') &&
        l.some((e) => e.status === 'ERKEND'),
    );
    if (!gekozen) throw new Error('geen geschikte onderneming in de data');
    [kbo, erkenningen] = gekozen;
  });

  for (const eindpunt of ['gateway', 'erkenningen']) {
    for (const rol of ROLLEN) {
      it(`${eindpunt}, ${rol.naam}: erkenningen, aantalMentoren and sector reports`, async () => {
        const a = await vraag(
          eindpunten[eindpunt] ?? '',
          'query($k: ID!) { onderneming(ondernemingsnummer: $k) { erkenningen { sector status aantalMentoren } } erkenningsbronnen { bron } }',
          rol.claims,
          { k: kbo },
        );
        expect(a.status).toBe(200);
        const gezien = (
          a.data?.['onderneming'] as {
            erkenningen: { sector: string; status: string; aantalMentoren: number | null }[];
          }
        ).erkenningen;
        const verwacht = erkenningen.filter((e) => e.status === 'ERKEND' || rol.zietSector(e.sector));
        expect(gezien.map((e) => `${e.sector}|${e.status}`).sort()).toEqual(
          verwacht.map((e) => `${e.sector}|${e.status}`).sort(),
        );
        for (const [i, e] of gezien.entries()) {
          const fout = (a.errors ?? []).find(
            (f) => f.path?.join('.') === `onderneming.erkenningen.${i}.aantalMentoren`,
          );
          if (rol.zietSector(e.sector)) {
            expect(e.aantalMentoren).not.toBeNull();
            expect(fout).toBeUndefined();
          } else {
            expect(e.aantalMentoren).toBeNull();
            expect(fout?.extensions?.['code']).toBe('FORBIDDEN');
          }
        }
        const bronnen = (a.data?.['erkenningsbronnen'] as { bron: string }[]).map((b) => b.bron).sort();
        expect(bronnen).toEqual(SECTOREN.filter((s) => rol.zietSector(s)).sort());
        // No error message carries data the caller may not see.
        for (const f of a.errors ?? []) expect(JSON.stringify(f)).not.toMatch(/aantalMentoren":\s*\d/);
      });

      it(`${eindpunt}, ${rol.naam}: filtering on a status one may not see`, async () => {
        const a = await vraag(
          eindpunten[eindpunt] ?? '',
          '{ ondernemingen(filter: { status: GESCHORST }) { totalCount } }',
          rol.claims,
        );
        if (rol.zietAlleBronnen) expect(a.errors).toBeUndefined();
        else expect(a.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        if (rol.claims?.rol === 'partner') {
          const eigen = await vraag(
            eindpunten[eindpunt] ?? '',
            `{ ondernemingen(filter: { status: GESCHORST, sector: ${rol.claims.sector ?? ''} }) { totalCount } }`,
            rol.claims,
          );
          expect(eigen.errors).toBeUndefined();
        }
      });
    }
  }

  for (const eindpunt of ['gateway', 'onderwijsaanbod']) {
    for (const rol of ROLLEN) {
      it(`${eindpunt}, ${rol.naam}: the register's report, and the public data`, async () => {
        const rapport = await vraag(
          eindpunten[eindpunt] ?? '',
          '{ onderwijsbron { bron aantalRecords } }',
          rol.claims,
        );
        if (rol.zietAlleBronnen) expect(rapport.data?.['onderwijsbron']).toMatchObject({ bron: 'ONDERWIJS' });
        else expect(rapport.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        const openbaar = await vraag(
          eindpunten[eindpunt] ?? '',
          '{ opleiding(code: "DS-ELT-3") { naam aanbod { capaciteit } } }',
          rol.claims,
        );
        expect(openbaar.errors).toBeUndefined();
        expect(openbaar.data?.['opleiding']).toMatchObject({ naam: 'Elektrotechnicus duaal' });
      });
    }
  }

  for (const [wat, opties] of [
    ['an expired token', { geldigS: -3600 }],
    ['a token with a wrong signature', { geheim: 'niet-het-geheim-van-de-graaf-maar-lang-genoeg' }],
    ['a token for another audience', { doelgroep: 'een-andere-dienst' }],
  ] as const) {
    it(`refuses ${wat} with 401 UNAUTHENTICATED at the gateway and at every subgraph, never as the public`, async () => {
      const slecht = await token({ rol: 'analist' }, opties);
      for (const eindpunt of Object.values(eindpunten)) {
        const antwoord = await fetch(eindpunt, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${slecht}` },
          body: JSON.stringify({ query: '{ opleiding(code: "DS-ELT-3") { naam } }' }),
        });
        expect(antwoord.status).toBe(401);
        const body = (await antwoord.json()) as Antwoord;
        expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
        expect(body.data ?? null).toBeNull();
      }
    });
  }
});
