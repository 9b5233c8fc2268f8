import { createHash } from 'node:crypto';
import { setTimeout as wacht } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';

/**
 * The mock's data is a function of its seed (shared/partners/README.md): two
 * mocks with the same seed serve the same bytes on every partner, and another
 * seed serves other data. Each partner is read in full, the way its contract
 * pages it, as a client would.
 */

const CONSTRUCTIV_BASIC = `Basic ${Buffer.from('duaal:constructiv-dev').toString('base64')}`;
const VDAB_API = '/vdab/services/openservices/vacatures/v4';
const JAAR = Number(REFERENTIEDATUM.slice(0, 4));
/** A school year starts in September: the register carries the current one and the next. */
const SCHOOLJAREN = ((begin: number) => [`${begin}-${begin + 1}`, `${begin + 1}-${begin + 2}`])(
  Number(REFERENTIEDATUM.slice(5, 7)) >= 9 ? JAAR : JAAR - 1,
);

/** What a full read of one feed gave: its bytes (page bodies in order), and how many records it held. */
interface Lezing {
  bytes: string;
  aantal: number;
}

async function haal(url: string, init: RequestInit = {}): Promise<string> {
  // Only VDAB limits its callers; a 429 there is waited out as its Retry-After says.
  for (let poging = 0; ; poging++) {
    const antwoord = await fetch(url, init);
    const tekst = await antwoord.text();
    if (antwoord.status === 429 && poging < 10) {
      await wacht(Number(antwoord.headers.get('retry-after') ?? '1') * 1000);
      continue;
    }
    expect({ url, status: antwoord.status }).toEqual({ url, status: 200 });
    return tekst;
  }
}

async function haalJson(url: string, init: RequestInit = {}): Promise<{ tekst: string; body: unknown }> {
  const tekst = await haal(url, init);
  return { tekst, body: JSON.parse(tekst) as unknown };
}

/** Reads page after page until `lees` reports the last one, keeping every page's body in order. */
async function pagineer(
  lees: (pagina: number) => Promise<{ tekst: string; aantal: number; laatste: boolean }>,
): Promise<Lezing> {
  const delen: string[] = [];
  let aantal = 0;
  for (let pagina = 1; pagina < 1000; pagina++) {
    const gelezen = await lees(pagina);
    delen.push(gelezen.tekst);
    aantal += gelezen.aantal;
    if (gelezen.laatste) return { bytes: delen.join('\n'), aantal };
  }
  throw new Error('meer dan 1000 pagina’s: de paginering eindigt niet');
}

async function volta(url: string): Promise<Lezing> {
  const limit = 500;
  return pagineer(async (pagina) => {
    const offset = (pagina - 1) * limit;
    const { tekst, body: json } = await haalJson(
      `${url}/volta/api/v2/erkenningen?offset=${offset}&limit=${limit}`,
      { headers: { 'x-api-key': 'volta-dev-key' } },
    );
    const body = json as { totaal: number; items: unknown[] };
    return { tekst, aantal: body.items.length, laatste: offset + limit >= body.totaal };
  });
}

async function educam(url: string): Promise<Lezing> {
  const antwoord = await fetch(`${url}/educam/export/erkenningen.csv`, {
    headers: { authorization: 'Bearer educam-dev-token' },
  });
  expect(antwoord.status).toBe(200);
  const csv = await antwoord.text();
  // The ETag names the export's content, so it must repeat with the bytes.
  const etag = antwoord.headers.get('etag');
  expect(etag).not.toBeNull();
  return { bytes: `${etag ?? ''}\n${csv}`, aantal: csv.split('\r\n').filter((r) => r !== '').length - 1 };
}

async function constructiv(url: string): Promise<Lezing> {
  // A cursor carries the time it was made, so the links differ between runs: only the records count.
  let volgende: string | undefined = '/constructiv/leerwerkplekken?size=100';
  return pagineer(async () => {
    const { body: json } = await haalJson(`${url}${volgende ?? ''}`, {
      headers: { authorization: CONSTRUCTIV_BASIC },
    });
    const body = json as {
      _embedded: { leerwerkplekken: unknown[] };
      _links: { next?: { href: string } };
    };
    volgende = body._links.next?.href;
    const records = body._embedded.leerwerkplekken;
    return { tekst: JSON.stringify(records), aantal: records.length, laatste: volgende === undefined };
  });
}

