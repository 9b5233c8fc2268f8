import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';

/**
 * The `/_mock` test hooks of shared/partners/README.md, over HTTP: health,
 * request statistics, fault injection and record changes.
 */

const PARTNERS = [
  'volta',
  'educam',
  'constructiv',
  'mtech',
  'woodwize',
  'onderwijs',
  'vdab',
  'kazi',
  'kbo',
] as const;
type Partner = (typeof PARTNERS)[number];

const VDAB_API = '/vdab/services/openservices/vacatures/v4';
const CONSTRUCTIV_BASIC = `Basic ${Buffer.from('duaal:constructiv-dev').toString('base64')}`;
const KBO_BASIC = `Basic ${Buffer.from('duaal:kbo-dev').toString('base64')}`;

/** One cheap, authenticated read per partner, as its contract describes it. */
const LEZING: Record<Partner, { pad: string; headers: Record<string, string> }> = {
  volta: { pad: '/volta/api/v2/erkenningen?offset=0&limit=5', headers: { 'x-api-key': 'volta-dev-key' } },
  educam: { pad: '/educam/export/erkenningen.csv', headers: { authorization: 'Bearer educam-dev-token' } },
  constructiv: { pad: '/constructiv/leerwerkplekken?size=5', headers: { authorization: CONSTRUCTIV_BASIC } },
  mtech: { pad: '/mtech/v1/erkenningen?page=1&pageSize=5', headers: { 'x-api-key': 'mtech-dev-key' } },
  woodwize: { pad: '/woodwize/feed/erkenningen.xml?pagina=1', headers: {} },
  onderwijs: { pad: '/onderwijs/v1/instellingen?page=1&size=5', headers: {} },
  // The knelpuntberoepen download needs no token, which keeps VDAB's rate limit out of these reads.
  vdab: { pad: `/vdab/knelpuntberoepen/${REFERENTIEDATUM.slice(0, 4)}.json`, headers: {} },
  kazi: { pad: '/kazi/v1/lerenden?page=1&size=5', headers: { 'x-api-key': 'kazi-dev-key' } },
  kbo: { pad: '/kbo/open-data/extracts', headers: { authorization: KBO_BASIC } },
};

function lees(mock: TestMock, partner: Partner): Promise<Response> {
  const { pad, headers } = LEZING[partner];
  return fetch(`${mock.url}${pad}`, { headers });
}

