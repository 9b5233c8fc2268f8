import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kaziVerzoeken,
  kiesLerende,
  matchesVan,
  wisStoring,
  zetStoring,
  type KaziLerende,
  type KaziSuggestie,
} from './kazi-reader.ts';
import { startKaziProxy, type KaziProxy } from './kazi-proxy.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { alsRol } from './tokens.ts';

const STEL_VOOR = `mutation($input: StelMatchVoorInput!) {
  stelMatchVoor(input: $input) { id versie status historiek { status door } }
}`;

const WIJZIG = `mutation($input: WijzigMatchStatusInput!) {
  wijzigMatchStatus(input: $input) { id versie status historiek { status door } }
}`;

interface Geval {
  lerende: KaziLerende;
  suggestie: KaziSuggestie;
  begeleider: Record<string, string>;
  input: Record<string, unknown>;
}

function match(a: GraphResponse): { id: string; versie: number; status: string } {
  expect(a.errors).toBeUndefined();
  return a.data?.['stelMatchVoor'] as { id: string; versie: number; status: string };
}

/**
 * Exactly once: however often the same proposal reaches Kazi (ten callers at
 * once, the graph's own retry after a lost answer, the caller's retry after a
 * failure), Kazi ends up with one match.
 */
describe('stelMatchVoor exactly once, wijzigMatchStatus never twice', () => {
  let system: System;
  let proxy: KaziProxy;
  let basis: string;
  const gebruikt = new Set<string>();

  /** A fresh learner for each case, so that each case counts its own matches. */
  async function geval(sub: string): Promise<Geval> {
    const { lerende, suggestie } = await kiesLerende(basis, gebruikt, 1);
    gebruikt.add(lerende.lerendeId);
    return {
      lerende,
      suggestie,
      begeleider: await alsRol({
        rol: 'trajectbegeleider',
        instellingsnummer: lerende.instellingsnummer,
        sub,
      }),
      input: {
        lerendeId: lerende.lerendeId,
        ondernemingsnummer: suggestie.ondernemingsnummer,
        vestigingsnummer: suggestie.vestigingsnummer,
        opleidingscode: suggestie.opleidingscode,
        idempotencyKey: randomUUID(),
      },
    };
  }

  const nieuweMatches = async (g: Geval) =>
    (await matchesVan(basis, g.lerende.lerendeId)).filter((m) => m.historiek[0]?.door.startsWith('tb-'));

  beforeAll(async () => {
    proxy = await startKaziProxy();
    system = await startSystem({
      vdabPerSeconde: 1_000,
      omgeving: { KAZI_URL: `${proxy.url}/kazi` },
      voorStart: (mock) => {
        proxy.doel = mock.url;
        return Promise.resolve();
      },
    });
    basis = system.mock.url;
  });

  afterAll(async () => {
    await wisStoring(basis);
    await system.stop();
    await proxy.stop();
  });

  it('the same stelMatchVoor sent 10 times at once leaves exactly one match', async () => {
    const g = await geval('tb-eenmaal-1');
    const posts = await kaziVerzoeken(basis, 'POST /kazi/v1/matches');
    const antwoorden = await Promise.all(
      Array.from({ length: 10 }, () => system.vraag(STEL_VOOR, { input: g.input }, g.begeleider)),
    );
    const ids = new Set(antwoorden.map((a) => match(a).id));
    expect(ids.size).toBe(1);
    expect(await kaziVerzoeken(basis, 'POST /kazi/v1/matches')).toBe(posts + 10);
    const inKazi = await nieuweMatches(g);
    expect(inKazi.map((m) => m.matchId)).toEqual([...ids]);
    expect(inKazi[0]?.historiek).toEqual([
      expect.objectContaining({ status: 'VOORGESTELD', door: 'tb-eenmaal-1' }),
    ]);
  });

  it("an answer lost after Kazi wrote the match: the graph's retry with the same key gets that match", async () => {
    const g = await geval('tb-eenmaal-2');
    const voor = proxy.aantal('POST', '/kazi/v1/matches');
    proxy.verliesAntwoord('POST', '/kazi/v1/matches');
    const m = match(await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider));
    // Kazi got the proposal twice and made one match of it.
    expect(proxy.aantal('POST', '/kazi/v1/matches')).toBe(voor + 2);
    expect((await nieuweMatches(g)).map((x) => x.matchId)).toEqual([m.id]);
  });

  for (const mode of ['down', 'truncated']) {
    it(`Kazi failing (${mode}): the caller's retry after the fault leaves exactly one match`, async () => {
      const g = await geval(`tb-eenmaal-${mode}`);
      await zetStoring(basis, mode);
      const mislukt = await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider);
      await wisStoring(basis);
      expect(mislukt.errors?.[0]?.extensions).toMatchObject({ code: 'PARTNER_UNAVAILABLE', bron: 'KAZI' });
      const eerste = match(await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider));
      const tweede = match(await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider));
      expect(tweede.id).toBe(eerste.id);
      expect((await nieuweMatches(g)).map((x) => x.matchId)).toEqual([eerste.id]);
    });
  }

  it('a proposal Kazi wrote whose answer is lost on every attempt: the next call gets that one match', async () => {
    const g = await geval('tb-eenmaal-afgekapt');
    // Only the write loses its answers (all three attempts): the learner lookup before it goes through.
    proxy.verliesAntwoord('POST', '/kazi/v1/matches', 3);
    const mislukt = await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider);
    expect(mislukt.errors?.[0]?.extensions).toMatchObject({ code: 'PARTNER_UNAVAILABLE', bron: 'KAZI' });
    const [geschreven] = await nieuweMatches(g);
    expect(geschreven).toBeDefined();
    const m = match(await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider));
    expect(m.id).toBe(geschreven?.matchId);
    expect((await nieuweMatches(g)).map((x) => x.matchId)).toEqual([m.id]);
  });

  it('a PATCH whose answer is lost is not sent again: the graph reads the match and finds its own change', async () => {
    const g = await geval('tb-eenmaal-patch');
    const m = match(await system.vraag(STEL_VOOR, { input: g.input }, g.begeleider));
    const patches = proxy.aantal('PATCH', '/kazi/v1/matches/');
    proxy.verliesAntwoord('PATCH', '/kazi/v1/matches/');
    const a = await system.vraag(
      WIJZIG,
      { input: { matchId: m.id, versie: 1, status: 'IN_GESPREK' } },
      g.begeleider,
    );
    expect(a.errors).toBeUndefined();
    expect(a.data?.['wijzigMatchStatus']).toMatchObject({ id: m.id, versie: 2, status: 'IN_GESPREK' });
    expect(proxy.aantal('PATCH', '/kazi/v1/matches/')).toBe(patches + 1);
    const [inKazi] = await nieuweMatches(g);
    expect(inKazi?.historiek.map((x) => x.status)).toEqual(['VOORGESTELD', 'IN_GESPREK']);
  });
});
