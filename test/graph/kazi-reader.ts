import { REGIO_VAN_NIS } from './expectations.ts';

/**
 * Kazi read straight from its own endpoints (../shared/partners/kazi.md) with
 * the development API key, and the mock's test hooks: what the graph's answers
 * and writes are checked against, independent of the matching subgraph.
 */

export const KAZI_SLEUTEL = 'kazi-dev-key';

export interface KaziLerende {
  readonly lerendeId: string;
  readonly voornaam: string;
  readonly familienaam: string;
  readonly geboortejaar: number;
  readonly instellingsnummer: string;
  readonly opleidingscode: string;
  readonly woonplaatsNisCode: string;
  readonly status: string;
}

export interface KaziMatch {
  readonly matchId: string;
  readonly versie: number;
  readonly lerendeId: string;
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string | null;
  readonly opleidingscode: string;
  readonly status: string;
  readonly historiek: readonly { status: string; op: string; door: string; reden?: string }[];
}

export interface KaziSuggestie {
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string;
  readonly opleidingscode: string;
}

async function kazi<T>(basis: string, pad: string, body?: unknown): Promise<T> {
  const antwoord = await fetch(`${basis}/kazi/v1${pad}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'x-api-key': KAZI_SLEUTEL,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (antwoord.status !== 200) throw new Error(`Kazi ${pad}: ${antwoord.status} ${await antwoord.text()}`);
  return (await antwoord.json()) as T;
}

/** Every lerende, every page, with an optional filter of Kazi's own. */
export async function leesLerenden(
  basis: string,
  filter: Record<string, string> = {},
): Promise<KaziLerende[]> {
  const uit: KaziLerende[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ page: String(page), size: '200', ...filter });
    const pagina = await kazi<{ items: KaziLerende[]; totalPages: number }>(
      basis,
      `/lerenden?${query.toString()}`,
    );
    uit.push(...pagina.items);
    if (page >= pagina.totalPages || pagina.items.length === 0) return uit;
  }
}

export async function matchesVan(basis: string, lerendeId: string): Promise<KaziMatch[]> {
  return (await kazi<{ items: KaziMatch[] }>(basis, `/matches?lerendeId=${encodeURIComponent(lerendeId)}`))
    .items;
}

export async function suggestiesVan(basis: string, lerendeId: string, max = 10): Promise<KaziSuggestie[]> {
  return (await kazi<{ suggesties: KaziSuggestie[] }>(basis, '/suggesties', { lerendeId, max })).suggesties;
}

const OPEN = new Set(['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST']);

/**
 * A ZOEKEND learner with suggestions and no open match for its opleiding, of a
 * school with at least `minZoekend` ZOEKEND learners; `overslaan` leaves some out.
 */
export async function kiesLerende(
  basis: string,
  overslaan: ReadonlySet<string> = new Set(),
  minZoekend = 2,
): Promise<{ lerende: KaziLerende; suggestie: KaziSuggestie }> {
  const zoekend = await leesLerenden(basis, { status: 'ZOEKEND' });
  const perSchool = new Map<string, number>();
  for (const l of zoekend) perSchool.set(l.instellingsnummer, (perSchool.get(l.instellingsnummer) ?? 0) + 1);
  for (const lerende of zoekend) {
    if (overslaan.has(lerende.lerendeId) || overslaan.has(lerende.instellingsnummer)) continue;
    if ((perSchool.get(lerende.instellingsnummer) ?? 0) < minZoekend) continue;
    const open = (await matchesVan(basis, lerende.lerendeId)).some(
      (m) => m.opleidingscode === lerende.opleidingscode && OPEN.has(m.status),
    );
    if (open) continue;
    const [suggestie] = await suggestiesVan(basis, lerende.lerendeId, 5);
    if (suggestie) return { lerende, suggestie };
  }
  throw new Error('geen geschikte lerende in de data');
}

/** How many requests Kazi got on one route (`POST /kazi/v1/matches`, …) since start. */
export async function kaziVerzoeken(basis: string, route: string): Promise<number> {
  const stats = (await (await fetch(`${basis}/_mock/stats`)).json()) as {
    kazi?: { routes: Record<string, number> };
  };
  return stats.kazi?.routes[route] ?? 0;
}

export async function zetStoring(basis: string, mode: string): Promise<void> {
  const antwoord = await fetch(`${basis}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner: 'kazi', mode }),
  });
  if (antwoord.status !== 200) throw new Error(`storing: ${antwoord.status}`);
}

export async function wisStoring(basis: string): Promise<void> {
  await fetch(`${basis}/_mock/faults/kazi`, { method: 'DELETE' });
}

/** `0403170701` as a caller might type it: `BE0403170701`. */
export function alsBe(cijfers: string): string {
  return `BE${cijfers}`;
}

/** Ten digits in the graph's canonical notation. */
export function kboPunten(cijfers: string): string {
  return `${cijfers.slice(0, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

export function vestigingPunten(cijfers: string): string {
  return `${cijfers.slice(0, 1)}.${cijfers.slice(1, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

/** The contract's meaning, from Kazi's own list: ZOEKEND lerenden per region they live in and opleiding. */
export function zoekendeLerendenPerCel(lerenden: readonly KaziLerende[]): Map<string, number> {
  const tellingen = new Map<string, number>();
  for (const l of lerenden) {
    const regio = REGIO_VAN_NIS.get(l.woonplaatsNisCode);
    if (l.status !== 'ZOEKEND' || !regio) continue;
    const sleutel = `${regio}|${l.opleidingscode}`;
    tellingen.set(sleutel, (tellingen.get(sleutel) ?? 0) + 1);
  }
  return tellingen;
}
