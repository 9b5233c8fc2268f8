import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesGemeenten } from './glossary.ts';
import { startTestMock, type TestMock } from './mock.ts';
import {
  cijfers,
  leesAlleConstructivPaginas,
  leesAlleVoltaPaginas,
  leesAlleWoodwizePaginas,
  leesEducamExport,
} from './sector-reader.ts';

/**
 * The Kazi contract (shared/partners/kazi.md), checked over HTTP as an
 * independent client would: nothing here reads the mock's own data or code.
 */

const SLEUTEL = 'kazi-dev-key';
const LERENDE_STATUSSEN = ['ZOEKEND', 'IN_GESPREK', 'GEMATCHT', 'GESTART', 'GESTOPT'];
const MATCH_STATUSSEN = ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART', 'AFGEWEZEN'];

interface Lerende {
  lerendeId: string;
  voornaam: string;
  familienaam: string;
  geboortejaar: number;
  instellingsnummer: string;
  opleidingscode: string;
  woonplaatsNisCode: string;
  mobiliteitKm: number;
  status: string;
  gewensteStartdatum: string | null;
}

interface Lerendenpagina {
  items: Lerende[];
  page: number;
  totalPages: number;
  totalItems: number;
}

interface Suggestie {
  ondernemingsnummer: string;
  vestigingsnummer: string;
  opleidingscode: string;
  score: number;
  afstandKm: number;
}

interface Gebeurtenis {
  status: string;
  op: string;
  door: string;
  reden?: string;
}

interface Match {
  matchId: string;
  versie: number;
  lerendeId: string;
  ondernemingsnummer: string;
  vestigingsnummer: string | null;
  opleidingscode: string;
  vestigingNisCode: string | null;
  status: string;
  historiek: Gebeurtenis[];
}

interface Matchpagina {
  items: Match[];
  page: number;
  totalPages: number;
  totalItems: number;
}

interface Antwoord {
  status: number;
  headers: Headers;
  body: unknown;
}

interface Opties {
  methode?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Leaves the API key out, for the 401 cases. */
  sleutel?: string | null;
}

