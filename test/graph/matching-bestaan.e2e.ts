import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kaziVerzoeken,
  kiesLerende,
  leesLerenden,
  matchesVan,
  type KaziLerende,
  type KaziMatch,
  type KaziSuggestie,
} from './kazi-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/**
 * Each path a trajectbegeleider can point at a learner or match id, with the
 * id in `$id`. `eindpunt` says where it is sent: the gateway, or the matching
 * subgraph directly (for `_entities`, which only a subgraph answers).
 */
interface Pad {
  readonly naam: string;
  readonly soort: 'lerende' | 'match';
  readonly eindpunt: 'gateway' | 'matching';
  readonly query: string;
  /** `voorstel` makes a StelMatchVoorInput for a learner, with a real workplace and a fresh key. */
  readonly variabelen: (id: string, voorstel: (lerendeId: string) => unknown) => Record<string, unknown>;
}

const PADEN: Pad[] = [
  {
    naam: 'lerende(id) with its matches and suggesties',
    soort: 'lerende',
    eindpunt: 'gateway',
    query: `query($id: ID!) { lerende(id: $id) { id voornaam status matches { id } suggesties(max: 3) { score } } }`,
    variabelen: (id) => ({ id }),
  },
  {
    naam: 'lerende(id), at the subgraph',
    soort: 'lerende',
    eindpunt: 'matching',
    query: `query($id: ID!) { lerende(id: $id) { id voornaam } }`,
    variabelen: (id) => ({ id }),
  },
  {
    naam: '_entities Lerende',
    soort: 'lerende',
    eindpunt: 'matching',
    query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Lerende { id voornaam status } } }`,
    variabelen: (id) => ({ reps: [{ __typename: 'Lerende', id }] }),
  },
  {
    naam: 'stelMatchVoor',
    soort: 'lerende',
    eindpunt: 'gateway',
    query: `mutation($input: StelMatchVoorInput!) { stelMatchVoor(input: $input) { id } }`,
    variabelen: (id, voorstel) => ({ input: voorstel(id) }),
  },
  {
    naam: 'stelMatchVoor, at the subgraph',
    soort: 'lerende',
    eindpunt: 'matching',
    query: `mutation($input: StelMatchVoorInput!) { stelMatchVoor(input: $input) { id } }`,
    variabelen: (id, voorstel) => ({ input: voorstel(id) }),
  },
  {
    naam: '_entities Match',
    soort: 'match',
    eindpunt: 'matching',
    query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Match { id status lerende { id } } } }`,
    variabelen: (id) => ({ reps: [{ __typename: 'Match', id }] }),
  },
  {
    naam: 'wijzigMatchStatus',
    soort: 'match',
    eindpunt: 'gateway',
    query: `mutation($m: ID!) { wijzigMatchStatus(input: { matchId: $m, versie: 1, status: AFGEWEZEN }) { id } }`,
    variabelen: (id) => ({ m: id }),
  },
  {
    naam: 'wijzigMatchStatus, at the subgraph',
    soort: 'match',
    eindpunt: 'matching',
    query: `mutation($m: ID!) { wijzigMatchStatus(input: { matchId: $m, versie: 1, status: AFGEWEZEN }) { id } }`,
    variabelen: (id) => ({ m: id }),
  },
];

/** An answer with the asked id written as `<id>` and the moments of reading left out: what may differ. */
function zonderId(antwoord: unknown, id: string): unknown {
  return JSON.parse(
    // The read time and the request's own trace id differ per request and say nothing about the learner.
    JSON.stringify(antwoord, (sleutel, waarde: unknown) =>
      sleutel === 'bijgewerktOp' || sleutel === 'traceId' ? undefined : waarde,
    )
      .split(id)
      .join('<id>'),
  );
}

describe("another school's learner or match and an id that does not exist answer alike", () => {
  let system: System;
  let basis: string;
  let lerende: KaziLerende;
  let suggestie: KaziSuggestie;
  let matchId: string;
  let onbekendeLerende: string;
  let anderBegeleider: Record<string, string>;
  let eindpunten: Record<Pad['eindpunt'], string>;

  beforeAll(async () => {
    system = await startSystem({ vdabPerSeconde: 1_000 });
    basis = system.mock.url;
    eindpunten = { gateway: system.graphql, matching: `${system.proxies.matching.url}/graphql` };
    ({ lerende, suggestie } = await kiesLerende(basis));
    const alle = await leesLerenden(basis);
    const ids = new Set(alle.map((l) => l.lerendeId));
    // The same shape as Kazi's ids, so that only existence differs.
    onbekendeLerende = ['L-000000', 'L-000001', 'L-00000a'].find((id) => !ids.has(id)) ?? '';
    const andereSchool = alle.find(
      (l) => l.instellingsnummer !== lerende.instellingsnummer,
    )?.instellingsnummer;
    anderBegeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: andereSchool ?? '',
      sub: 'tb-elders',
    });
    // A match the graph has seen, so that it remembers whose it is: the case that used to answer FORBIDDEN.
    const eigen = await alsRol({ rol: 'trajectbegeleider', instellingsnummer: lerende.instellingsnummer });
    const a = await system.vraag(
      'mutation($input: StelMatchVoorInput!) { stelMatchVoor(input: $input) { id } }',
      { input: voorstel(lerende.lerendeId) },
      eigen,
    );
    expect(a.errors).toBeUndefined();
    matchId = (a.data?.['stelMatchVoor'] as { id: string }).id;
  });

  afterAll(async () => {
    await system.stop();
  });

  function voorstel(lerendeId: string): Record<string, unknown> {
    return {
      lerendeId,
      ondernemingsnummer: suggestie.ondernemingsnummer,
      vestigingsnummer: suggestie.vestigingsnummer,
      opleidingscode: suggestie.opleidingscode,
      idempotencyKey: randomUUID(),
    };
  }

  async function vraag(pad: Pad, id: string) {
    const variabelen = pad.variabelen(id, voorstel);
    const antwoord = await fetch(eindpunten[pad.eindpunt], {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...anderBegeleider },
      body: JSON.stringify({ query: pad.query, variables: variabelen }),
    });
    const body = (await antwoord.json()) as { errors?: unknown[] };
    return { status: antwoord.status, ...body };
  }

  for (const pad of PADEN) {
    it(`${pad.naam}: the same answer, FORBIDDEN, and Kazi unchanged`, async () => {
      const bestaand = pad.soort === 'lerende' ? lerende.lerendeId : matchId;
      const onbekend = pad.soort === 'lerende' ? onbekendeLerende : 'M-999999';
      expect(onbekend).toMatch(/^[LM]-/);
      const voor: KaziMatch[] = await matchesVan(basis, lerende.lerendeId);
      const posts = await kaziVerzoeken(basis, 'POST /kazi/v1/matches');
      const patches = await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}');

      const vanAndereSchool = await vraag(pad, bestaand);
      const nergens = await vraag(pad, onbekend);
      expect(zonderId(nergens, onbekend)).toEqual(zonderId(vanAndereSchool, bestaand));
      // And the answer is the refusal, not a leak that happens to be the same twice.
      expect(
        vanAndereSchool.errors?.map((f) => (f as { extensions?: { code?: unknown } }).extensions?.code),
      ).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(vanAndereSchool)).not.toContain(lerende.familienaam);

      expect(await kaziVerzoeken(basis, 'POST /kazi/v1/matches')).toBe(posts);
      expect(await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}')).toBe(patches);
      expect(await matchesVan(basis, lerende.lerendeId)).toEqual(voor);
    });
  }
});
