import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vacature } from '../contract/vdab-reader.ts';
import { startSystem, type System } from './system.ts';

const PARTNER_TIMEOUT_MS = 1_000;
/** Syncs this often; the copy is ACTUEEL for two of these and the grace (the contract's minute, shorter here). */
const SYNC_INTERVAL_S = 0.5;
const GRACE_S = 8;
const VEROUDERD_NA_MS = 2 * SYNC_INTERVAL_S * 1000 + GRACE_S * 1000;

const QUERY = `{ vacatures(first: 1) { totalCount } }`;

interface Meting {
  readonly ms: number;
  readonly totaal: number | null;
  readonly vdab: { toestand: string; reden?: string; bijgewerktOp: string | null } | undefined;
}

describe('VDAB rate-limited: the index ages honestly, and completes after', () => {
  let system: System;
  let basis: number;

  const meet = async (): Promise<Meting> => {
    const start = performance.now();
    const antwoord = await system.vraag(QUERY);
    const ms = performance.now() - start;
    const bronnen = (antwoord.extensions?.['bronnen'] ?? []) as (Meting['vdab'] & { bron: string })[];
    return {
      ms,
      totaal: (antwoord.data?.['vacatures'] as { totalCount: number } | null)?.totalCount ?? null,
      vdab: bronnen.find((b) => b.bron === 'VDAB'),
    };
  };

  beforeAll(async () => {
    system = await startSystem({
      vdabPerSeconde: 1_000,
      omgeving: {
        VDAB_SYNC_INTERVAL: String(SYNC_INTERVAL_S),
        VDAB_FRESHNESS_GRACE_S: String(GRACE_S),
        PARTNER_TIMEOUT_MS: String(PARTNER_TIMEOUT_MS),
      },
    });
    const m = await meet();
    expect(m.vdab?.toestand).toBe('ACTUEEL');
    basis = m.totaal ?? 0;
    expect(basis).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await fetch(`${system.mock.url}/_mock/faults`, { method: 'DELETE' });
    await system.stop();
  });

  it('answers from its copy, ACTUEEL while young, then VEROUDERD with reden RATE_LIMITED; complete once VDAB lets it', async () => {
    // A vacature published while VDAB refuses: the sync must bring it in once the 429s end.
    const vacatures = system.mock.wereld.vdab.vacatures as unknown as Vacature[];
    const bekend = new Set(vacatures.map((v) => v.vacatureReferentie.vdabReferentie));
    let ref = 68_000_001;
    while (bekend.has(ref)) ref += 1;
    const voorbeeld = structuredClone(vacatures[0]);
    if (!voorbeeld) throw new Error('the mock has no vacatures');
    voorbeeld.vacatureReferentie.vdabReferentie = ref;

    const fout = await fetch(`${system.mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'vdab', mode: 'ratelimit', retryAfterS: 1 }),
    });
    expect(fout.status).toBe(200);
    const begin = Date.now();
    const nieuw = await fetch(`${system.mock.url}/_mock/vdab/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(voorbeeld),
    });
    expect(nieuw.status).toBe(200);

    let m = await meet();
    while (m.vdab?.toestand === 'ACTUEEL' && Date.now() - begin < VEROUDERD_NA_MS + 15_000) {
      expect(m.ms).toBeLessThan(2 * PARTNER_TIMEOUT_MS + 2_000);
      expect(m.totaal).toBe(basis);
      await new Promise((r) => setTimeout(r, 1_000));
      m = await meet();
    }
    // Not before the copy is two intervals and a minute old (it was read just before the fault began).
    expect(Date.now() - begin).toBeGreaterThan(VEROUDERD_NA_MS - 2 * SYNC_INTERVAL_S * 1000 - 1_000);
    expect(m.vdab).toMatchObject({ toestand: 'VEROUDERD', reden: 'RATE_LIMITED' });
    expect(m.totaal).toBe(basis);
    expect(m.ms).toBeLessThan(2 * PARTNER_TIMEOUT_MS + 2_000);

    await fetch(`${system.mock.url}/_mock/faults`, { method: 'DELETE' });
    const tot = Date.now() + 20_000;
    m = await meet();
    while ((m.vdab?.toestand !== 'ACTUEEL' || m.totaal !== basis + 1) && Date.now() < tot) {
      await new Promise((r) => setTimeout(r, 300));
      m = await meet();
    }
    expect(m.vdab?.toestand).toBe('ACTUEEL');
    expect(m.vdab?.reden).toBeUndefined();
    expect(m.totaal).toBe(basis + 1);
  }, 150_000);
});
