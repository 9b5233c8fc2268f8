import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesLerenden } from './kazi-reader.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/**
 * Every partner meets every fault mode of the mocks, with refreshes every
 * second: in round r partner i gets mode (i + r) mod 8, the eighth "mode" being
 * no fault, so each round faults seven partners at once and leaves one alone,
 * and eight rounds cover all 56 pairs in about a minute and a half.
 */
const PARTNERS = [
  'VOLTA',
  'EDUCAM',
  'CONSTRUCTIV',
  'MTECH',
  'WOODWIZE',
  'ONDERWIJS',
  'VDAB',
  'KAZI',
] as const;
type Partner = (typeof PARTNERS)[number];
const MODI = ['down', 'slow', 'error500', 'malformed', 'ratelimit', 'flaky', 'truncated', null] as const;
type Modus = (typeof MODI)[number];

const PARTNER_TIMEOUT_MS = 1_000;
/** The bound on any answer while a partner is at fault. */
const MAX_ANTWOORD_MS = 2 * PARTNER_TIMEOUT_MS + 2_000;
/** The index's grace here: long enough for a sync on a loaded machine, short enough for a round. */
const VDAB_GRACE_S = 8;
/** How long a round waits at most for its faults to show, and for everything to be ACTUEEL again after. */
const WACHT_MS = 20_000;

const QUERY = `{
  volta: ondernemingen(filter: { sector: VOLTA }, first: 1) { totalCount }
  educam: ondernemingen(filter: { sector: EDUCAM }, first: 1) { totalCount }
  constructiv: ondernemingen(filter: { sector: CONSTRUCTIV }, first: 1) { totalCount }
  mtech: ondernemingen(filter: { sector: MTECH }, first: 1) { totalCount }
  woodwize: ondernemingen(filter: { sector: WOODWIZE }, first: 1) { totalCount }
  opleidingen { code }
  vacatures(first: 1) { totalCount }
  lerenden(first: 100) { totalCount }
  radar(provincie: WEST_VLAANDEREN, niveau: HOGER) { regioCode opleidingscode aantalZoekendeLerenden { waarde onderdrukt } }
}`;

/** The part of the answer each partner's data makes. */
function deel(data: Record<string, unknown> | null | undefined, partner: Partner): unknown {
  switch (partner) {
    case 'ONDERWIJS':
      return data?.['opleidingen'] ?? null;
    case 'VDAB':
      return data?.['vacatures'] ?? null;
    case 'KAZI':
      return {
        lerenden: data?.['lerenden'] ?? null,
        radar: ((data?.['radar'] ?? []) as { aantalZoekendeLerenden: unknown }[]).map(
          (c) => c.aantalZoekendeLerenden,
        ),
      };
    default:
      return data?.[partner.toLowerCase()] ?? null;
  }
}

interface Bron {
  bron: string;
  toestand: string;
  reden?: string;
}

interface Meting {
  readonly ms: number;
  readonly antwoord: GraphResponse;
  readonly bronnen: Map<string, Bron>;
  readonly onbeschikbaar: string[];
}

