import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesLerenden, wisStoring, zetStoring, type KaziLerende } from './kazi-reader.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { alsRol } from './tokens.ts';

const DREMPEL = 3;
const AFKOELEN_MS = 3_000;

const LERENDE = 'query($id: ID!) { lerende(id: $id) { id status } }';
const TELLING = 'query($f: LerendeFilter) { lerendenTelling(filter: $f) { waarde onderdrukt } }';

/** Every request Kazi got, whatever its route; the mock counts them before any fault. */
async function kaziAantal(basis: string): Promise<number> {
  const stats = (await (await fetch(`${basis}/_mock/stats`)).json()) as { kazi?: { requests: number } };
  return stats.kazi?.requests ?? 0;
}

function fouten(a: GraphResponse): { code: unknown; reden: unknown }[] {
  return (a.errors ?? []).map((f) => ({ code: f.extensions?.['code'], reden: f.extensions?.['reden'] }));
}

const STATUSSEN = new Set(['ZOEKEND', 'IN_GESPREK', 'GEMATCHT', 'GESTART', 'GESTOPT']);

/** A learner record as kazi.md describes it; the graph leaves the others out (and reports them in `kazibron`). */
function isGeldig(l: KaziLerende): boolean {
  const r = l as unknown as Record<string, unknown>;
  return (
    typeof r['lerendeId'] === 'string' &&
    r['lerendeId'] !== '' &&
    typeof r['instellingsnummer'] === 'string' &&
    /^\d{6}$/.test(r['instellingsnummer']) &&
    typeof r['opleidingscode'] === 'string' &&
    r['opleidingscode'] !== '' &&
    typeof r['woonplaatsNisCode'] === 'string' &&
    /^[1-9]\d{4}$/.test(r['woonplaatsNisCode']) &&
    Number.isInteger(r['mobiliteitKm']) &&
    (r['mobiliteitKm'] as number) >= 0 &&
    STATUSSEN.has(String(r['status']))
  );
}

type Filter = { opleidingscode?: string | undefined; status?: string | undefined };

/** The contract's count: 1 to 4 suppressed, also by difference with a school's own or with a broader filter. */
function verwacht(
  lerenden: readonly KaziLerende[],
  f: Filter,
): { waarde: number | null; onderdrukt: boolean } {
  const past = (l: KaziLerende, g: Filter) =>
    (g.opleidingscode === undefined || l.opleidingscode === g.opleidingscode) &&
    (g.status === undefined || l.status === g.status);
  const klein = (n: number) => n >= 1 && n <= 4;
  const gekozen = lerenden.filter((l) => past(l, f));
  const scholen = new Set(gekozen.map((l) => l.instellingsnummer));
  const ruimer = [
    ...(f.opleidingscode === undefined ? [] : [{ ...f, opleidingscode: undefined }]),
    ...(f.status === undefined ? [] : [{ ...f, status: undefined }]),
  ].map((g) => lerenden.filter((l) => past(l, g)).length);
  const onderdrukt =
    klein(gekozen.length) ||
    [...scholen].some((s) => klein(gekozen.filter((l) => l.instellingsnummer !== s).length)) ||
    ruimer.some((r) => klein(r - gekozen.length));
  return onderdrukt ? { waarde: null, onderdrukt: true } : { waarde: gekozen.length, onderdrukt: false };
}

