import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kiesLerende, leesLerenden, type KaziLerende, type KaziSuggestie } from './kazi-reader.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { token } from './tokens.ts';

type Claims = Parameters<typeof token>[0];

interface Rol {
  readonly naam: string;
  /** Null for the anonymous public; a function of the own school for a trajectbegeleider. */
  readonly claims: (school: string, andere: string) => Claims | null;
  readonly eigenSchool: boolean;
}

/** Every caller but the trajectbegeleider of the learner's own school sees no learner, no match and no name. */
const ROLLEN: Rol[] = [
  { naam: 'anoniem', claims: () => null, eigenSchool: false },
  ...(['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const).map((sector) => ({
    naam: `partner ${sector}`,
    claims: () => ({ rol: 'partner' as const, sector }),
    eigenSchool: false,
  })),
  { naam: 'analist', claims: () => ({ rol: 'analist' }), eigenSchool: false },
  { naam: 'beheerder', claims: () => ({ rol: 'beheerder' }), eigenSchool: false },
  {
    naam: 'trajectbegeleider van een andere school',
    claims: (_, andere) => ({ rol: 'trajectbegeleider', instellingsnummer: andere, sub: 'tb-ander' }),
    eigenSchool: false,
  },
  {
    naam: 'trajectbegeleider van de eigen school',
    claims: (school) => ({ rol: 'trajectbegeleider', instellingsnummer: school, sub: 'tb-eigen' }),
    eigenSchool: true,
  },
];

const LEESVRAAG = `query($id: ID!, $school: ID!, $kbo: ID!) {
  lerende(id: $id) { id voornaam familienaam geboortejaar status matches { id lerende { voornaam } } }
  lerenden(first: 100) { totalCount edges { node { id voornaam familienaam } } }
  school(instellingsnummer: $school) { instellingsnummer lerenden { id voornaam familienaam geboortejaar } }
  onderneming(ondernemingsnummer: $kbo) { ondernemingsnummer matches { id lerende { id voornaam familienaam } } }
}`;