async function mtech(url: string): Promise<Lezing> {
  return pagineer(async (pagina) => {
    const { tekst, body: json } = await haalJson(`${url}/mtech/v1/erkenningen?page=${pagina}&pageSize=250`, {
      headers: { 'x-api-key': 'mtech-dev-key' },
    });
    const body = json as { data: unknown[]; meta: { pageCount: number } };
    return { tekst, aantal: body.data.length, laatste: pagina >= body.meta.pageCount };
  });
}

async function woodwize(url: string): Promise<Lezing> {
  return pagineer(async (pagina) => {
    const tekst = await haal(`${url}/woodwize/feed/erkenningen.xml?pagina=${pagina}`);
    const paginas = /<erkenningen\b[^>]*\bpaginas="(\d+)"/.exec(tekst)?.[1];
    if (paginas === undefined) throw new Error(`pagina ${pagina} van Woodwize noemt geen paginas`);
    const aantal = tekst.match(/<erkenning\b/g)?.length ?? 0;
    return { tekst, aantal, laatste: pagina >= Number(paginas) };
  });
}

async function onderwijsPaginas(url: string, pad: string, size: number): Promise<Lezing> {
  return pagineer(async (pagina) => {
    const scheiding = pad.includes('?') ? '&' : '?';
    const { tekst, body: json } = await haalJson(
      `${url}/onderwijs/v1${pad}${scheiding}page=${pagina}&size=${size}`,
    );
    const body = json as { items: unknown[]; totalPages: number };
    return { tekst, aantal: body.items.length, laatste: pagina >= body.totalPages };
  });
}

async function opleidingen(url: string): Promise<Lezing> {
  const { tekst, body: json } = await haalJson(`${url}/onderwijs/v1/opleidingen`);
  const body = json as unknown[];
  return { bytes: tekst, aantal: body.length };
}

