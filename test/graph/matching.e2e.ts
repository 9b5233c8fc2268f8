import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alsBe,
  kaziVerzoeken,
  kboPunten,
  kiesLerende,
  leesLerenden,
  matchesVan,
  vestigingPunten,
  type KaziLerende,
  type KaziMatch,
  type KaziSuggestie,
} from './kazi-reader.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { alsRol } from './tokens.ts';

const LERENDEN = `query($status: LerendeStatus) {
  lerenden(filter: { status: $status }, first: 100) {
    totalCount
    edges { node { id voornaam familienaam status school { instellingsnummer naam } opleiding { code naam } woonGemeente { nisCode } } }
  }
}`;

const SUGGESTIES = `query($id: ID!) {
  lerende(id: $id) {
    id
    suggesties(max: 5) { score afstandKm onderneming { ondernemingsnummer naam } vestiging { vestigingsnummer } opleiding { code } }
  }
}`;

const STEL_VOOR = `mutation($input: StelMatchVoorInput!) {
  stelMatchVoor(input: $input) {
    id versie status historiek { status door }
    lerende { id voornaam } onderneming { ondernemingsnummer } vestiging { vestigingsnummer } opleiding { code }
  }
}`;

const WIJZIG = `mutation($input: WijzigMatchStatusInput!) {
  wijzigMatchStatus(input: $input) { id versie status historiek { status door reden } }
}`;

interface GraafMatch {
  id: string;
  versie: number;
  status: string;
  historiek: { status: string; door: string }[];
}

function code(antwoord: GraphResponse): unknown {
  return antwoord.errors?.[0]?.extensions?.['code'];
}