describe("Kazi's circuit breaker, and the count of learners", () => {
  let system: System;
  let lerende: KaziLerende;
  let lerenden: KaziLerende[];
  let begeleider: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({
      vdabPerSeconde: 1_000,
      omgeving: {
        KAZI_BREAKER_THRESHOLD: String(DREMPEL),
        KAZI_BREAKER_COOLDOWN_MS: String(AFKOELEN_MS),
      },
    });
    const ruw = await leesLerenden(system.mock.url);
    lerenden = [...new Map(ruw.filter(isGeldig).map((l) => [l.lerendeId, l])).values()];
    lerende = lerenden[0] as KaziLerende;
    begeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: lerende.instellingsnummer,
      sub: 'tb-breaker',
    });
  });

  afterAll(async () => {
    await wisStoring(system.mock.url);
    await system.stop();
  });

  it('lerendenTelling equals an independent count of Kazi, for analist and beheerder', async () => {
    const perCode = new Map<string, number>();
    for (const l of lerenden) perCode.set(l.opleidingscode, (perCode.get(l.opleidingscode) ?? 0) + 1);
    const codes = [...perCode].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    const filters: (Filter | null)[] = [
      null,
      { status: 'ZOEKEND' },
      { status: 'GESTART' },
      { opleidingscode: codes[0] ?? '' },
      { opleidingscode: codes[0] ?? '', status: 'ZOEKEND' },
      { opleidingscode: codes.at(-1) ?? '' },
      { opleidingscode: codes.at(-1) ?? '', status: 'GESTOPT' },
    ];
    for (const rol of ['analist', 'beheerder'] as const) {
      const headers = await alsRol({ rol });
      for (const f of filters) {
        const a = await system.vraag(TELLING, { f }, headers);
        expect(a.errors).toBeUndefined();
        expect({ f, telling: a.data?.['lerendenTelling'] }).toEqual({
          f,
          telling: verwacht(lerenden, f ?? {}),
        });
      }
    }
    // The case the suppression is for: a count of 1 to 4 is never shown.
    expect(filters.some((f) => verwacht(lerenden, f ?? {}).onderdrukt)).toBe(true);
  });

  it('lerendenTelling is FORBIDDEN for everyone else, and filtering it on a school is FORBIDDEN', async () => {
    const anderen = [{}, await alsRol({ rol: 'partner', sector: 'VOLTA' }), begeleider];
    for (const headers of anderen) {
      const a = await system.vraag(TELLING, { f: null }, headers);
      expect(a.data?.['lerendenTelling']).toBeNull();
      expect(fouten(a).map((f) => f.code)).toEqual(['FORBIDDEN']);
    }
    const school = await system.vraag(
      TELLING,
      { f: { instellingsnummer: lerende.instellingsnummer } },
      await alsRol({ rol: 'analist' }),
    );
    expect(fouten(school).map((f) => f.code)).toEqual(['FORBIDDEN']);
  });

  it('opens after repeated failures, fails fast without calling Kazi, and recovers after the cool-down', async () => {
    const basis = system.mock.url;
    const vraag = () => system.vraag(LERENDE, { id: lerende.lerendeId }, begeleider);
    expect((await vraag()).data?.['lerende']).toEqual({ id: lerende.lerendeId, status: lerende.status });

    await zetStoring(basis, 'down');
    for (let i = 0; i < DREMPEL; i++) {
      const a = await vraag();
      expect(a.data?.['lerende']).toBeNull();
      expect(fouten(a)).toEqual([{ code: 'PARTNER_UNAVAILABLE', reden: 'DOWN' }]);
    }

    // Open: the graph answers at once, naming the breaker, and Kazi hears nothing.
    const voor = await kaziAantal(basis);
    for (let i = 0; i < 3; i++) {
      const a = await vraag();
      expect(a.data?.['lerende']).toBeNull();
      expect(fouten(a)).toEqual([{ code: 'PARTNER_UNAVAILABLE', reden: 'CIRCUIT_OPEN' }]);
      expect(a.extensions?.['bronnen']).toEqual([
        { bron: 'KAZI', toestand: 'ONBESCHIKBAAR', bijgewerktOp: null, reden: 'CIRCUIT_OPEN' },
      ]);
    }
    expect(await kaziAantal(basis)).toBe(voor);

    // Kazi is back; after the cool-down one request probes, succeeds and closes the breaker.
    await wisStoring(basis);
    let antwoord: GraphResponse = await vraag();
    const tot = Date.now() + 4 * AFKOELEN_MS;
    while (antwoord.errors !== undefined && Date.now() < tot) {
      expect(fouten(antwoord)).toEqual([{ code: 'PARTNER_UNAVAILABLE', reden: 'CIRCUIT_OPEN' }]);
      await new Promise((r) => setTimeout(r, 250));
      antwoord = await vraag();
    }
    expect(antwoord.errors).toBeUndefined();
    expect(antwoord.data?.['lerende']).toEqual({ id: lerende.lerendeId, status: lerende.status });
    expect(await kaziAantal(basis)).toBeGreaterThan(voor);
    // Closed again: the next requests go to Kazi as before.
    const daarna = await kaziAantal(basis);
    expect((await vraag()).errors).toBeUndefined();
    expect(await kaziAantal(basis)).toBeGreaterThan(daarna);
  });
});