async function haak(mock: TestMock, methode: string, pad: string, body?: unknown): Promise<Response> {
  return fetch(`${mock.url}/_mock${pad}`, {
    method: methode,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
}

async function jsonVan(antwoord: Response): Promise<unknown> {
  return JSON.parse(await antwoord.text()) as unknown;
}

function isObject(waarde: unknown): waarde is Record<string, unknown> {
  return typeof waarde === 'object' && waarde !== null && !Array.isArray(waarde);
}

/** Installs a fault and insists that the mock took it. */
async function zetStoring(mock: TestMock, storing: Record<string, unknown>): Promise<void> {
  const antwoord = await haak(mock, 'POST', '/faults', storing);
  expect(antwoord.status, await antwoord.text()).toBe(200);
}

interface PartnerStats {
  requests: number;
  status429: number;
  routes: Record<string, number>;
}

async function statistiek(mock: TestMock): Promise<Record<Partner, PartnerStats>> {
  const antwoord = await haak(mock, 'GET', '/stats');
  expect(antwoord.status).toBe(200);
  const body = await jsonVan(antwoord);
  expect(isObject(body)).toBe(true);
  expect(Object.keys(body as object).sort()).toEqual([...PARTNERS].sort());
  return body as Record<Partner, PartnerStats>;
}

async function vdabToken(mock: TestMock): Promise<string> {
  const antwoord = await fetch(`${mock.url}/vdab/isam/sps/oauth/oauth20/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'duaal-dev',
      client_secret: 'vdab-dev-secret',
      scope: 'openid',
    }),
  });
  expect(antwoord.status).toBe(200);
  const body = await jsonVan(antwoord);
  if (!isObject(body) || typeof body['access_token'] !== 'string') throw new Error('geen VDAB-token');
  return body['access_token'];
}

function vdab(mock: TestMock, token: string, pad: string): Promise<Response> {
  return fetch(`${mock.url}${VDAB_API}${pad}`, {
    headers: { authorization: `Bearer ${token}`, 'x-ibm-client-id': 'duaal-dev' },
  });
}

/** Whether a Volta page keeps its contract (shared/partners/sectoren.md), as a client's validation would judge. */
function isVoltaPagina(tekst: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(tekst);
  } catch {
    return false;
  }
  return (
    isObject(body) &&
    Number.isInteger(body['totaal']) &&
    Number.isInteger(body['offset']) &&
    Number.isInteger(body['limit']) &&
    Array.isArray(body['items']) &&
    body['items'].every(
      (item) =>
        isObject(item) &&
        typeof item['erkenningId'] === 'string' &&
        typeof item['ondernemingsnummer'] === 'string' &&
        Array.isArray(item['opleidingscodes']) &&
        ['ERKEND', 'GESCHORST', 'INGETROKKEN'].includes(item['status'] as string),
    )
  );
}

/** Whether a Kazi lerenden page keeps its contract (shared/partners/kazi.md). */
function isKaziPagina(tekst: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(tekst);
  } catch {
    return false;
  }
  return (
    isObject(body) &&
    Number.isInteger(body['page']) &&
    Number.isInteger(body['totalPages']) &&
    Number.isInteger(body['totalItems']) &&
    Array.isArray(body['items']) &&
    body['items'].every(
      (item) =>
        isObject(item) &&
        typeof item['lerendeId'] === 'string' &&
        typeof item['opleidingscode'] === 'string' &&
        ['ZOEKEND', 'IN_GESPREK', 'GEMATCHT', 'GESTART', 'GESTOPT'].includes(item['status'] as string),
    )
  );
}

/** Which of 20 sequential reads fail, as true/false per request: a refused connection counts as a failure. */
async function faalpatroon(mock: TestMock, partner: Partner): Promise<boolean[]> {
  const patroon: boolean[] = [];
  for (let i = 0; i < 20; i++) {
    try {
      const antwoord = await lees(mock, partner);
      await antwoord.arrayBuffer();
      patroon.push(!antwoord.ok);
    } catch {
      patroon.push(true);
    }
  }
  return patroon;
}

let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock();
});

afterAll(async () => {
  await mock.stop();
});

describe('GET /_mock/health', () => {
  it('answers 200 with JSON', async () => {
    const antwoord = await haak(mock, 'GET', '/health');
    expect(antwoord.status).toBe(200);
    expect(isObject(await jsonVan(antwoord))).toBe(true);
  });
});

describe('GET /_mock/stats', () => {
  it('starts at zero for all nine partners, and the hooks themselves are not counted', async () => {
    await haak(mock, 'GET', '/health');
    const begin = await statistiek(mock);
    for (const partner of PARTNERS)
      expect(begin[partner], partner).toEqual({ requests: 0, status429: 0, routes: {} });
  });

  it('counts every request per partner and per route template, whatever its answer', async () => {
    const token = await vdabToken(mock);
    const initial = await jsonVan(await vdab(mock, token, '/vacatures/initial?aantal=2&offset=0'));
    const referenties = (
      initial as { resultaten: { vacatureReferentie: { vdabReferentie: number } }[] }
    ).resultaten.map((v) => v.vacatureReferentie.vdabReferentie);
    expect(referenties).toHaveLength(2);
    const [instelling] = (
      (await jsonVan(await fetch(`${mock.url}/onderwijs/v1/instellingen?page=1&size=1`))) as {
        items: { instellingsnummer: string }[];
      }
    ).items;
    if (!instelling) throw new Error('geen instelling');

    expect((await haak(mock, 'POST', '/stats/reset')).ok).toBe(true);
    await vdabToken(mock);
    for (const referentie of referenties)
      expect((await vdab(mock, token, `/vacatures/${referentie}`)).status).toBe(200);
    expect((await vdab(mock, token, '/vacatures/initial?aantal=1')).status).toBe(200);
    expect(
      (await fetch(`${mock.url}/onderwijs/v1/instellingen/${instelling.instellingsnummer}`)).status,
    ).toBe(200);
    expect((await fetch(`${mock.url}/onderwijs/v1/instellingen/999999`)).status).toBe(404);
    expect((await fetch(`${mock.url}/onderwijs/v1/instellingen?page=1&size=2`)).status).toBe(200);
    expect((await fetch(`${mock.url}/kazi/v1/lerenden/L-zonder-sleutel`)).status).toBe(401);

    const stats = await statistiek(mock);
    expect(stats.vdab).toEqual({
      requests: 4,
      status429: 0,
      routes: {
        'POST /vdab/isam/sps/oauth/oauth20/token': 1,
        [`GET ${VDAB_API}/vacatures/{vdabReferentie}`]: 2,
        [`GET ${VDAB_API}/vacatures/initial`]: 1,
      },
    });
    expect(stats.onderwijs).toEqual({
      requests: 3,
      status429: 0,
      routes: {
        'GET /onderwijs/v1/instellingen/{instellingsnummer}': 2,
        'GET /onderwijs/v1/instellingen': 1,
      },
    });
    expect(stats.kazi).toEqual({
      requests: 1,
      status429: 0,
      routes: { 'GET /kazi/v1/lerenden/{lerendeId}': 1 },
    });
    for (const partner of ['volta', 'educam', 'constructiv', 'mtech', 'woodwize'] as const)
      expect(stats[partner].requests, partner).toBe(0);
  });

  it('counts the 429 answers, from a partner limit and from an injected fault', async () => {
    expect((await haak(mock, 'POST', '/stats/reset')).ok).toBe(true);
    const token = await vdabToken(mock);
    // 15 at once against VDAB's 10 a second: some must be told to wait.
    const salvo = await Promise.all(
      Array.from({ length: 15 }, () => vdab(mock, token, '/vacatures/initial?aantal=1')),
    );
    const vdab429 = salvo.filter((a) => a.status === 429).length;
    expect(vdab429).toBeGreaterThan(0);

    await zetStoring(mock, { partner: 'volta', mode: 'ratelimit' });
    for (let i = 0; i < 3; i++) expect((await lees(mock, 'volta')).status).toBe(429);
    expect((await haak(mock, 'DELETE', '/faults')).ok).toBe(true);
    expect((await lees(mock, 'volta')).status).toBe(200);

    const stats = await statistiek(mock);
    expect(stats.vdab).toMatchObject({ requests: 16, status429: vdab429 });
    expect(stats.volta).toMatchObject({ requests: 4, status429: 3 });
    expect(stats.mtech).toMatchObject({ requests: 0, status429: 0 });
  });

  it('goes back to zero with POST /_mock/stats/reset', async () => {
    for (const partner of PARTNERS) await lees(mock, partner);
    const voor = await statistiek(mock);
    for (const partner of PARTNERS) expect(voor[partner].requests, partner).toBeGreaterThan(0);
    expect((await haak(mock, 'POST', '/stats/reset')).ok).toBe(true);
    const na = await statistiek(mock);
    for (const partner of PARTNERS)
      expect(na[partner], partner).toEqual({ requests: 0, status429: 0, routes: {} });
  });
});

describe('POST /_mock/faults', () => {
  afterEach(async () => {
    expect((await haak(mock, 'DELETE', '/faults')).ok).toBe(true);
  });

  it('down: closes the connection, so that fetch rejects', async () => {
    await zetStoring(mock, { partner: 'volta', mode: 'down' });
    await expect(lees(mock, 'volta')).rejects.toThrow();
    await expect(lees(mock, 'volta')).rejects.toThrow();
  });

  it('slow: still answers, after the delay', async () => {
    await zetStoring(mock, { partner: 'mtech', mode: 'slow', delayMs: 300 });
    const begin = performance.now();
    const antwoord = await lees(mock, 'mtech');
    expect(antwoord.status).toBe(200);
    await antwoord.arrayBuffer();
    expect(performance.now() - begin).toBeGreaterThanOrEqual(250);
  });

  it('error500: answers 500 or 503', async () => {
    await zetStoring(mock, { partner: 'kazi', mode: 'error500' });
    for (let i = 0; i < 4; i++) {
      const antwoord = await lees(mock, 'kazi');
      await antwoord.arrayBuffer();
      expect([500, 503]).toContain(antwoord.status);
    }
  });

  it.each([
    ['volta', isVoltaPagina],
    ['kazi', isKaziPagina],
  ] as const)(
    'malformed: %s answers 200 with a body that breaks its contract',
    async (partner, houdtContract) => {
      const gezond = await lees(mock, partner);
      expect(gezond.status).toBe(200);
      expect(houdtContract(await gezond.text())).toBe(true);

      await zetStoring(mock, { partner, mode: 'malformed' });
      const kapot = await lees(mock, partner);
      expect(kapot.status).toBe(200);
      expect(houdtContract(await kapot.text())).toBe(false);
    },
  );

  it('malformed and truncated: a conditional request gets the broken body too, not 304', async () => {
    const { pad, headers } = LEZING.educam;
    const gezond = await lees(mock, 'educam');
    const etag = gezond.headers.get('etag') ?? '';
    const export_ = await gezond.text();
    expect(etag).not.toBe('');
    const voorwaardelijk = () =>
      fetch(`${mock.url}${pad}`, { headers: { ...headers, 'if-none-match': etag } });
    expect((await voorwaardelijk()).status).toBe(304);

    await zetStoring(mock, { partner: 'educam', mode: 'malformed' });
    const kapot = await voorwaardelijk();
    expect(kapot.status).toBe(200);
    const tekst = await kapot.text();
    expect(tekst).not.toBe(export_);
    expect(tekst.split('\r\n')[0]).not.toBe(export_.split('\r\n')[0]);

    await zetStoring(mock, { partner: 'educam', mode: 'truncated' });
    const afgekapt = await voorwaardelijk();
    expect(afgekapt.status).toBe(200);
    await expect(afgekapt.text()).rejects.toThrow();

    await haak(mock, 'DELETE', '/faults');
    expect((await voorwaardelijk()).status).toBe(304);
  });

  it('ratelimit: answers 429 with Retry-After', async () => {
    await zetStoring(mock, { partner: 'constructiv', mode: 'ratelimit' });
    const antwoord = await lees(mock, 'constructiv');
    await antwoord.arrayBuffer();
    expect(antwoord.status).toBe(429);
    const retryAfter = antwoord.headers.get('retry-after') ?? '';
    expect(/^\d+$/.test(retryAfter) || !Number.isNaN(Date.parse(retryAfter))).toBe(true);
  });

  it('flaky: fails some of 20 requests and passes others, the same ones for the same seed', async () => {
    await zetStoring(mock, { partner: 'onderwijs', mode: 'flaky', rate: 0.5 });
    const patroon = await faalpatroon(mock, 'onderwijs');
    const gefaald = patroon.filter(Boolean).length;
    expect(gefaald).toBeGreaterThan(0);
    expect(gefaald).toBeLessThan(20);

    const tweede = await startTestMock();
    try {
      await zetStoring(tweede, { partner: 'onderwijs', mode: 'flaky', rate: 0.5 });
      expect(await faalpatroon(tweede, 'onderwijs')).toEqual(patroon);
    } finally {
      await tweede.stop();
    }
  });

  it('truncated: cuts the body off, so that reading it fails', async () => {
    await zetStoring(mock, { partner: 'educam', mode: 'truncated' });
    const antwoord = await lees(mock, 'educam');
    await expect(antwoord.text()).rejects.toThrow();
    await zetStoring(mock, { partner: 'kazi', mode: 'truncated' });
    await expect(lees(mock, 'kazi').then((a) => a.json())).rejects.toThrow();
  });

  it('stays on its own partner: the others answer as usual', async () => {
    await zetStoring(mock, { partner: 'kazi', mode: 'down' });
    await zetStoring(mock, { partner: 'volta', mode: 'error500' });
    for (const partner of PARTNERS.filter((p) => p !== 'kazi' && p !== 'volta')) {
      const antwoord = await lees(mock, partner);
      await antwoord.arrayBuffer();
      expect({ partner, status: antwoord.status }).toEqual({ partner, status: 200 });
    }
    await expect(lees(mock, 'kazi')).rejects.toThrow();
    expect([500, 503]).toContain((await lees(mock, 'volta')).status);
    expect((await haak(mock, 'GET', '/health')).status).toBe(200);
  });

  it('is cleared per partner by DELETE /_mock/faults/<partner>, and all at once by DELETE /_mock/faults', async () => {
    await zetStoring(mock, { partner: 'volta', mode: 'error500' });
    await zetStoring(mock, { partner: 'mtech', mode: 'ratelimit' });
    await zetStoring(mock, { partner: 'woodwize', mode: 'down' });

    expect((await haak(mock, 'DELETE', '/faults/volta')).ok).toBe(true);
    expect((await lees(mock, 'volta')).status).toBe(200);
    expect((await lees(mock, 'mtech')).status).toBe(429);
    await expect(lees(mock, 'woodwize')).rejects.toThrow();

    expect((await haak(mock, 'DELETE', '/faults')).ok).toBe(true);
    expect((await lees(mock, 'mtech')).status).toBe(200);
    expect((await lees(mock, 'woodwize')).status).toBe(200);
  });

  it('answers 400 to a bad fault body, and installs nothing', async () => {
    const slecht: unknown[] = [
      'geen json',
      [],
      {},
      { mode: 'down' },
      { partner: 'volta' },
      { partner: 'onbekend', mode: 'down' },
      { partner: 'volta', mode: 'kapot' },
      { partner: 'volta', mode: 'flaky', rate: 2 },
      { partner: 'volta', mode: 'flaky', rate: 'veel' },
      { partner: 'volta', mode: 'slow', delayMs: -1 },
    ];
    for (const body of slecht) {
      const antwoord = await haak(mock, 'POST', '/faults', body);
      expect({ body, status: antwoord.status }).toEqual({ body, status: 400 });
    }
    expect((await lees(mock, 'volta')).status).toBe(200);
  });
});

describe('POST and DELETE /_mock/<partner>/records', () => {
  async function zet(partner: Partner, record: unknown): Promise<string> {
    const antwoord = await haak(mock, 'POST', `/${partner}/records`, record);
    const body = await jsonVan(antwoord);
    expect({ status: antwoord.status, body }).toMatchObject({ status: 200 });
    if (!isObject(body) || typeof body['id'] !== 'string') throw new Error('de haak gaf geen id terug');
    return body['id'];
  }

  async function verwijder(partner: Partner, id: string): Promise<void> {
    const antwoord = await haak(mock, 'DELETE', `/${partner}/records/${encodeURIComponent(id)}`);
    expect(antwoord.ok).toBe(true);
  }

  const kazi = (pad: string) =>
    fetch(`${mock.url}/kazi/v1${pad}`, { headers: { 'x-api-key': 'kazi-dev-key' } });
  const onderwijs = (pad: string) => fetch(`${mock.url}/onderwijs/v1${pad}`);

  it('Kazi: a lerende added, replaced and removed is seen by the next read', async () => {
    const voorbeeld = (
      (await jsonVan(await kazi('/lerenden?page=1&size=1'))) as { items: Record<string, unknown>[] }
    ).items[0];
    const totaal = async () =>
      ((await jsonVan(await kazi('/lerenden?page=1&size=1'))) as { totalItems: number }).totalItems;
    const voor = await totaal();
    const lerende = {
      lerendeId: 'L-e2e0a1',
      voornaam: 'Testje',
      familienaam: 'Haak',
      geboortejaar: 2010,
      instellingsnummer: voorbeeld?.['instellingsnummer'],
      opleidingscode: voorbeeld?.['opleidingscode'],
      woonplaatsNisCode: '34022',
      mobiliteitKm: 25,
      status: 'ZOEKEND',
      gewensteStartdatum: '2027-02-01',
    };
    expect(await zet('kazi', lerende)).toBe(lerende.lerendeId);
    expect(await jsonVan(await kazi(`/lerenden/${lerende.lerendeId}`))).toEqual(lerende);
    expect(await totaal()).toBe(voor + 1);

    const gewijzigd = { ...lerende, status: 'GEMATCHT', mobiliteitKm: 40 };
    await zet('kazi', gewijzigd);
    expect(await jsonVan(await kazi(`/lerenden/${lerende.lerendeId}`))).toEqual(gewijzigd);
    expect(await totaal()).toBe(voor + 1);
    const gematcht = (await jsonVan(
      await kazi(
        `/lerenden?status=GEMATCHT&instellingsnummer=${lerende.instellingsnummer as string}&size=200`,
      ),
    )) as { items: { lerendeId: string }[] };
    expect(gematcht.items.map((l) => l.lerendeId)).toContain(lerende.lerendeId);

    await verwijder('kazi', lerende.lerendeId);
    expect((await kazi(`/lerenden/${lerende.lerendeId}`)).status).toBe(404);
    expect(await totaal()).toBe(voor);
  });

  it('Kazi: a match added and removed is seen by the next read', async () => {
    const [lerende] = (
      (await jsonVan(await kazi('/lerenden?page=1&size=1'))) as {
        items: { lerendeId: string; opleidingscode: string }[];
      }
    ).items;
    if (!lerende) throw new Error('geen lerende');
    const matches = async () =>
      ((await jsonVan(await kazi(`/matches?lerendeId=${lerende.lerendeId}`))) as { items: unknown[] }).items;
    const voor = await matches();
    const match = {
      matchId: 'M-e2e001',
      versie: 1,
      lerendeId: lerende.lerendeId,
      ondernemingsnummer: '0403170701',
      vestigingsnummer: '2145678996',
      opleidingscode: lerende.opleidingscode,
      vestigingNisCode: '34022',
      status: 'VOORGESTELD',
      historiek: [{ status: 'VOORGESTELD', op: '2026-10-02T10:00:00Z', door: 'u-12' }],
    };
    expect(await zet('kazi', match)).toBe(match.matchId);
    expect(await matches()).toEqual([...voor, match]);
    const perOnderneming = (await jsonVan(await kazi('/matches?ondernemingsnummer=0403170701'))) as {
      items: unknown[];
    };
    expect(perOnderneming.items).toContainEqual(match);
    await verwijder('kazi', match.matchId);
    expect(await matches()).toEqual(voor);
  });

  it('onderwijs: an opleiding added, replaced and removed is seen by the next read', async () => {
    const opleidingen = async () =>
      (await jsonVan(await onderwijs('/opleidingen'))) as Record<string, unknown>[];
    const voor = await opleidingen();
    const opleiding = {
      opleidingscode: 'DS-E2E-3',
      naam: 'Testhaakmonteur duaal',
      niveau: 'SECUNDAIR',
      graad: 3,
      finaliteit: 'ARBEIDSMARKT',
      studiedomein: 'STEM',
      beroepskwalificaties: [{ code: 'BK-9999-4', naam: 'Testhaakmonteur', niveau: 4 }],
      beroepsprofielCodes: ['F9999'],
      paritaireComites: ['111'],
    };
    expect(await zet('onderwijs', opleiding)).toBe(opleiding.opleidingscode);
    expect(await opleidingen()).toEqual([...voor, opleiding]);

    const bestaand = voor[0];
    if (!bestaand) throw new Error('geen opleidingen');
    await zet('onderwijs', { ...bestaand, naam: 'Hernoemd duaal' });
    expect((await opleidingen()).find((o) => o['opleidingscode'] === bestaand['opleidingscode'])).toEqual({
      ...bestaand,
      naam: 'Hernoemd duaal',
    });
    await zet('onderwijs', bestaand);

    await verwijder('onderwijs', opleiding.opleidingscode);
    expect(await opleidingen()).toEqual(voor);
  });

  it('onderwijs: an instelling added and removed is seen by the next read', async () => {
    const totaal = async () =>
      ((await jsonVan(await onderwijs('/instellingen?page=1&size=1'))) as { totalItems: number }).totalItems;
    const voor = await totaal();
    const instelling = {
      instellingsnummer: '999901',
      naam: 'Testhaakschool',
      soort: 'SECUNDAIRE_SCHOOL',
      net: 'GO',
      adres: {
        straatnaam: 'Ijzerkaai',
        huisnummer: '1',
        postcode: '8500',
        gemeente: 'Kortrijk',
        nisCode: '34022',
      },
      website: 'https://testhaak.example',
    };
    expect(await zet('onderwijs', instelling)).toBe(instelling.instellingsnummer);
    expect(await jsonVan(await onderwijs(`/instellingen/${instelling.instellingsnummer}`))).toEqual(
      instelling,
    );
    expect(await totaal()).toBe(voor + 1);
    const batch = (await jsonVan(
      await onderwijs(`/instellingen?nummers=${instelling.instellingsnummer}`),
    )) as {
      items: unknown[];
    };
    expect(batch.items).toEqual([instelling]);

    await verwijder('onderwijs', instelling.instellingsnummer);
    expect((await onderwijs(`/instellingen/${instelling.instellingsnummer}`)).status).toBe(404);
    expect(await totaal()).toBe(voor);
  });

  it('onderwijs: an aanbod row added, replaced and removed is seen by the next read', async () => {
    const jaar = Number(REFERENTIEDATUM.slice(0, 4));
    const schooljaar =
      Number(REFERENTIEDATUM.slice(5, 7)) >= 9 ? `${jaar}-${jaar + 1}` : `${jaar - 1}-${jaar}`;
    const eerste = (
      (await jsonVan(await onderwijs(`/aanbod?schooljaar=${schooljaar}&page=1&size=1`))) as {
        items: { instellingsnummer: string; opleidingscode: string; vestigingsplaats: unknown }[];
      }
    ).items[0];
    if (!eerste) throw new Error(`geen aanbod in ${schooljaar}`);
    const rijen = async () =>
      (
        (await jsonVan(
          await onderwijs(
            `/aanbod?schooljaar=${schooljaar}&instellingsnummer=${eerste.instellingsnummer}&size=500`,
          ),
        )) as { items: Record<string, unknown>[] }
      ).items;
    const voor = await rijen();
    const rij = {
      instellingsnummer: eerste.instellingsnummer,
      opleidingscode: eerste.opleidingscode,
      schooljaar,
      vestigingsplaats: { postcode: '8970', nisCode: '33021' },
      capaciteit: 12,
      ingeschreven: 3,
    };
    const id = await zet('onderwijs', rij);
    expect(await rijen()).toEqual([...voor, rij]);

    await zet('onderwijs', { ...rij, capaciteit: null, ingeschreven: 14 });
    expect(await rijen()).toEqual([...voor, { ...rij, capaciteit: null, ingeschreven: 14 }]);

    await verwijder('onderwijs', id);
    expect(await rijen()).toEqual(voor);
  });
});
