import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKaziProxy, type KaziProxy } from './kazi-proxy.ts';
import { leesLerenden, matchesVan, wisStoring } from './kazi-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/** What Kazi takes per call in this test: the "merely slow" Kazi. */
const KAZI_MS = 1_500;

const SCHOOL = `{
  lerenden(first: 100) {
    totalCount
    edges { node { id matches { id status } } }
  }
}`;

/**
 * A trajectbegeleider's school of 30 or more learners, with their matches, while
 * Kazi answers 1.5 s a call: one call lists the school, then every learner's
 * matches go out at once (Kazi lists matches per learner only), so the answer
 * takes two calls' time, not one round of calls per eight learners.
 */
describe('the matches of a school of 30 learners with a slow Kazi', () => {
  let system: System;
  let proxy: KaziProxy;
  let school: string;
  let lerenden: string[];

  beforeAll(async () => {
    proxy = await startKaziProxy();
    system = await startSystem({
      vdabPerSeconde: 1_000,
      // Seed 42's largest school has 29 learners; seed 7 has schools of 30 and more.
      mock: { seed: '7' },
      omgeving: { KAZI_URL: `${proxy.url}/kazi` },
      voorStart: (mock) => {
        proxy.doel = mock.url;
        return Promise.resolve();
      },
    });
    const perSchool = new Map<string, string[]>();
    for (const l of await leesLerenden(system.mock.url))
      perSchool.set(l.instellingsnummer, [...(perSchool.get(l.instellingsnummer) ?? []), l.lerendeId]);
    // The case: the smallest school of at least 30 learners.
    [school, lerenden] = [...perSchool]
      .filter(([, ids]) => ids.length >= 30)
      .sort((a, b) => a[1].length - b[1].length)[0] ?? ['', []];
    expect(lerenden.length).toBeGreaterThanOrEqual(30);
  });

  afterAll(async () => {
    await wisStoring(system.mock.url);
    await system.stop();
    await proxy.stop();
  });

  it('answers within two calls of Kazi: one for the school, one round for every learner', async () => {
    const headers = await alsRol({ rol: 'trajectbegeleider', instellingsnummer: school, sub: 'tb-ronden' });
    const fout = await fetch(`${system.mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'kazi', mode: 'slow', delayMs: KAZI_MS }),
    });
    expect(fout.status).toBe(200);
    const lijstVoor = proxy.aantal('GET', '/kazi/v1/lerenden?');
    const matchesVoor = proxy.aantal('GET', '/kazi/v1/matches?');

    const begin = performance.now();
    const a = await system.vraag(SCHOOL, {}, headers);
    const duur = performance.now() - begin;
    await wisStoring(system.mock.url);

    expect(a.errors).toBeUndefined();
    const data = a.data?.['lerenden'] as {
      totalCount: number;
      edges: { node: { id: string; matches: { id: string; status: string }[] } }[];
    };
    expect(data.edges.map((e) => e.node.id).sort()).toEqual([...lerenden].sort());
    // Every learner's matches as Kazi holds them (read after the fault, straight from the mock).
    for (const { node } of data.edges) {
      const kazi = await matchesVan(system.mock.url, node.id);
      expect(node.matches.map((m) => m.id).sort()).toEqual(kazi.map((m) => m.matchId).sort());
    }

    // The calls: one page of the school's list, one listing per learner, nothing more.
    const lijstCalls = proxy.aantal('GET', '/kazi/v1/lerenden?') - lijstVoor;
    const matchCalls = proxy.aantal('GET', '/kazi/v1/matches?') - matchesVoor;
    expect(lijstCalls).toBe(1);
    expect(matchCalls).toBe(lerenden.length);
    // The rounds: every listing of matches under way at once.
    expect(proxy.piek('GET', '/kazi/v1/matches?')).toBe(lerenden.length);
    // Two calls' time; the bound is generous (a busy machine), and rounds of eight would take five calls.
    expect(duur).toBeGreaterThanOrEqual(2 * KAZI_MS);
    expect(duur).toBeLessThan(3 * KAZI_MS);
  });
});