/** What a frontend might ask the matching subgraph directly, past the gateway. */
const ENTITEITEN = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Lerende { id voornaam familienaam geboortejaar }
    ... on Match { id lerende { voornaam familienaam } }
    ... on School { instellingsnummer lerenden { id voornaam } }
    ... on Onderneming { ondernemingsnummer matches { id lerende { voornaam } } }
  }
}`;

function codes(a: GraphResponse): unknown[] {
  return (a.errors ?? []).map((f) => f.extensions?.['code']);
}

describe("a learner's name: only the trajectbegeleider of the learner's own school sees it", () => {
  let system: System;
  let lerende: KaziLerende;
  let suggestie: KaziSuggestie;
  let andereSchool: string;
  let matchId: string;
  let eindpunten: Record<string, string>;

  async function vraag(eindpunt: string, query: string, rol: Rol, variables: Record<string, unknown>) {
    const claims = rol.claims(lerende.instellingsnummer, andereSchool);
    const antwoord = await fetch(eindpunt, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(claims ? { authorization: `Bearer ${await token(claims)}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: antwoord.status, ...((await antwoord.json()) as Omit<GraphResponse, 'status'>) };
  }

  /** The learner's name nowhere in an answer: not in data, not in an error message. */
  function zonderNaam(a: GraphResponse): void {
    const tekst = JSON.stringify(a);
    expect(tekst).not.toContain(`"${lerende.voornaam}"`);
    expect(tekst).not.toContain(lerende.familienaam);
  }

  beforeAll(async () => {
    system = await startSystem({ vdabPerSeconde: 1_000 });
    const basis = system.mock.url;
    ({ lerende, suggestie } = await kiesLerende(basis));
    andereSchool =
      (await leesLerenden(basis)).find((l) => l.instellingsnummer !== lerende.instellingsnummer)
        ?.instellingsnummer ?? '';
    eindpunten = { gateway: system.graphql, matching: `${system.proxies.matching.url}/graphql` };
    const eigen = ROLLEN.find((r) => r.eigenSchool) as Rol;
    const a = await vraag(
      system.graphql,
      'mutation($input: StelMatchVoorInput!) { stelMatchVoor(input: $input) { id } }',
      eigen,
      {
        input: {
          lerendeId: lerende.lerendeId,
          ondernemingsnummer: suggestie.ondernemingsnummer,
          vestigingsnummer: suggestie.vestigingsnummer,
          opleidingscode: suggestie.opleidingscode,
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(a.errors).toBeUndefined();
    matchId = (a.data?.['stelMatchVoor'] as { id: string }).id;
  });

  afterAll(async () => {
    await system.stop();
  });

  for (const rol of ROLLEN) {
    it(`gateway, ${rol.naam}: Lerende, its fields, lerenden, School.lerenden, Onderneming.matches, Match.lerende`, async () => {
      const a = await vraag(eindpunten['gateway'] ?? '', LEESVRAAG, rol, {
        id: lerende.lerendeId,
        school: lerende.instellingsnummer,
        kbo: suggestie.ondernemingsnummer,
      });
      expect(a.status).toBe(200);
      const data = a.data as {
        lerende: { voornaam: string; familienaam: string; matches: { id: string }[] } | null;
        lerenden: { totalCount: number; edges: { node: { id: string } }[] } | null;
        school: { lerenden: { id: string; voornaam: string }[] | null };
        onderneming: { matches: { id: string; lerende: { id: string } }[] };
      };
      if (rol.eigenSchool) {
        expect(a.errors).toBeUndefined();
        expect(data.lerende).toMatchObject({ voornaam: lerende.voornaam, familienaam: lerende.familienaam });
        expect(data.lerende?.matches.map((m) => m.id)).toContain(matchId);
        expect(data.lerenden?.edges.map((e) => e.node.id)).toContain(lerende.lerendeId);
        expect(data.school.lerenden?.find((l) => l.id === lerende.lerendeId)?.voornaam).toBe(
          lerende.voornaam,
        );
        expect(data.onderneming.matches.map((m) => m.id)).toContain(matchId);
        return;
      }
      expect(data.lerende).toBeNull();
      expect(a.errors?.find((f) => f.path?.join('.') === 'lerende')?.extensions?.['code']).toBe('FORBIDDEN');
      expect(codes(a).every((c) => c === 'FORBIDDEN')).toBe(true);
      expect(data.onderneming.matches.map((m) => m.id)).not.toContain(matchId);
      // No silent zeros: a list the caller may not see at all is FORBIDDEN, not empty.
      expect(data.school.lerenden).toBeNull();
      expect(a.errors?.find((f) => f.path?.join('.') === 'school.lerenden')?.extensions?.['code']).toBe(
        'FORBIDDEN',
      );
      if (rol.claims('', '')?.rol === 'trajectbegeleider') {
        // Another school's trajectbegeleider sees its own learners (and their matches), never this one.
        expect(data.lerenden?.edges.map((e) => e.node.id)).not.toContain(lerende.lerendeId);
        zonderNaam({ status: a.status, errors: a.errors ?? [], data: { lerende: data.lerende } });
        return;
      }
      // Without learners of its own a caller may not ask the list at all; matches with a company stay a mixed list.
      expect(data.lerenden).toBeNull();
      expect(a.errors?.find((f) => f.path?.join('.') === 'lerenden')?.extensions?.['code']).toBe('FORBIDDEN');
      expect(data.onderneming.matches).toEqual([]);
      zonderNaam(a);
    });

    it(`gateway, ${rol.naam}: filtering on a school, and writing`, async () => {
      const filter = await vraag(
        eindpunten['gateway'] ?? '',
        'query($s: ID!) { lerenden(filter: { instellingsnummer: $s }) { totalCount } }',
        rol,
        { s: lerende.instellingsnummer },
      );
      // Versie 99 does not exist: the own school gets VERSIE_CONFLICT and the match stays as it is.
      const wijzig = await vraag(
        eindpunten['gateway'] ?? '',
        'mutation($m: ID!) { wijzigMatchStatus(input: { matchId: $m, versie: 99, status: AFGEWEZEN }) { id } }',
        rol,
        { m: matchId },
      );
      if (rol.eigenSchool) {
        expect(filter.errors).toBeUndefined();
        expect(codes(wijzig)).toEqual(['VERSIE_CONFLICT']);
        return;
      }
      expect(codes(filter)).toEqual(['FORBIDDEN']);
      expect(codes(wijzig)).toEqual(['FORBIDDEN']);
      zonderNaam(filter);
      zonderNaam(wijzig);
    });

    it(`${rol.naam}: Kazi's source report only for analist and beheerder, through the gateway and directly`, async () => {
      const ziet = rol.claims('', '')?.rol === 'analist' || rol.claims('', '')?.rol === 'beheerder';
      for (const eindpunt of Object.values(eindpunten)) {
        const a = await vraag(eindpunt, '{ kazibron { bron aantalRecords } }', rol, {});
        if (ziet) expect(a.data?.['kazibron']).toMatchObject({ bron: 'KAZI' });
        else expect(codes(a)).toEqual(['FORBIDDEN']);
      }
    });

    it(`matching subgraph directly, ${rol.naam}: _entities for Lerende, Match, School and Onderneming`, async () => {
      const a = await vraag(eindpunten['matching'] ?? '', ENTITEITEN, rol, {
        reps: [
          { __typename: 'Lerende', id: lerende.lerendeId },
          { __typename: 'Match', id: matchId },
          { __typename: 'School', instellingsnummer: lerende.instellingsnummer },
          { __typename: 'Onderneming', ondernemingsnummer: suggestie.ondernemingsnummer },
        ],
      });
      expect(a.status).toBe(200);
      const [l, m, s, o] = a.data?.['_entities'] as [
        { voornaam?: string } | null,
        { lerende?: { voornaam: string } } | null,
        { lerenden: { id: string }[] | null },
        { matches: { id: string }[] },
      ];
      if (rol.eigenSchool) {
        expect(a.errors).toBeUndefined();
        expect(l?.voornaam).toBe(lerende.voornaam);
        expect(m?.lerende?.voornaam).toBe(lerende.voornaam);
        expect(s.lerenden?.map((x) => x.id)).toContain(lerende.lerendeId);
        expect(o.matches.map((x) => x.id)).toContain(matchId);
        return;
      }
      expect(l).toBeNull();
      expect(m).toBeNull();
      expect(a.errors?.find((f) => f.path?.join('.') === '_entities.0')?.extensions?.['code']).toBe(
        'FORBIDDEN',
      );
      expect(codes(a).every((c) => c === 'FORBIDDEN')).toBe(true);
      expect(s.lerenden).toBeNull();
      expect(a.errors?.find((f) => f.path?.join('.') === '_entities.2.lerenden')?.extensions?.['code']).toBe(
        'FORBIDDEN',
      );
      expect(o.matches.map((x) => x.id)).not.toContain(matchId);
      zonderNaam(a);
    });
  }
});