describe('matching through the gateway: from ZOEKEND to GESTART, and every refusal', () => {
  let system: System;
  let basis: string;
  let lerende: KaziLerende;
  let suggestie: KaziSuggestie;
  let begeleider: Record<string, string>;
  const SUB = 'tb-matching-1';
  let match: GraafMatch;

  const stelVoor = (input: Record<string, unknown>, headers = begeleider) =>
    system.vraag(STEL_VOOR, { input }, headers);
  const wijzig = (input: Record<string, unknown>, headers = begeleider) =>
    system.vraag(WIJZIG, { input }, headers);
  const voorstel = () => ({
    lerendeId: lerende.lerendeId,
    ondernemingsnummer: alsBe(suggestie.ondernemingsnummer),
    vestigingsnummer: suggestie.vestigingsnummer,
    opleidingscode: suggestie.opleidingscode,
    idempotencyKey: randomUUID(),
  });

  /** Kazi's matches of the learner, to check that a refusal left them as they were. */
  let voor: KaziMatch[];
  const bewaarKazi = async () => {
    voor = await matchesVan(basis, lerende.lerendeId);
  };
  const kaziOnveranderd = async () => {
    expect(await matchesVan(basis, lerende.lerendeId)).toEqual(voor);
  };

  beforeAll(async () => {
    system = await startSystem({ vdabPerSeconde: 1_000 });
    basis = system.mock.url;
    ({ lerende, suggestie } = await kiesLerende(basis));
    begeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: lerende.instellingsnummer,
      sub: SUB,
    });
  });

  afterAll(async () => {
    await system.stop();
  });

  it("lists the school's zoekende lerenden, names included, as Kazi has them", async () => {
    const a = await system.vraag(LERENDEN, { status: 'ZOEKEND' }, begeleider);
    expect(a.errors).toBeUndefined();
    const connection = a.data?.['lerenden'] as {
      totalCount: number;
      edges: {
        node: { id: string; voornaam: string; status: string; school: { instellingsnummer: string } };
      }[];
    };
    const verwacht = await leesLerenden(basis, {
      instellingsnummer: lerende.instellingsnummer,
      status: 'ZOEKEND',
    });
    expect(connection.totalCount).toBe(verwacht.length);
    expect(connection.edges.map((e) => e.node.id).sort()).toEqual(verwacht.map((l) => l.lerendeId).sort());
    const gezien = connection.edges.find((e) => e.node.id === lerende.lerendeId)?.node;
    expect(gezien).toMatchObject({
      voornaam: lerende.voornaam,
      status: 'ZOEKEND',
      school: { instellingsnummer: lerende.instellingsnummer },
    });
    expect(a.extensions?.['bronnen']).toEqual(
      expect.arrayContaining([expect.objectContaining({ bron: 'KAZI', toestand: 'ACTUEEL' })]),
    );
  });

  it("asks Kazi's suggesties, with references into the erkenningen subgraph", async () => {
    const a = await system.vraag(SUGGESTIES, { id: lerende.lerendeId }, begeleider);
    expect(a.errors).toBeUndefined();
    const lijst = (a.data?.['lerende'] as { suggesties: Record<string, unknown>[] }).suggesties;
    expect(lijst[0]).toMatchObject({
      onderneming: { ondernemingsnummer: kboPunten(suggestie.ondernemingsnummer) },
      vestiging: { vestigingsnummer: vestigingPunten(suggestie.vestigingsnummer) },
      opleiding: { code: suggestie.opleidingscode },
    });
    // The onderneming's name comes from the erkenningen subgraph: the reference was resolved there.
    expect(typeof (lijst[0]?.['onderneming'] as { naam: unknown }).naam).toBe('string');
  });

  it("proposes a match: Kazi records it once, with the caller's sub as door", async () => {
    const a = await stelVoor(voorstel());
    expect(a.errors).toBeUndefined();
    match = a.data?.['stelMatchVoor'] as GraafMatch;
    expect(match).toMatchObject({
      versie: 1,
      status: 'VOORGESTELD',
      historiek: [{ status: 'VOORGESTELD', door: SUB }],
      lerende: { id: lerende.lerendeId, voornaam: lerende.voornaam },
      onderneming: { ondernemingsnummer: kboPunten(suggestie.ondernemingsnummer) },
      vestiging: { vestigingsnummer: vestigingPunten(suggestie.vestigingsnummer) },
    });
    const inKazi = (await matchesVan(basis, lerende.lerendeId)).filter((m) => m.matchId === match.id);
    expect(inKazi).toHaveLength(1);
  });

  it('moves it IN_GESPREK with the versie it read', async () => {
    const a = await wijzig({ matchId: match.id, versie: 1, status: 'IN_GESPREK', reden: 'stap IN_GESPREK' });
    expect(a.errors).toBeUndefined();
    // Kept open for the refusals below; the last test takes it on to GESTART.
    match = a.data?.['wijzigMatchStatus'] as GraafMatch;
    expect(match).toMatchObject({ versie: 2, status: 'IN_GESPREK', historiek: [{}, { door: SUB }] });
  });

  it('refuses a stale versie with VERSIE_CONFLICT, leaving Kazi unchanged', async () => {
    await bewaarKazi();
    const a = await wijzig({ matchId: match.id, versie: match.versie - 1, status: 'OVEREENKOMST' });
    expect(code(a)).toBe('VERSIE_CONFLICT');
    expect(a.data?.['wijzigMatchStatus'] ?? null).toBeNull();
    await kaziOnveranderd();
  });

  it('refuses a transition the rules forbid with CONFLICT, before calling Kazi', async () => {
    await bewaarKazi();
    const patches = await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}');
    const a = await wijzig({ matchId: match.id, versie: match.versie, status: 'GESTART' });
    expect(code(a)).toBe('CONFLICT');
    expect(await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}')).toBe(patches);
    await kaziOnveranderd();
  });

  it('refuses a second open match for the same learner and opleiding with CONFLICT', async () => {
    await bewaarKazi();
    const a = await stelVoor(voorstel());
    expect(code(a)).toBe('CONFLICT');
    await kaziOnveranderd();
  });

  it('refuses the same idempotencyKey with other input as BAD_USER_INPUT', async () => {
    const eerste = voorstel();
    const andere = await kiesLerende(basis, new Set([lerende.lerendeId]), 1);
    const anderBegeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: andere.lerende.instellingsnummer,
      sub: 'tb-matching-2',
    });
    const ok = await stelVoor(
      {
        lerendeId: andere.lerende.lerendeId,
        ondernemingsnummer: andere.suggestie.ondernemingsnummer,
        vestigingsnummer: andere.suggestie.vestigingsnummer,
        opleidingscode: andere.suggestie.opleidingscode,
        idempotencyKey: eerste.idempotencyKey,
      },
      anderBegeleider,
    );
    expect(ok.errors).toBeUndefined();
    await bewaarKazi();
    const a = await stelVoor(eerste);
    expect(code(a)).toBe('BAD_USER_INPUT');
    expect(a.errors?.[0]?.extensions?.['argument']).toBe('input.idempotencyKey');
    await kaziOnveranderd();
  });

  it('refuses a learner of another school, and a caller without a token, with FORBIDDEN before Kazi is written', async () => {
    await bewaarKazi();
    const posts = await kaziVerzoeken(basis, 'POST /kazi/v1/matches');
    const patches = await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}');
    const andereSchool = (await leesLerenden(basis)).find(
      (l) => l.instellingsnummer !== lerende.instellingsnummer,
    )?.instellingsnummer;
    const ander = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: andereSchool ?? '',
      sub: 'tb-elders',
    });
    for (const headers of [ander, {}]) {
      const v = await stelVoor(voorstel(), headers);
      expect(code(v)).toBe('FORBIDDEN');
      const w = await wijzig({ matchId: match.id, versie: match.versie, status: 'AFGEWEZEN' }, headers);
      expect(code(w)).toBe('FORBIDDEN');
      for (const fout of [...(v.errors ?? []), ...(w.errors ?? [])])
        expect(JSON.stringify(fout)).not.toContain(lerende.familienaam);
    }
    for (const rol of [{ rol: 'analist' as const }, { rol: 'partner' as const, sector: 'VOLTA' }]) {
      expect(code(await stelVoor(voorstel(), await alsRol(rol)))).toBe('FORBIDDEN');
    }
    expect(await kaziVerzoeken(basis, 'POST /kazi/v1/matches')).toBe(posts);
    expect(await kaziVerzoeken(basis, 'PATCH /kazi/v1/matches/{matchId}')).toBe(patches);
    await kaziOnveranderd();
  });

  it('validates the input before any call, naming the field', async () => {
    const posts = await kaziVerzoeken(basis, 'POST /kazi/v1/matches');
    const a = await stelVoor({ ...voorstel(), ondernemingsnummer: '0403.170.702' });
    expect(code(a)).toBe('BAD_USER_INPUT');
    expect(a.errors?.[0]?.extensions?.['argument']).toBe('input.ondernemingsnummer');
    const b = await wijzig({ matchId: match.id, versie: match.versie, status: 'VOORGESTELD' });
    expect(b.errors?.[0]?.extensions?.['argument']).toBe('input.status');
    expect(await kaziVerzoeken(basis, 'POST /kazi/v1/matches')).toBe(posts);
  });

  it('takes the match on to GESTART; Kazi shows exactly that history, door the caller every step', async () => {
    let versie = match.versie;
    for (const status of ['OVEREENKOMST', 'GESTART']) {
      const a = await wijzig({ matchId: match.id, versie, status });
      expect(a.errors).toBeUndefined();
      versie = (a.data?.['wijzigMatchStatus'] as GraafMatch).versie;
    }
    const [inKazi] = (await matchesVan(basis, lerende.lerendeId)).filter((m) => m.matchId === match.id);
    expect(inKazi).toMatchObject({ versie: 4, status: 'GESTART' });
    expect(inKazi?.historiek.map((g) => [g.status, g.door])).toEqual([
      ['VOORGESTELD', SUB],
      ['IN_GESPREK', SUB],
      ['OVEREENKOMST', SUB],
      ['GESTART', SUB],
    ]);
    expect(inKazi?.historiek[1]?.reden).toBe('stap IN_GESPREK');
    // GESTART is final.
    const a = await wijzig({ matchId: match.id, versie, status: 'AFGEWEZEN' });
    expect(code(a)).toBe('CONFLICT');
  });
});