async function vdabToken(url: string): Promise<string> {
  const { body: json } = await haalJson(`${url}/vdab/isam/sps/oauth/oauth20/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'duaal-dev',
      client_secret: 'vdab-dev-secret',
      scope: 'openid',
    }),
  });
  const body = json as { access_token: string };
  return body.access_token;
}

async function vdabInitial(url: string): Promise<Lezing> {
  const token = await vdabToken(url);
  const aantal = 100;
  return pagineer(async (pagina) => {
    const offset = (pagina - 1) * aantal;
    const { tekst, body: json } = await haalJson(
      `${url}${VDAB_API}/vacatures/initial?aantal=${aantal}&offset=${offset}`,
      { headers: { authorization: `Bearer ${token}`, 'x-ibm-client-id': 'duaal-dev' } },
    );
    const body = json as { totaal: number; resultaten: unknown[] };
    return { tekst, aantal: body.resultaten.length, laatste: offset + aantal >= body.totaal };
  });
}

async function knelpuntberoepen(url: string): Promise<Lezing> {
  const { tekst, body: json } = await haalJson(`${url}/vdab/knelpuntberoepen/${JAAR}.json`);
  const body = json as { beroepen: unknown[] };
  return { bytes: tekst, aantal: body.beroepen.length };
}

async function kaziLerenden(url: string): Promise<Lezing> {
  return pagineer(async (pagina) => {
    const { tekst, body: json } = await haalJson(`${url}/kazi/v1/lerenden?page=${pagina}&size=200`, {
      headers: { 'x-api-key': 'kazi-dev-key' },
    });
    const body = json as { items: unknown[]; totalPages: number };
    return { tekst, aantal: body.items.length, laatste: pagina >= body.totalPages };
  });
}

/** Every match, status by status, page by page. */
async function kaziMatches(url: string): Promise<Lezing> {
  const delen: string[] = [];
  let aantal = 0;
  for (const status of ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART', 'AFGEWEZEN']) {
    const lezing = await pagineer(async (pagina) => {
      const { tekst, body: json } = await haalJson(
        `${url}/kazi/v1/matches?status=${status}&page=${pagina}&size=200`,
        { headers: { 'x-api-key': 'kazi-dev-key' } },
      );
      const body = json as { items: unknown[]; totalPages: number };
      return { tekst, aantal: body.items.length, laatste: pagina >= body.totalPages };
    });
    delen.push(lezing.bytes);
    aantal += lezing.aantal;
  }
  return { bytes: delen.join('\n'), aantal };
}

/** The register's list of extracts and every zip in it, byte for byte (the zips carry fixed times). */
async function kboExtracten(url: string): Promise<Lezing> {
  const headers = { authorization: `Basic ${Buffer.from('duaal:kbo-dev').toString('base64')}` };
  const { tekst, body } = await haalJson(`${url}/kbo/open-data/extracts`, { headers });
  const delen = [tekst];
  for (const { naam } of body as { naam: string }[]) {
    const antwoord = await fetch(`${url}/kbo/open-data/extracts/${naam}`, { headers });
    expect({ naam, status: antwoord.status }).toEqual({ naam, status: 200 });
    delen.push(
      createHash('sha256')
        .update(Buffer.from(await antwoord.arrayBuffer()))
        .digest('hex'),
    );
  }
  return { bytes: delen.join('\n'), aantal: delen.length - 1 };
}

/**
 * Every feed, with whether another seed must change it: the opleidingen and
 * the knelpuntberoepen are catalogues of real names and codes, the same in
 * every data set.
 */
const FEEDS: { naam: string; lees: (url: string) => Promise<Lezing>; perSeed: boolean }[] = [
  { naam: 'volta erkenningen', lees: volta, perSeed: true },
  { naam: 'educam export', lees: educam, perSeed: true },
  { naam: 'constructiv leerwerkplekken', lees: constructiv, perSeed: true },
  { naam: 'mtech erkenningen', lees: mtech, perSeed: true },
  { naam: 'woodwize feed', lees: woodwize, perSeed: true },
  { naam: 'onderwijs opleidingen', lees: opleidingen, perSeed: false },
  {
    naam: 'onderwijs instellingen',
    lees: (url) => onderwijsPaginas(url, '/instellingen', 200),
    perSeed: true,
  },
  ...SCHOOLJAREN.map((schooljaar) => ({
    naam: `onderwijs aanbod ${schooljaar}`,
    lees: (url: string) => onderwijsPaginas(url, `/aanbod?schooljaar=${schooljaar}`, 500),
    perSeed: true,
  })),
  { naam: 'vdab initial', lees: vdabInitial, perSeed: true },
  { naam: 'vdab knelpuntberoepen', lees: knelpuntberoepen, perSeed: false },
  { naam: 'kazi lerenden', lees: kaziLerenden, perSeed: true },
  { naam: 'kazi matches', lees: kaziMatches, perSeed: true },
  { naam: 'kbo extracten', lees: kboExtracten, perSeed: true },
];

type Volledig = Map<string, Lezing>;

async function leesAlles(mock: TestMock): Promise<Volledig> {
  const lezingen = await Promise.all(
    FEEDS.map(async (feed) => [feed.naam, await feed.lees(mock.url)] as const),
  );
  return new Map(lezingen);
}

function vingerafdruk(lezing: Lezing | undefined): string {
  if (!lezing) throw new Error('feed niet gelezen');
  return `${lezing.aantal} records, sha256 ${createHash('sha256').update(lezing.bytes).digest('hex')}`;
}

const mocks: TestMock[] = [];
let eerste: Volledig;
let tweede: Volledig;
let anderZaad: Volledig;

beforeAll(async () => {
  // A high VDAB limit keeps the three full reads fast; the 429 path is in testhaken.e2e.ts.
  const instellingen = { vdabLimietPerSeconde: 10_000 };
  mocks.push(
    ...(await Promise.all([
      startTestMock(instellingen),
      startTestMock(instellingen),
      startTestMock({ ...instellingen, seed: '4242' }),
    ])),
  );
  const [a, b, c] = mocks;
  if (!a || !b || !c) throw new Error('mocks niet gestart');
  expect(a.config.seed).toBe(b.config.seed);
  expect(c.config.seed).not.toBe(a.config.seed);
  [eerste, tweede, anderZaad] = await Promise.all([leesAlles(a), leesAlles(b), leesAlles(c)]);
  // Three mocks generate and serve everything in this one process: a minute on a busy two-core machine.
}, 180_000);

afterAll(async () => {
  await Promise.all(mocks.map((m) => m.stop()));
});

describe('determinism of the mock partners', () => {
  it.each(FEEDS.map((f) => [f.naam, f] as const))('%s: a full read has records', (naam) => {
    expect(eerste.get(naam)?.aantal).toBeGreaterThan(0);
  });

  it.each(FEEDS.map((f) => [f.naam, f] as const))('%s: the same bytes for the same seed', (naam) => {
    expect(vingerafdruk(tweede.get(naam))).toBe(vingerafdruk(eerste.get(naam)));
  });

  it.each(FEEDS.filter((f) => f.perSeed).map((f) => [f.naam, f] as const))(
    '%s: other data for another seed',
    (naam) => {
      expect(vingerafdruk(anderZaad.get(naam))).not.toBe(vingerafdruk(eerste.get(naam)));
    },
  );
});