describe('the fault matrix: every partner in every fault mode', () => {
  let system: System;
  let begeleider: Record<string, string>;
  let basis: Record<string, unknown>;

  const meet = async (): Promise<Meting> => {
    const start = performance.now();
    const antwoord = await system.vraag(QUERY, undefined, begeleider);
    const ms = performance.now() - start;
    const bronnen = new Map(
      ((antwoord.extensions?.['bronnen'] ?? []) as Bron[]).map((b) => [b.bron, b] as const),
    );
    const onbeschikbaar = (antwoord.errors ?? [])
      .filter((e) => e.extensions?.['code'] === 'PARTNER_UNAVAILABLE')
      .map((e) => String(e.extensions?.['bron']));
    return { ms, antwoord, bronnen, onbeschikbaar };
  };

  /**
   * What must hold of every answer, at fault or not: in time; each partner's part
   * the same as before, or left out with exactly one PARTNER_UNAVAILABLE naming it;
   * a source not ACTUEEL says why; no error but PARTNER_UNAVAILABLE.
   */
  const controleer = (m: Meting, context: string): void => {
    expect(m.ms, `${context}: answer time`).toBeLessThan(MAX_ANTWOORD_MS);
    expect(
      (m.antwoord.errors ?? []).filter((e) => e.extensions?.['code'] !== 'PARTNER_UNAVAILABLE'),
      context,
    ).toEqual([]);
    for (const partner of PARTNERS) {
      const meldingen = m.onbeschikbaar.filter((b) => b === partner).length;
      expect(meldingen, `${context}: PARTNER_UNAVAILABLE for ${partner}`).toBeLessThanOrEqual(1);
      const bron = m.bronnen.get(partner);
      if (bron && bron.toestand !== 'ACTUEEL')
        expect(bron.reden, `${context}: reden of ${partner}`).toBeTruthy();
      if (meldingen === 1) continue;
      expect(deel(m.antwoord.data, partner), `${context}: data of ${partner}`).toEqual(deel(basis, partner));
    }
  };

  const zetStoring = async (partner: Partner, mode: Exclude<Modus, null>) => {
    const antwoord = await fetch(`${system.mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Slow beyond the timeout, so that a read fails; a short Retry-After, so that the round stays short.
      body: JSON.stringify({
        partner: partner.toLowerCase(),
        mode,
        delayMs: 3 * PARTNER_TIMEOUT_MS,
        retryAfterS: 1,
      }),
    });
    expect(antwoord.status).toBe(200);
  };

  beforeAll(async () => {
    system = await startSystem({
      vdabPerSeconde: 1_000,
      omgeving: {
        SNAPSHOT_INTERVAL_S: '1',
        VDAB_SYNC_INTERVAL: '0.5',
        // VDAB answering 429 shows as VEROUDERD after two syncs and this, not after the contract's minute.
        VDAB_FRESHNESS_GRACE_S: String(VDAB_GRACE_S),
        PARTNER_TIMEOUT_MS: String(PARTNER_TIMEOUT_MS),
        // Kazi's breaker opens in a fault round; a short cool-down keeps the wait for ACTUEEL after it short.
        KAZI_BREAKER_COOLDOWN_MS: '2000',
      },
    });
    const [lerende] = await leesLerenden(system.mock.url);
    if (!lerende) throw new Error('the mock has no lerenden');
    begeleider = await alsRol({ rol: 'trajectbegeleider', instellingsnummer: lerende.instellingsnummer });
    const eerste = await meet();
    expect(eerste.antwoord.errors).toBeUndefined();
    expect([...eerste.bronnen.values()].every((b) => b.toestand === 'ACTUEEL')).toBe(true);
    basis = eerste.antwoord.data ?? {};
    expect((basis['lerenden'] as { totalCount: number }).totalCount).toBeGreaterThan(0);
  }, 240_000);

  afterAll(async () => {
    await fetch(`${system.mock.url}/_mock/faults`, { method: 'DELETE' });
    await system.stop();
  });

  /**
   * A fault must show as VEROUDERD (a refresh failed) or as PARTNER_UNAVAILABLE
   * (a live read failed), except where it may not: a flaky partner may answer
   * every read of a round (its answers are still checked by `controleer`).
   * VDAB rate-limited shows as VEROUDERD with reden RATE_LIMITED: its sync
   * waits out the 429s without failing, and the index ages past two syncs and
   * the grace (VDAB_FRESHNESS_GRACE_S, short here).
   */
  const moetTonen = (mode: Modus): boolean => mode !== null && mode !== 'flaky';

  const getoond = (m: Meting, partner: Partner): boolean =>
    m.onbeschikbaar.includes(partner) || (m.bronnen.get(partner)?.toestand ?? 'ACTUEEL') !== 'ACTUEEL';

  const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const tijdensStoring = async (storingen: readonly (readonly [Partner, Modus])[], naam: string) => {
    const tonen = storingen.filter(([, mode]) => moetTonen(mode));
    const tot = Date.now() + WACHT_MS;
    let m = await meet();
    controleer(m, `${naam}, at fault`);
    while (!tonen.every(([p]) => getoond(m, p)) && Date.now() < tot) {
      await wacht(300);
      m = await meet();
      controleer(m, `${naam}, at fault`);
    }
    for (const [partner, mode] of tonen) expect(getoond(m, partner), `${partner} ${mode} shows`).toBe(true);
    if (storingen.some(([p, mode]) => p === 'VDAB' && mode === 'ratelimit'))
      expect(m.bronnen.get('VDAB'), 'VDAB ratelimit').toMatchObject({
        toestand: 'VEROUDERD',
        reden: 'RATE_LIMITED',
      });
    // The partner without a fault is untouched.
    for (const [partner] of storingen.filter(([, mode]) => mode === null)) {
      expect(m.bronnen.get(partner), `${partner} without fault`).toMatchObject({ toestand: 'ACTUEEL' });
      expect(m.onbeschikbaar).not.toContain(partner);
    }
  };

  const weerActueel = async (naam: string) => {
    const tot = Date.now() + WACHT_MS;
    let m = await meet();
    while (
      (m.antwoord.errors !== undefined || [...m.bronnen.values()].some((b) => b.toestand !== 'ACTUEEL')) &&
      Date.now() < tot
    ) {
      await wacht(300);
      m = await meet();
    }
    expect(m.antwoord.errors, `${naam}, after`).toBeUndefined();
    expect(
      [...m.bronnen.values()].filter((b) => b.toestand !== 'ACTUEEL'),
      `${naam}, after`,
    ).toEqual([]);
    expect(m.antwoord.data).toEqual(basis);
  };

  for (let ronde = 0; ronde < MODI.length; ronde++) {
    const storingen = PARTNERS.map(
      (partner, i) => [partner, MODI[(i + ronde) % MODI.length] ?? null] as const,
    );
    const naam = storingen.map(([p, m]) => `${p} ${m ?? 'ok'}`).join(', ');
    it(`round ${ronde + 1}: ${naam}`, { timeout: 3 * WACHT_MS }, async () => {
      try {
        for (const [partner, mode] of storingen) if (mode) await zetStoring(partner, mode);
        await tijdensStoring(storingen, naam);
      } finally {
        await fetch(`${system.mock.url}/_mock/faults`, { method: 'DELETE' });
      }
      await weerActueel(naam);
    });
  }
});
