import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDAB_API } from '../contract/vdab-reader.ts';
import { startSystem, type System } from './system.ts';

/**
 * VDAB at its real limit of 10 requests a second, with a storm of 429s during
 * the initial load and tokens that die sooner than `expires_in` says, so that
 * the client meets `invalid_token` again and again. The load must still end
 * complete, and the client must not fetch a token per call.
 */
const STORM_MS = 2_500;
const TOKEN_PAD = 'POST /vdab/isam/sps/oauth/oauth20/token';

interface Stats {
  vdab: { requests: number; status429: number; routes: Record<string, number> };
}

describe('loading VDAB under its limit, through a 429 storm and expiring tokens', () => {
  let system: System;
  let stats: Stats;

  beforeAll(async () => {
    system = await startSystem({
      // The mock says a token lives 1 s (`expires_in` is whole seconds) but ends it after 0.6 s: the
      // client renews in the last quarter, so calls between 0.6 and 0.75 s meet `invalid_token`.
      mock: { vdabTokenTtlS: 0.6 },
      voorStart: async (mock) => {
        await fetch(`${mock.url}/_mock/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ partner: 'vdab', mode: 'ratelimit', retryAfterS: 1 }),
        });
        // The storm lasts STORM_MS from VDAB's first request, not from now: on a busy machine the
        // subgraphs may take longer than the storm to start, and the client would never meet it.
        const stormNaEersteVerzoek = async () => {
          for (;;) {
            const nu = (await (await fetch(`${mock.url}/_mock/stats`)).json()) as Stats;
            if (nu.vdab.requests > 0) break;
            await new Promise((klaar) => setTimeout(klaar, 50));
          }
          await new Promise((klaar) => setTimeout(klaar, STORM_MS));
          await fetch(`${mock.url}/_mock/faults/vdab`, { method: 'DELETE' });
        };
        // Once the mock is stopped there is no storm left to end.
        stormNaEersteVerzoek().catch(() => undefined);
      },
    });
    stats = (await (await fetch(`${system.mock.url}/_mock/stats`)).json()) as Stats;
  });

  afterAll(async () => {
    await system.stop();
  });

  it('ends the initial load complete: every published vacature in the graph, none lost', async () => {
    expect(stats.vdab.status429).toBeGreaterThan(0);
    const verwacht = system.mock.wereld.vdab.vacatures.map((v) =>
      String(v.vacatureReferentie.vdabReferentie),
    );
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const antwoord = await system.vraag(
        'query($after: String) { vacatures(first: 100, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(antwoord.errors).toBeUndefined();
      const pagina = antwoord.data?.['vacatures'] as {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      expect(pagina.totalCount).toBe(verwacht.length);
      ids.push(...pagina.edges.map((e) => e.node.id));
      after = pagina.pageInfo.hasNextPage ? pagina.pageInfo.endCursor : null;
    } while (after !== null);
    expect(ids.sort()).toEqual([...verwacht].sort());
  });

  it('read every page of initial once it got through, and waited out the 429s instead of giving up', () => {
    const client = system.vacatures().client;
    expect(client.wachtbeurten).toBeGreaterThan(0);
    const paginas = Math.ceil(system.mock.wereld.vdab.vacatures.length / 100);
    expect(stats.vdab.routes[`GET ${VDAB_API}/vacatures/initial`]).toBeGreaterThanOrEqual(paginas);
  });

  it('renewed its expired token as needed, and never fetched one per call', () => {
    const tokens = stats.vdab.routes[TOKEN_PAD] ?? 0;
    const paginas = Math.ceil(system.mock.wereld.vdab.vacatures.length / 100);
    // Each token lives 0.6 s at 10 requests a second: several renewals, each serving several calls.
    expect(tokens).toBeGreaterThan(1);
    expect(tokens).toBeLessThan(paginas / 2);
    expect(system.vacatures().client.tokens.aanvragen).toBeLessThanOrEqual(tokens);
  });
});