async function vraag(mock: TestMock, pad: string, opties: Opties = {}): Promise<Antwoord> {
  const sleutel = opties.sleutel === undefined ? SLEUTEL : opties.sleutel;
  const headers: Record<string, string> = {
    ...(sleutel === null ? {} : { 'x-api-key': sleutel }),
    ...(opties.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...opties.headers,
  };
  const antwoord = await fetch(`${mock.url}/kazi/v1${pad}`, {
    method: opties.methode ?? (opties.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(opties.body === undefined ? {} : { body: JSON.stringify(opties.body) }),
  });
  const tekst = await antwoord.text();
  return {
    status: antwoord.status,
    headers: antwoord.headers,
    body: tekst === '' ? undefined : (JSON.parse(tekst) as unknown),
  };
}

/** Asserts the status first, so that a failure shows the body that came with the wrong one. */
function verwacht(antwoord: Antwoord, status: number): unknown {
  expect({ status: antwoord.status, body: antwoord.body }).toMatchObject({ status });
  return antwoord.body;
}

type Regel = (waarde: unknown) => boolean;
const tekst: Regel = (w) => typeof w === 'string' && w !== '';
const getal: Regel = (w) => typeof w === 'number' && Number.isFinite(w);
const geheel: Regel = (w) => Number.isInteger(w);
const lijst: Regel = (w) => Array.isArray(w);
const patroon =
  (re: RegExp): Regel =>
  (w) =>
    typeof w === 'string' && re.test(w);
const eenVan =
  (toegelaten: readonly unknown[]): Regel =>
  (w) =>
    toegelaten.includes(w);
const ofNull =
  (regel: Regel): Regel =>
  (w) =>
    w === null || regel(w);
const DATUM = /^\d{4}-\d{2}-\d{2}$/;
const TIJDSTIP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Checks that a value has exactly these fields, each passing its rule, and
 * reports every field that does not at once; this is the validation a client
 * written from the contract does before it trusts a body.
 */
function vorm<T>(waarde: unknown, regels: { [K in keyof T]-?: Regel }): T {
  if (typeof waarde !== 'object' || waarde === null || Array.isArray(waarde))
    expect.fail(`verwacht een object, kreeg ${JSON.stringify(waarde)}`);
  const velden = waarde as Record<string, unknown>;
  const verwachteVelden = Object.entries<Regel>(regels);
  const fouten = [
    ...verwachteVelden
      .filter(([veld, regel]) => !regel(velden[veld]))
      .map(([veld]) => `${veld}: ${JSON.stringify(velden[veld])}`),
    ...Object.keys(velden)
      .filter((veld) => !(veld in regels))
      .map((veld) => `${veld}: niet in het contract`),
  ];
  expect(fouten, JSON.stringify(waarde)).toEqual([]);
  return waarde as T;
}

function alsLerende(waarde: unknown): Lerende {
  return vorm<Lerende>(waarde, {
    lerendeId: patroon(/^L-/),
    voornaam: tekst,
    familienaam: tekst,
    geboortejaar: geheel,
    instellingsnummer: patroon(/^\d{6}$/),
    opleidingscode: tekst,
    woonplaatsNisCode: patroon(/^\d{5}$/),
    mobiliteitKm: getal,
    status: eenVan(LERENDE_STATUSSEN),
    // The contract shows a date; the graph's schema has it nullable, and the mock sends null for some.
    gewensteStartdatum: ofNull(patroon(DATUM)),
  });
}

function alsGebeurtenis(waarde: unknown): Gebeurtenis {
  return vorm<Gebeurtenis>(waarde, {
    status: eenVan(MATCH_STATUSSEN),
    op: patroon(TIJDSTIP),
    door: tekst,
    reden: (w) => w === undefined || typeof w === 'string',
  });
}

function alsMatch(waarde: unknown): Match {
  const match = vorm<Match>(waarde, {
    matchId: patroon(/^M-/),
    versie: geheel,
    lerendeId: patroon(/^L-/),
    ondernemingsnummer: patroon(/^\d{10}$/),
    vestigingsnummer: ofNull(patroon(/^\d{10}$/)),
    opleidingscode: tekst,
    vestigingNisCode: ofNull(patroon(/^\d{5}$/)),
    status: eenVan(MATCH_STATUSSEN),
    historiek: lijst,
  });
  match.historiek.forEach(alsGebeurtenis);
  expect(match.historiek.length).toBeGreaterThan(0);
  expect(match.historiek.at(-1)?.status).toBe(match.status);
  return match;
}

/** The historiek without its timestamps, which the client cannot predict. */
function verloop(match: Match): Omit<Gebeurtenis, 'op'>[] {
  return match.historiek.map((g) => ({
    status: g.status,
    door: g.door,
    ...(g.reden === undefined ? {} : { reden: g.reden }),
  }));
}

/** The fields a status change must leave alone. */
function vasteVelden(match: Match) {
  const { matchId, lerendeId, ondernemingsnummer, vestigingsnummer, opleidingscode, vestigingNisCode } =
    match;
  return { matchId, lerendeId, ondernemingsnummer, vestigingsnummer, opleidingscode, vestigingNisCode };
}

function alsPagina(waarde: unknown): Lerendenpagina {
  const pagina = vorm<Lerendenpagina>(waarde, {
    items: lijst,
    page: geheel,
    totalPages: geheel,
    totalItems: geheel,
  });
  pagina.items.forEach(alsLerende);
  return pagina;
}

/** The one list field of a body such as `{ "items": [ … ] }`, checked to be its only field. */
function alsLijst(waarde: unknown, veld: string): unknown[] {
  const body = vorm<Record<string, unknown[]>>(waarde, { [veld]: lijst });
  return body[veld] ?? [];
}

async function alleLerenden(mock: TestMock, filter = ''): Promise<Lerende[]> {
  const lerenden: Lerende[] = [];
  for (let page = 1; ; page++) {
    const pagina = alsPagina(verwacht(await vraag(mock, `/lerenden?page=${page}&size=200${filter}`), 200));
    expect(pagina.page).toBe(page);
    expect(pagina.totalPages).toBe(Math.max(1, Math.ceil(pagina.totalItems / 200)));
    lerenden.push(...pagina.items);
    if (page >= pagina.totalPages) {
      expect(lerenden).toHaveLength(pagina.totalItems);
      return lerenden;
    }
  }
}

async function matchesVan(mock: TestMock, lerendeId: string): Promise<Match[]> {
  const body = verwacht(await vraag(mock, `/matches?lerendeId=${encodeURIComponent(lerendeId)}`), 200);
  return alsLijst(body, 'items').map(alsMatch);
}

async function suggestiesVoor(mock: TestMock, lerendeId: string, max: number): Promise<Suggestie[]> {
  const body = verwacht(await vraag(mock, '/suggesties', { body: { lerendeId, max } }), 200);
  return alsLijst(body, 'suggesties') as Suggestie[];
}

interface Voorstel {
  lerendeId: string;
  ondernemingsnummer: string;
  vestigingsnummer: string;
  opleidingscode: string;
  door: string;
}

function stelVoor(mock: TestMock, voorstel: Voorstel, sleutel: string | null = randomUUID()) {
  return vraag(mock, '/matches', {
    body: voorstel,
    headers: sleutel === null ? {} : { 'idempotency-key': sleutel },
  });
}

function wijzig(
  mock: TestMock,
  matchId: string,
  versie: number | string,
  status: string,
  door = 'u-test',
  reden?: string,
) {
  return vraag(mock, `/matches/${encodeURIComponent(matchId)}`, {
    methode: 'PATCH',
    headers: { 'if-match': `"${versie}"` },
    body: { status, door, ...(reden === undefined ? {} : { reden }) },
  });
}

let mock: TestMock;
let lerenden: Lerende[];
/** Lerenden a test has taken, so that no two tests write matches on the same one. */
const gebruikt = new Set<string>();

/** A ZOEKEND lerende no test has taken and without any match, with a proposal for its best suggestion. */
async function vrijeLerende(doel: TestMock = mock): Promise<{ lerende: Lerende; voorstel: Voorstel }> {
  for (const lerende of lerenden) {
    if (gebruikt.has(lerende.lerendeId) || lerende.status !== 'ZOEKEND') continue;
    gebruikt.add(lerende.lerendeId);
    if ((await matchesVan(doel, lerende.lerendeId)).length > 0) continue;
    const [suggestie] = await suggestiesVoor(doel, lerende.lerendeId, 1);
    if (!suggestie) continue;
    return {
      lerende,
      voorstel: {
        lerendeId: lerende.lerendeId,
        ondernemingsnummer: suggestie.ondernemingsnummer,
        vestigingsnummer: suggestie.vestigingsnummer,
        opleidingscode: lerende.opleidingscode,
        door: 'u-7',
      },
    };
  }
  throw new Error('geen vrije lerende meer over');
}

/** An open match from the data set, of a lerende this file has not used yet. */
async function openMatch(doel: TestMock): Promise<Match> {
  for (const lerende of lerenden) {
    if (gebruikt.has(lerende.lerendeId) || lerende.status !== 'IN_GESPREK') continue;
    gebruikt.add(lerende.lerendeId);
    const open = (await matchesVan(doel, lerende.lerendeId)).find((m) =>
      ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST'].includes(m.status),
    );
    if (open) return open;
  }
  throw new Error('geen open match in de data');
}

beforeAll(async () => {
  mock = await startTestMock();
  lerenden = await alleLerenden(mock);
});

afterAll(async () => {
  await mock.stop();
});

describe('Kazi: X-Api-Key', () => {
  it.each([
    ['missing', null],
    ['wrong', 'kazi-andere-sleutel'],
  ])('answers 401 with { fout } when the key is %s, on every route', async (_geval, sleutel) => {
    const [eerste] = lerenden;
    if (!eerste) throw new Error('geen lerenden');
    const verzoeken: [string, Opties][] = [
      ['/lerenden', {}],
      [`/lerenden/${eerste.lerendeId}`, {}],
      ['/lerenden/zoeken', { body: { ids: [eerste.lerendeId] } }],
      ['/suggesties', { body: { lerendeId: eerste.lerendeId, max: 5 } }],
      [`/matches?lerendeId=${eerste.lerendeId}`, {}],
      ['/matches', { body: {}, headers: { 'idempotency-key': randomUUID() } }],
      [
        '/matches/M-000001',
        { methode: 'PATCH', body: { status: 'AFGEWEZEN' }, headers: { 'if-match': '"1"' } },
      ],
    ];
    for (const [pad, opties] of verzoeken) {
      const antwoord = await vraag(mock, pad, { ...opties, sleutel });
      expect({ pad, status: antwoord.status }).toEqual({ pad, status: 401 });
      vorm<{ fout: string }>(antwoord.body, { fout: tekst });
    }
  });

  it('accepts the development key kazi-dev-key', async () => {
    verwacht(await vraag(mock, '/lerenden?size=1', { sleutel: 'kazi-dev-key' }), 200);
  });
});

describe('Kazi: lerenden', () => {
  it('pages to the end with every lerende exactly once, about 1,500 of them', () => {
    const ids = lerenden.map((l) => l.lerendeId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(1300);
    expect(ids.length).toBeLessThan(1700);
  });

  it('gives the same set with a smaller page size, and defaults to page 1', async () => {
    const klein = await vraag(mock, '/lerenden?page=3&size=50');
    const pagina = alsPagina(verwacht(klein, 200));
    expect(pagina.items.map((l) => l.lerendeId)).toEqual(lerenden.slice(100, 150).map((l) => l.lerendeId));
    expect(pagina.totalItems).toBe(lerenden.length);
    expect(alsPagina(verwacht(await vraag(mock, '/lerenden?size=200'), 200)).page).toBe(1);
  });

  it('filters by instellingsnummer, opleidingscode and status, alone and together', async () => {
    const voorbeeld = lerenden.find((l) => l.status === 'ZOEKEND');
    if (!voorbeeld) throw new Error('geen zoekende lerende');
    const gevallen: [string, (l: Lerende) => boolean][] = [
      [
        `&instellingsnummer=${voorbeeld.instellingsnummer}`,
        (l) => l.instellingsnummer === voorbeeld.instellingsnummer,
      ],
      [`&opleidingscode=${voorbeeld.opleidingscode}`, (l) => l.opleidingscode === voorbeeld.opleidingscode],
      ['&status=ZOEKEND', (l) => l.status === 'ZOEKEND'],
      ['&status=GESTART', (l) => l.status === 'GESTART'],
      [
        `&instellingsnummer=${voorbeeld.instellingsnummer}&opleidingscode=${voorbeeld.opleidingscode}&status=ZOEKEND`,
        (l) =>
          l.instellingsnummer === voorbeeld.instellingsnummer &&
          l.opleidingscode === voorbeeld.opleidingscode &&
          l.status === 'ZOEKEND',
      ],
    ];
    for (const [filter, past] of gevallen) {
      const verwachtIds = lerenden.filter(past).map((l) => l.lerendeId);
      expect(verwachtIds.length).toBeGreaterThan(0);
      const gefilterd = await alleLerenden(mock, filter);
      expect(gefilterd.map((l) => l.lerendeId)).toEqual(verwachtIds);
    }
    const niets = alsPagina(verwacht(await vraag(mock, '/lerenden?instellingsnummer=999999'), 200));
    expect(niets).toMatchObject({ items: [], totalItems: 0 });
  });

  it('rejects a size above 200', async () => {
    verwacht(await vraag(mock, '/lerenden?page=1&size=200'), 200);
    verwacht(await vraag(mock, '/lerenden?page=1&size=201'), 400);
    verwacht(await vraag(mock, '/lerenden?page=1&size=1000'), 400);
  });

  it('reads one lerende by id, and answers 404 for an unknown one', async () => {
    for (const lerende of [lerenden[0], lerenden[lerenden.length - 1]]) {
      if (!lerende) throw new Error('geen lerenden');
      expect(alsLerende(verwacht(await vraag(mock, `/lerenden/${lerende.lerendeId}`), 200))).toEqual(lerende);
    }
    verwacht(await vraag(mock, '/lerenden/L-000000-bestaat-niet'), 404);
  });

  it('looks up at most 100 lerenden by id with POST /lerenden/zoeken', async () => {
    const honderd = lerenden.slice(200, 300);
    const body = verwacht(
      await vraag(mock, '/lerenden/zoeken', {
        body: { ids: [...honderd.map((l) => l.lerendeId)] },
      }),
      200,
    );
    const gevonden = alsLijst(body, 'items').map(alsLerende);
    expect(new Map(gevonden.map((l) => [l.lerendeId, l]))).toEqual(
      new Map(honderd.map((l) => [l.lerendeId, l])),
    );

    const metOnbekende = verwacht(
      await vraag(mock, '/lerenden/zoeken', { body: { ids: [honderd[0]?.lerendeId, 'L-onbekend'] } }),
      200,
    );
    expect(alsLijst(metOnbekende, 'items').map((l) => alsLerende(l).lerendeId)).toEqual([
      honderd[0]?.lerendeId,
    ]);

    const teVeel = lerenden.slice(0, 101).map((l) => l.lerendeId);
    verwacht(await vraag(mock, '/lerenden/zoeken', { body: { ids: teVeel } }), 400);
  });
});

describe('Kazi: suggesties', () => {
  it('suggests at most max workplaces for the opleiding of the lerende, best score first', async () => {
    let getoetst = 0;
    for (const lerende of lerenden.slice(0, 40)) {
      const suggesties = await suggestiesVoor(mock, lerende.lerendeId, 50);
      expect(suggesties.length).toBeLessThanOrEqual(50);
      for (const s of suggesties) {
        vorm<Suggestie>(s, {
          ondernemingsnummer: patroon(/^\d{10}$/),
          vestigingsnummer: patroon(/^\d{10}$/),
          opleidingscode: eenVan([lerende.opleidingscode]),
          score: getal,
          afstandKm: getal,
        });
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(s.afstandKm).toBeGreaterThanOrEqual(0);
      }
      const scores = suggesties.map((s) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      if (suggesties.length > 3) {
        getoetst += 1;
        expect(await suggestiesVoor(mock, lerende.lerendeId, 3)).toEqual(suggesties.slice(0, 3));
      }
    }
    expect(getoetst).toBeGreaterThan(0);
  });

  it('rejects max above 50, and answers 404 for an unknown lerende', async () => {
    const lerendeId = lerenden[0]?.lerendeId;
    verwacht(await vraag(mock, '/suggesties', { body: { lerendeId, max: 51 } }), 400);
    verwacht(await vraag(mock, '/suggesties', { body: { lerendeId: 'L-onbekend', max: 5 } }), 404);
  });
});

describe('Kazi: reading matches', () => {
  it('lists the matches of a lerende, and of an ondernemingsnummer in digits only', async () => {
    let match: Match | undefined;
    for (const lerende of lerenden.filter((l) => l.status === 'GESTART')) {
      const items = await matchesVan(mock, lerende.lerendeId);
      for (const m of items) expect(m.lerendeId).toBe(lerende.lerendeId);
      match = items[0];
      if (match) break;
    }
    if (!match) throw new Error('geen lerende met een match');

    const kbo = match.ondernemingsnummer;
    const body = verwacht(await vraag(mock, `/matches?ondernemingsnummer=${kbo}`), 200);
    const perOnderneming = alsLijst(body, 'items').map(alsMatch);
    expect(perOnderneming).toContainEqual(match);
    for (const m of perOnderneming) expect(m.ondernemingsnummer).toBe(kbo);

    const metPunten = `${kbo.slice(0, 4)}.${kbo.slice(4, 7)}.${kbo.slice(7)}`;
    verwacht(await vraag(mock, `/matches?ondernemingsnummer=${metPunten}`), 400);
    expect(await matchesVan(mock, 'L-onbekend')).toEqual([]);
  });
});

function alsMatchpagina(waarde: unknown): Matchpagina {
  const pagina = vorm<Matchpagina>(waarde, {
    items: lijst,
    page: geheel,
    totalPages: geheel,
    totalItems: geheel,
  });
  pagina.items.forEach(alsMatch);
  return pagina;
}

/** Every match in one status, read page by page to the end as a reporting client would. */
async function matchesMetStatus(doel: TestMock, status: string, size = 200): Promise<Match[]> {
  const matches: Match[] = [];
  for (let page = 1; ; page++) {
    const pagina = alsMatchpagina(
      verwacht(await vraag(doel, `/matches?status=${status}&page=${page}&size=${size}`), 200),
    );
    expect(pagina.page).toBe(page);
    expect(pagina.totalPages).toBe(Math.max(1, Math.ceil(pagina.totalItems / size)));
    expect(pagina.items.length).toBeLessThanOrEqual(size);
    matches.push(...pagina.items);
    if (page >= pagina.totalPages) {
      expect(matches).toHaveLength(pagina.totalItems);
      return matches;
    }
  }
}

describe('Kazi: matches by status', () => {
  it('requires status when neither lerendeId nor ondernemingsnummer is given, and only a match status', async () => {
    for (const pad of [
      '/matches',
      '/matches?page=1&size=200',
      '/matches?status=',
      '/matches?status=ONBEKEND',
      '/matches?status=gestart',
      // A learner status that is no match status.
      '/matches?status=ZOEKEND',
    ]) {
      const antwoord = await vraag(mock, pad);
      expect({ pad, status: antwoord.status }).toEqual({ pad, status: 400 });
      vorm<{ fout: string }>(antwoord.body, { fout: tekst });
    }
  });

  it('holds size to 1..200 and page to 1 or more', async () => {
    for (const query of ['size=201', 'size=0', 'size=-5', 'size=veel', 'page=0', 'page=-1', 'page=een']) {
      const antwoord = await vraag(mock, `/matches?status=GESTART&${query}`);
      expect({ query, status: antwoord.status }).toEqual({ query, status: 400 });
    }
    const volle = alsMatchpagina(verwacht(await vraag(mock, '/matches?status=AFGEWEZEN&size=200'), 200));
    expect(volle.page).toBe(1);
    expect(volle.items.length).toBe(Math.min(200, volle.totalItems));
  });

  it('lists every match in that status exactly once, the same at any page size, with an empty page past the end', async () => {
    let totaal = 0;
    for (const status of MATCH_STATUSSEN) {
      const groot = await matchesMetStatus(mock, status);
      for (const m of groot) expect(m.status).toBe(status);
      const ids = groot.map((m) => m.matchId);
      expect(new Set(ids).size).toBe(ids.length);
      const klein = await matchesMetStatus(mock, status, 37);
      expect(klein.map((m) => m.matchId)).toEqual(ids);
      const voorbij = alsMatchpagina(
        verwacht(await vraag(mock, `/matches?status=${status}&page=999&size=200`), 200),
      );
      expect(voorbij).toMatchObject({ items: [], page: 999, totalItems: ids.length });
      totaal += ids.length;
    }
    // The data set holds about 600 matches, GESTART among them for the reporting this serves.
    expect(totaal).toBeGreaterThan(500);
    expect((await matchesMetStatus(mock, 'GESTART')).length).toBeGreaterThan(50);
  });

  it('agrees with the matches per lerende and per onderneming, and with the lerenden', async () => {
    const perStatus = new Map<string, Match>();
    for (const status of MATCH_STATUSSEN)
      for (const m of await matchesMetStatus(mock, status)) perStatus.set(m.matchId, m);
    const perLerende = new Map<string, Match>();
    // A few requests at a time, as a client reading 1,500 learners would.
    for (let i = 0; i < lerenden.length; i += 25) {
      const reeks = lerenden.slice(i, i + 25).map((l) => matchesVan(mock, l.lerendeId));
      for (const m of (await Promise.all(reeks)).flat()) perLerende.set(m.matchId, m);
    }
    expect([...perStatus.keys()].sort()).toEqual([...perLerende.keys()].sort());
    for (const [id, m] of perStatus) expect(perLerende.get(id)).toEqual(m);

    const lerendePerId = new Map(lerenden.map((l) => [l.lerendeId, l]));
    for (const m of perStatus.values())
      expect(lerendePerId.get(m.lerendeId)?.opleidingscode).toBe(m.opleidingscode);

    const [voorbeeld] = [...perStatus.values()];
    if (!voorbeeld) throw new Error('geen matches');
    const perOnderneming = alsLijst(
      verwacht(await vraag(mock, `/matches?ondernemingsnummer=${voorbeeld.ondernemingsnummer}`), 200),
      'items',
    ).map(alsMatch);
    expect(perOnderneming.map((m) => m.matchId).sort()).toEqual(
      [...perStatus.values()]
        .filter((m) => m.ondernemingsnummer === voorbeeld.ondernemingsnummer)
        .map((m) => m.matchId)
        .sort(),
    );
  });

  it('follows writes: a new match is VOORGESTELD, and moves to the listing of its new status', async () => {
    const voorgesteld = await matchesMetStatus(mock, 'VOORGESTELD');
    const inGesprek = await matchesMetStatus(mock, 'IN_GESPREK');
    const { voorstel } = await vrijeLerende();
    const match = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    const naVoorstel = await matchesMetStatus(mock, 'VOORGESTELD');
    expect(naVoorstel).toHaveLength(voorgesteld.length + 1);
    expect(naVoorstel).toContainEqual(match);

    const verder = alsMatch(verwacht(await wijzig(mock, match.matchId, match.versie, 'IN_GESPREK'), 200));
    expect((await matchesMetStatus(mock, 'VOORGESTELD')).map((m) => m.matchId)).toEqual(
      voorgesteld.map((m) => m.matchId),
    );
    const naWijziging = await matchesMetStatus(mock, 'IN_GESPREK');
    expect(naWijziging).toHaveLength(inGesprek.length + 1);
    expect(naWijziging).toContainEqual(verder);
  });
});

describe('Kazi: vestigingNisCode', () => {
  /** Where the sector databanks place each vestiging (digits to NIS code), as their feeds say. */
  async function liggingInSectoren(): Promise<Map<string, string>> {
    const ligging = new Map<string, string>();
    for (const e of (await leesAlleVoltaPaginas(mock.url)).items)
      ligging.set(cijfers(e.vestigingsnummer), e.adres.nisCode);
    for (const p of (await leesAlleConstructivPaginas(mock.url, 500)).items)
      ligging.set(cijfers(p.vestiging.nummer), p.vestiging.adres.nis);
    for (const e of (await leesAlleWoodwizePaginas(mock.url)).items)
      if (e.vestiging) ligging.set(cijfers(e.vestiging.nr), e.vestiging.nis);
    for (const r of (await leesEducamExport(mock.url)).rijen) ligging.set(cijfers(r.vestiging), r.nis);
    return ligging;
  }

  it('places every match of the data set in a municipality of the glossary, the one the sector databanks give its vestiging', async () => {
    const gemeenten = new Set(leesGemeenten().map((g) => g.nisCode));
    const ligging = await liggingInSectoren();
    let inSectoren = 0;
    for (const status of MATCH_STATUSSEN) {
      for (const m of await matchesMetStatus(mock, status)) {
        expect(m.vestigingNisCode, m.matchId).not.toBeNull();
        expect(gemeenten.has(m.vestigingNisCode ?? ''), m.matchId).toBe(true);
        const inSector = m.vestigingsnummer === null ? undefined : ligging.get(m.vestigingsnummer);
        if (inSector !== undefined) {
          inSectoren += 1;
          expect({ match: m.matchId, nis: m.vestigingNisCode }).toEqual({ match: m.matchId, nis: inSector });
        }
      }
    }
    expect(inSectoren).toBeGreaterThan(300);
  });

  it('gives a new match the municipality of its vestiging, and null for a workplace Kazi does not know', async () => {
    const ligging = await liggingInSectoren();
    const { voorstel } = await vrijeLerende();
    const match = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    expect(match.vestigingNisCode).toBe(ligging.get(voorstel.vestigingsnummer));
    expect(match.vestigingNisCode).not.toBeNull();

    // A valid number (mod 97) that no sector databank and no match of Kazi mentions.
    const onbekend = '0100000070';
    expect(
      [...(await leesAlleVoltaPaginas(mock.url)).items].some(
        (e) => cijfers(e.ondernemingsnummer) === onbekend,
      ),
    ).toBe(false);
    expect(
      alsLijst(verwacht(await vraag(mock, `/matches?ondernemingsnummer=${onbekend}`), 200), 'items'),
    ).toEqual([]);
    const ander = await vrijeLerende();
    const { vestigingsnummer: _vestiging, ...zonderVestiging } = ander.voorstel;
    const elders = alsMatch(
      verwacht(
        await vraag(mock, '/matches', {
          body: { ...zonderVestiging, ondernemingsnummer: onbekend },
          headers: { 'idempotency-key': randomUUID() },
        }),
        201,
      ),
    );
    expect(elders).toMatchObject({
      ondernemingsnummer: onbekend,
      vestigingsnummer: null,
      vestigingNisCode: null,
    });
  });
});

describe('Kazi: POST /matches', () => {
  it('requires an Idempotency-Key', async () => {
    const { voorstel } = await vrijeLerende();
    verwacht(await stelVoor(mock, voorstel, null), 400);
    expect(await matchesVan(mock, voorstel.lerendeId)).toEqual([]);
  });

  it('creates a VOORGESTELD match once per key: 201, then 200 with the same match, 422 for another body', async () => {
    const { voorstel } = await vrijeLerende();
    const sleutel = randomUUID();
    const match = alsMatch(verwacht(await stelVoor(mock, voorstel, sleutel), 201));
    expect(match).toMatchObject({
      lerendeId: voorstel.lerendeId,
      ondernemingsnummer: voorstel.ondernemingsnummer,
      vestigingsnummer: voorstel.vestigingsnummer,
      opleidingscode: voorstel.opleidingscode,
      status: 'VOORGESTELD',
    });
    expect(match.versie).toBeGreaterThanOrEqual(1);
    expect(verloop(match)).toEqual([{ status: 'VOORGESTELD', door: 'u-7' }]);

    expect(alsMatch(verwacht(await stelVoor(mock, voorstel, sleutel), 200))).toEqual(match);
    verwacht(await stelVoor(mock, { ...voorstel, door: 'u-8' }, sleutel), 422);
    expect(await matchesVan(mock, voorstel.lerendeId)).toEqual([match]);
  });

  it('answers 409 for a second open match of the same lerende and opleiding', async () => {
    const { voorstel } = await vrijeLerende();
    const eerste = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    const [andere] = (await suggestiesVoor(mock, voorstel.lerendeId, 2)).slice(1);
    const tweede = andere
      ? {
          ...voorstel,
          ondernemingsnummer: andere.ondernemingsnummer,
          vestigingsnummer: andere.vestigingsnummer,
        }
      : voorstel;
    verwacht(await stelVoor(mock, tweede), 409);

    // IN_GESPREK and OVEREENKOMST are open too; once final, a new proposal is allowed.
    let versie = alsMatch(
      verwacht(await wijzig(mock, eerste.matchId, eerste.versie, 'IN_GESPREK'), 200),
    ).versie;
    verwacht(await stelVoor(mock, tweede), 409);
    versie = alsMatch(verwacht(await wijzig(mock, eerste.matchId, versie, 'OVEREENKOMST'), 200)).versie;
    verwacht(await stelVoor(mock, tweede), 409);
    verwacht(await wijzig(mock, eerste.matchId, versie, 'AFGEWEZEN', 'u-7', 'Geen klik'), 200);
    const nieuw = alsMatch(verwacht(await stelVoor(mock, tweede), 201));
    expect(nieuw.matchId).not.toBe(eerste.matchId);
    expect((await matchesVan(mock, voorstel.lerendeId)).map((m) => m.status).sort()).toEqual([
      'AFGEWEZEN',
      'VOORGESTELD',
    ]);
  });

  it('leaves exactly one match after 10 concurrent POSTs with the same key', async () => {
    const { voorstel } = await vrijeLerende();
    const sleutel = randomUUID();
    const antwoorden = await Promise.all(Array.from({ length: 10 }, () => stelVoor(mock, voorstel, sleutel)));
    const statussen = antwoorden.map((a) => a.status).sort();
    expect(statussen).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(antwoorden.map((a) => alsMatch(a.body).matchId));
    expect(ids.size).toBe(1);
    const matches = await matchesVan(mock, voorstel.lerendeId);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.matchId).toBe([...ids][0]);
  });

  it('lets only one of 5 concurrent POSTs with different keys open a match for the lerende', async () => {
    const { voorstel } = await vrijeLerende();
    const antwoorden = await Promise.all(Array.from({ length: 5 }, () => stelVoor(mock, voorstel)));
    expect(antwoorden.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await matchesVan(mock, voorstel.lerendeId)).toHaveLength(1);
  });
});

describe('Kazi: PATCH /matches/{matchId}', () => {
  it('moves VOORGESTELD → IN_GESPREK → OVEREENKOMST → GESTART with If-Match, versie rising, historiek growing', async () => {
    const { voorstel } = await vrijeLerende();
    let match = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    const stappen: [string, string, string | undefined][] = [
      ['IN_GESPREK', 'u-12', 'Kennismaking gepland'],
      ['OVEREENKOMST', 'u-13', undefined],
      ['GESTART', 'u-12', 'Eerste werkdag'],
    ];
    for (const [status, door, reden] of stappen) {
      const vorige = match;
      match = alsMatch(verwacht(await wijzig(mock, vorige.matchId, vorige.versie, status, door, reden), 200));
      expect(match.status).toBe(status);
      expect(match.versie).toBeGreaterThan(vorige.versie);
      expect(match.historiek.slice(0, -1)).toEqual(vorige.historiek);
      expect(verloop(match).at(-1)).toEqual({ status, door, ...(reden === undefined ? {} : { reden }) });
      expect(vasteVelden(match)).toEqual(vasteVelden(vorige));
    }
    expect(match.historiek.map((g) => g.status)).toEqual([
      'VOORGESTELD',
      'IN_GESPREK',
      'OVEREENKOMST',
      'GESTART',
    ]);
    expect(await matchesVan(mock, voorstel.lerendeId)).toEqual([match]);
  });

  it('answers 412 for a stale version and changes nothing', async () => {
    const { voorstel } = await vrijeLerende();
    const oud = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    const nieuw = alsMatch(verwacht(await wijzig(mock, oud.matchId, oud.versie, 'IN_GESPREK'), 200));
    verwacht(await wijzig(mock, oud.matchId, oud.versie, 'OVEREENKOMST'), 412);
    verwacht(await wijzig(mock, oud.matchId, nieuw.versie + 5, 'OVEREENKOMST'), 412);
    expect(await matchesVan(mock, voorstel.lerendeId)).toEqual([nieuw]);
  });

  it('answers 409 for a transition that is not allowed, and nothing leaves GESTART or AFGEWEZEN', async () => {
    const { voorstel } = await vrijeLerende();
    let match = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    for (const status of ['GESTART', 'OVEREENKOMST', 'VOORGESTELD'])
      verwacht(await wijzig(mock, match.matchId, match.versie, status), 409);
    match = alsMatch(verwacht(await wijzig(mock, match.matchId, match.versie, 'IN_GESPREK'), 200));
    for (const status of ['VOORGESTELD', 'GESTART', 'IN_GESPREK'])
      verwacht(await wijzig(mock, match.matchId, match.versie, status), 409);
    match = alsMatch(verwacht(await wijzig(mock, match.matchId, match.versie, 'OVEREENKOMST'), 200));
    match = alsMatch(verwacht(await wijzig(mock, match.matchId, match.versie, 'GESTART'), 200));
    for (const status of MATCH_STATUSSEN)
      verwacht(await wijzig(mock, match.matchId, match.versie, status), 409);
    expect(await matchesVan(mock, voorstel.lerendeId)).toEqual([match]);

    const tweede = await vrijeLerende();
    let afgewezen = alsMatch(verwacht(await stelVoor(mock, tweede.voorstel), 201));
    afgewezen = alsMatch(
      verwacht(await wijzig(mock, afgewezen.matchId, afgewezen.versie, 'AFGEWEZEN', 'u-3', 'Te ver'), 200),
    );
    expect(afgewezen.historiek.at(-1)).toMatchObject({ status: 'AFGEWEZEN', door: 'u-3', reden: 'Te ver' });
    for (const status of MATCH_STATUSSEN)
      verwacht(await wijzig(mock, afgewezen.matchId, afgewezen.versie, status), 409);
  });

  it('answers 404 for an unknown match', async () => {
    verwacht(await wijzig(mock, 'M-999999999', 1, 'IN_GESPREK'), 404);
  });
});

describe('Kazi: the status of a lerende', () => {
  it('is not changed by creating or moving matches', async () => {
    const { lerende, voorstel } = await vrijeLerende();
    let match = alsMatch(verwacht(await stelVoor(mock, voorstel), 201));
    expect(alsLerende(verwacht(await vraag(mock, `/lerenden/${lerende.lerendeId}`), 200))).toEqual(lerende);
    for (const status of ['IN_GESPREK', 'OVEREENKOMST', 'GESTART']) {
      match = alsMatch(verwacht(await wijzig(mock, match.matchId, match.versie, status), 200));
      expect(alsLerende(verwacht(await vraag(mock, `/lerenden/${lerende.lerendeId}`), 200))).toEqual(lerende);
    }
    const zoekend = await alleLerenden(mock, `&status=ZOEKEND&opleidingscode=${lerende.opleidingscode}`);
    expect(zoekend.map((l) => l.lerendeId)).toContain(lerende.lerendeId);
  });
});

describe('Kazi: writes across a restart', () => {
  it('keeps matches, their historiek and their idempotency keys in its data folder', async () => {
    const dataMap = mkdtempSync(join(tmpdir(), 'duaal-kazi-herstart-'));
    try {
      const eerste = await startTestMock({ dataMap });
      let match: Match;
      let voorstel: Voorstel;
      let bestaand: Match;
      const sleutel = randomUUID();
      try {
        // A match that came with the data set is written too when it moves.
        const open = await openMatch(eerste);
        bestaand = alsMatch(
          verwacht(await wijzig(eerste, open.matchId, open.versie, 'AFGEWEZEN', 'u-9', 'Verhuisd'), 200),
        );
        ({ voorstel } = await vrijeLerende(eerste));
        match = alsMatch(verwacht(await stelVoor(eerste, voorstel, sleutel), 201));
        match = alsMatch(
          verwacht(await wijzig(eerste, match.matchId, match.versie, 'IN_GESPREK', 'u-4', 'Gesprek'), 200),
        );
      } finally {
        await eerste.stop();
      }

      const tweede = await startTestMock({ dataMap });
      try {
        expect(await matchesVan(tweede, voorstel.lerendeId)).toEqual([match]);
        expect(await matchesVan(tweede, bestaand.lerendeId)).toContainEqual(bestaand);
        expect(alsMatch(verwacht(await stelVoor(tweede, voorstel, sleutel), 200))).toEqual(match);
        verwacht(await stelVoor(tweede, { ...voorstel, door: 'u-5' }, sleutel), 422);
        verwacht(await stelVoor(tweede, voorstel), 409);
        verwacht(await wijzig(tweede, match.matchId, match.versie - 1, 'OVEREENKOMST'), 412);
        const verder = alsMatch(
          verwacht(await wijzig(tweede, match.matchId, match.versie, 'OVEREENKOMST'), 200),
        );
        expect(verder.historiek.slice(0, -1)).toEqual(match.historiek);
        // A new match after the restart gets a fresh id, not one of those made before it.
        const ander = await vrijeLerende(tweede);
        const nieuw = alsMatch(verwacht(await stelVoor(tweede, ander.voorstel), 201));
        expect(nieuw.matchId).not.toBe(match.matchId);
        expect(nieuw.matchId).not.toBe(bestaand.matchId);
      } finally {
        await tweede.stop();
      }
    } finally {
      rmSync(dataMap, { recursive: true, force: true });
    }
  });
});
