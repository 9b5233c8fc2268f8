import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOndernemingsnummer, leesGemeenten, mod97Geldig, wacht } from './glossary.ts';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';
import {
  VDAB_API,
  VDAB_CLIENT_ID,
  VDAB_CLIENT_SECRET,
  VdabLezer,
  type BulkItem,
  type Vacature,
  type VdabPagina,
} from './vdab-reader.ts';

/**
 * The VDAB contract (shared/partners/vdab.md), checked over HTTP as an
 * independent client would. Only the generator's list of dirt is read from the
 * mock, to find the dirty records and check that each shows as described.
 */

const CONTRACTEN = ['VAST', 'TIJDELIJK', 'INTERIM', 'DUAAL_LEREN', 'STUDENTENJOB', 'FLEXIJOB'];
const OORZAKEN = ['KWANTITATIEF', 'KWALITATIEF', 'ARBEIDSOMSTANDIGHEDEN'];
const UUR_MS = 60 * 60 * 1000;
const DAG_MS = 24 * UUR_MS;
/** The mock keeps the change history of the 14 days before the reference date, the reference date included. */
const HISTORIEK_DAGEN = 14;
const TOKEN_PAD = '/vdab/isam/sps/oauth/oauth20/token';

const GEMEENTEN = leesGemeenten();
const GEMEENTE_PER_POSTCODE = new Map(GEMEENTEN.map((g) => [g.postcode, g]));

let mock: TestMock;
let lezer: VdabLezer;
/** Every published vacature, as `initial` paged it in beforeAll. */
let vacatures: Vacature[];
let perReferentie: Map<number, Vacature>;
let initialPaginas: VdabPagina<Vacature>[];

const ref = (v: { vacatureReferentie: { vdabReferentie: number } }): number =>
  v.vacatureReferentie.vdabReferentie;
const iso = (ms: number): string => new Date(ms).toISOString();
const bulkPad = (van: number, tot: number): string =>
  `${VDAB_API}/vacatures/bulk?van=${encodeURIComponent(iso(van))}&tot=${encodeURIComponent(iso(tot))}`;

async function token(
  basis: string,
  velden: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${basis}${TOKEN_PAD}`, { method: 'POST', body: new URLSearchParams(velden) });
  return { status: res.status, body: await res.json() };
}

const geldigeVelden = {
  grant_type: 'client_credentials',
  client_id: VDAB_CLIENT_ID,
  client_secret: VDAB_CLIENT_SECRET,
  scope: 'openid',
};

interface Stats {
  vdab: { requests: number; status429: number; routes: Record<string, number> };
}

async function stats(basis: string): Promise<Stats> {
  return (await (await fetch(`${basis}/_mock/stats`)).json()) as Stats;
}

beforeAll(async () => {
  mock = await startTestMock();
  lezer = new VdabLezer(mock.url);
  const initial = await lezer.alles<Vacature>(`${VDAB_API}/vacatures/initial`);
  vacatures = initial.resultaten;
  initialPaginas = initial.paginas;
  perReferentie = new Map(vacatures.map((v) => [ref(v), v]));
});

afterAll(async () => {
  await mock.stop();
});

describe('token', () => {
  it('hands out a bearer token for form-encoded client credentials', async () => {
    const { status, body } = await token(mock.url, geldigeVelden);
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'openid',
    });
  });

  it('answers 401 invalid_client to a wrong secret or client id', async () => {
    for (const fout of [
      { ...geldigeVelden, client_secret: 'fout' },
      { ...geldigeVelden, client_id: 'iemand-anders' },
      { grant_type: 'client_credentials', scope: 'openid' },
    ]) {
      const { status, body } = await token(mock.url, fout);
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: 'invalid_client' });
    }
  });

  it('lets a call through only with both the bearer token and X-IBM-Client-Id', async () => {
    const pad = `${VDAB_API}/vacatures/initial?aantal=1&offset=0`;
    expect((await lezer.vraag(pad)).status).toBe(200);
    const zonderClientId = await lezer.vraag(pad, { clientId: null });
    expect(zonderClientId.status).toBe(401);
    expect((await lezer.vraag(pad, { clientId: 'iemand-anders' })).status).toBe(401);
    for (const t of [null, 'geen-echt-token']) {
      const antwoord = await lezer.vraag(pad, { token: t });
      expect(antwoord.status).toBe(401);
      expect(antwoord.body).toMatchObject({ error: 'invalid_token' });
    }
  });

  it('expires a token after expires_in seconds with 401 invalid_token; a client renews it', async () => {
    const kort = await startTestMock({ vdabTokenTtlS: 1 });
    try {
      const gekregen = await token(kort.url, geldigeVelden);
      const { access_token: oud, expires_in: levensduur } = gekregen.body as {
        access_token: string;
        expires_in: number;
      };
      expect(levensduur).toBe(1);
      const pad = `${VDAB_API}/vacatures/initial?aantal=1&offset=0`;
      const eigen = new VdabLezer(kort.url);
      expect((await eigen.vraag(pad, { token: oud })).status).toBe(200);
      await wacht(levensduur * 1000 + 150);
      const verlopen = await eigen.vraag(pad, { token: oud });
      expect(verlopen.status).toBe(401);
      expect(verlopen.body).toMatchObject({ error: 'invalid_token' });

      // The client fetches one token, uses it for several calls, and a new one once the first runs out.
      for (let i = 0; i < 3; i++) expect((await eigen.vraag(pad)).status).toBe(200);
      await wacht(levensduur * 1000 + 150);
      for (let i = 0; i < 3; i++) expect((await eigen.vraag(pad)).status).toBe(200);
      expect(eigen.tokenAanvragen).toBe(2);
      const geteld = await stats(kort.url);
      expect(geteld.vdab.routes[`POST ${TOKEN_PAD}`]).toBe(3);
    } finally {
      await kort.stop();
    }
  });
});

describe('initial', () => {
  it('pages to the end with every published vacature once, about 6,000, about 800 duaal', () => {
    const totaal = initialPaginas[0]?.totaal ?? 0;
    initialPaginas.forEach((pagina, i) => {
      expect(pagina.totaal).toBe(totaal);
      expect(pagina.aantal).toBe(100);
      expect(pagina.offset).toBe(i * 100);
      expect(pagina.resultaten.length).toBe(Math.min(100, totaal - i * 100));
    });
    expect(vacatures).toHaveLength(totaal);
    expect(perReferentie.size).toBe(totaal);
    expect(new Set(vacatures.map((v) => v.vacatureReferentie.interneReferentie)).size).toBe(totaal);
    expect(totaal).toBeGreaterThanOrEqual(5000);
    expect(totaal).toBeLessThanOrEqual(7000);
    const duaal = vacatures.filter((v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN').length;
    expect(duaal).toBeGreaterThanOrEqual(600);
    expect(duaal).toBeLessThanOrEqual(1000);
  });

  it('gives every vacature the fields of the contract', () => {
    for (const v of vacatures) {
      expect(v.status).toBe('GEPUBLICEERD');
      expect(Number.isInteger(ref(v))).toBe(true);
      expect(v.vacatureReferentie.interneReferentie).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(v.publicatieDatum))).toBe(false);
      expect(v.wijzigingsDatum >= v.publicatieDatum).toBe(true);
      expect(v.functie.functieTitel.trim()).not.toBe('');
      expect(v.functie.beroepsprofiel.code).toMatch(/^[A-Z]\d{4}$/);
      expect(v.functie.beroepsprofiel.label.trim()).not.toBe('');
      expect(CONTRACTEN).toContain(v.arbeidsovereenkomst.arbeidsContract);
      expect(v.arbeidsovereenkomst.vermoedelijkeStartdatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['WERKGEVER', 'INTERIMKANTOOR']).toContain(v.leverancier.type);
      expect(v.leverancier.naam.trim()).not.toBe('');
      expect(v.tewerkstellingsadres.landCode).toBe('BE');
      expect(Number.isInteger(v.aantalPosten) && v.aantalPosten >= 1).toBe(true);
    }
    expect(new Set(vacatures.map((v) => v.arbeidsovereenkomst.arbeidsContract)).size).toBe(CONTRACTEN.length);
  });

  it('refuses aantal above 100', async () => {
    expect((await lezer.vraag(`${VDAB_API}/vacatures/initial?aantal=101&offset=0`)).status).toBe(400);
    expect((await lezer.vraag(`${VDAB_API}/vacatures?aantal=500&offset=0`)).status).toBe(400);
  });
});

describe('search', () => {
  const velden = [
    ['WIJZIGINGS_DATUM', 'wijzigingsDatum', 10],
    ['PUBLICATIE_DATUM', 'publicatieDatum', 5],
  ] as const;

  it.each(velden)('finds what changed since a moment, sorted on %s', async (sorteerveld, veld, dagen) => {
    // Half a minute past midnight: no vacature carries seconds, so the boundary is never a tie.
    const sinds = `${iso(Date.parse(REFERENTIEDATUM) - dagen * DAG_MS).slice(0, 10)}T00:00:30Z`;
    const { totaal, resultaten } = await lezer.alles<Vacature>(
      `${VDAB_API}/vacatures?sinds=${encodeURIComponent(sinds)}&sorteerveld=${sorteerveld}`,
    );
    const verwacht = vacatures.filter((v) => Date.parse(v[veld]) >= Date.parse(sinds));
    expect(verwacht.length).toBeGreaterThan(0);
    expect(totaal).toBe(verwacht.length);
    expect(resultaten.map(ref).sort()).toEqual(verwacht.map(ref).sort());
    const tijden = resultaten.map((v) => Date.parse(v[veld]));
    const oplopend = tijden.every((t, i) => i === 0 || t >= (tijden[i - 1] ?? t));
    const aflopend = tijden.every((t, i) => i === 0 || t <= (tijden[i - 1] ?? t));
    expect(oplopend || aflopend).toBe(true);
  });

  it('without sinds finds every published vacature', async () => {
    const pagina = await lezer.pagina<Vacature>(`${VDAB_API}/vacatures?sorteerveld=PUBLICATIE_DATUM`, 0);
    expect(pagina.totaal).toBe(vacatures.length);
    expect(pagina.resultaten).toHaveLength(100);
  });
});

describe('bulk', () => {
  const einde = Date.parse(REFERENTIEDATUM) + DAG_MS;
  const begin = einde - (HISTORIEK_DAGEN + 1) * DAG_MS;
  /** The history in 24-hour windows, each with what bulk reported in it. */
  let vensters: { van: number; tot: number; items: BulkItem[] }[];

  beforeAll(async () => {
    vensters = [];
    for (let van = begin; van < einde; van += DAG_MS) {
      const { resultaten } = await lezer.alles<BulkItem>(bulkPad(van, van + DAG_MS));
      vensters.push({ van, tot: van + DAG_MS, items: resultaten });
    }
  });

  it('refuses a window of more than 24 hours', async () => {
    const van = Date.parse(REFERENTIEDATUM);
    expect((await lezer.vraag(`${bulkPad(van, van + DAG_MS + 1000)}&aantal=100&offset=0`)).status).toBe(400);
    expect((await lezer.vraag(`${bulkPad(van - 3 * DAG_MS, van)}&aantal=100&offset=0`)).status).toBe(400);
    expect((await lezer.vraag(`${bulkPad(van, van + DAG_MS)}&aantal=100&offset=0`)).status).toBe(200);
  });

  it('reports the history as NIEUW, GEWIJZIGD and VERWIJDERD; a removed one only by its reference', () => {
    const alle = vensters.flatMap((v) => v.items);
    for (const soort of ['NIEUW', 'GEWIJZIGD', 'VERWIJDERD']) {
      expect(
        alle.some((i) => i.wijziging === soort),
        soort,
      ).toBe(true);
    }
    for (const item of alle) {
      if (item.wijziging === 'VERWIJDERD') {
        expect(item).toEqual({
          vacatureReferentie: { vdabReferentie: expect.any(Number) as unknown },
          wijziging: 'VERWIJDERD',
        });
        // Filled or closed: it left the published set.
        expect(perReferentie.has(ref(item))).toBe(false);
      } else {
        expect(item.functie.beroepsprofiel.code).toMatch(/^[A-Z]\d{4}$/);
      }
    }
  });

  it('reports a vacature as NIEUW in the window of its publication, and GEWIJZIGD in that of its last change', () => {
    const vensterVan = (tijd: string) =>
      vensters.find((v) => Date.parse(tijd) >= v.van && Date.parse(tijd) < v.tot);
    let gecontroleerd = 0;
    for (const vacature of vacatures) {
      for (const [tijd, soort] of [
        [vacature.publicatieDatum, 'NIEUW'],
        [vacature.wijzigingsDatum, 'GEWIJZIGD'],
      ] as const) {
        if (soort === 'GEWIJZIGD' && vacature.wijzigingsDatum === vacature.publicatieDatum) continue;
        const venster = vensterVan(tijd);
        if (!venster) continue;
        gecontroleerd += 1;
        expect(
          venster.items.some((i) => i.wijziging === soort && ref(i) === ref(vacature)),
          `${ref(vacature)} ${soort} ${tijd}`,
        ).toBe(true);
      }
    }
    expect(gecontroleerd).toBeGreaterThan(100);
    for (const { van, tot, items } of vensters) {
      for (const item of items) {
        if (item.wijziging === 'NIEUW') {
          expect(Date.parse(item.publicatieDatum) >= van && Date.parse(item.publicatieDatum) < tot).toBe(
            true,
          );
        }
      }
    }
  });

  it('shows the dirt "changed twice in one window" as two GEWIJZIGD entries for one vacature in one window', () => {
    const dubbel = mock.wereld.vuil.filter((v) => v.partner === 'vdab' && v.soort === 'DUBBELE_WIJZIGING');
    expect(dubbel.length).toBeGreaterThan(0);
    for (const vuil of dubbel) {
      expect(vuil.behandeling).toBe('EENMAAL_TOEPASSEN');
      const tweemaal = vensters.filter(
        ({ items }) =>
          items.filter((i) => i.wijziging === 'GEWIJZIGD' && String(ref(i)) === vuil.recordId).length >= 2,
      );
      expect(tweemaal.length, `vacature ${vuil.recordId}`).toBeGreaterThan(0);
    }
  });

  it('reports a new vacature, a change to it and its removal through the record hooks', async () => {
    const voorbeeld = vacatures.find((v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN');
    if (!voorbeeld) throw new Error('no duaal vacature');
    const bekend = new Set(vacatures.map(ref));
    let nieuweRef = 69_000_001;
    while (bekend.has(nieuweRef)) nieuweRef += 1;
    const nieuw: Vacature = {
      ...structuredClone(voorbeeld),
      vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: nieuweRef },
      aantalPosten: 1,
    };
    const zet = (v: Vacature) =>
      fetch(`${mock.url}/_mock/vdab/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(v),
      });

    const van = Date.now() - 1000;
    expect((await zet(nieuw)).status).toBe(200);
    const gezet = await lezer.vraag(`${VDAB_API}/vacatures/${nieuweRef}`);
    expect(gezet.status).toBe(200);
    expect((gezet.body as Vacature).aantalPosten).toBe(1);

    expect((await zet({ ...nieuw, aantalPosten: 3 })).status).toBe(200);
    expect(((await lezer.vraag(`${VDAB_API}/vacatures/${nieuweRef}`)).body as Vacature).aantalPosten).toBe(3);

    expect((await fetch(`${mock.url}/_mock/vdab/records/${nieuweRef}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await lezer.vraag(`${VDAB_API}/vacatures/${nieuweRef}`)).status).toBe(404);
    const tot = Date.now() + 1000;

    const { resultaten } = await lezer.alles<BulkItem>(bulkPad(van, tot));
    const eigen = resultaten.filter((i) => ref(i) === nieuweRef);
    expect(eigen.map((i) => i.wijziging)).toEqual(['NIEUW', 'GEWIJZIGD', 'VERWIJDERD']);
    const [eersteItem, gewijzigd, verwijderd] = eigen;
    expect(eersteItem).toMatchObject({ aantalPosten: 1, functie: nieuw.functie });
    expect(gewijzigd).toMatchObject({ aantalPosten: 3 });
    expect(verwijderd).toEqual({
      vacatureReferentie: { vdabReferentie: nieuweRef },
      wijziging: 'VERWIJDERD',
    });
  });
});

describe('by id and batch', () => {
  it('answers one vacature by its vdabReferentie, and 404 for an unknown one', async () => {
    const gekozen = [vacatures[0], vacatures[vacatures.length - 1]];
    for (const v of gekozen) {
      const antwoord = await lezer.vraag(`${VDAB_API}/vacatures/${v ? ref(v) : 0}`);
      expect(antwoord.status).toBe(200);
      expect(antwoord.body).toEqual(v);
    }
    let onbekend = 69_999_999;
    while (perReferentie.has(onbekend)) onbekend -= 1;
    expect((await lezer.vraag(`${VDAB_API}/vacatures/${onbekend}`)).status).toBe(404);
    const geteld = await stats(mock.url);
    expect(geteld.vdab.routes[`GET ${VDAB_API}/vacatures/{vdabReferentie}`]).toBeGreaterThanOrEqual(3);
  });

  it('answers a batch of at most 50 references, and 400 above', async () => {
    const vijftig = vacatures.slice(100, 150);
    const antwoord = await lezer.vraag(`${VDAB_API}/vacatures`, {
      methode: 'POST',
      body: { vdabReferenties: vijftig.map(ref) },
    });
    expect(antwoord.status).toBe(200);
    const { resultaten } = antwoord.body as { resultaten: Vacature[] };
    expect(resultaten.map(ref).sort()).toEqual(vijftig.map(ref).sort());
    for (const v of resultaten) expect(v).toEqual(perReferentie.get(ref(v)));
    const teVeel = await lezer.vraag(`${VDAB_API}/vacatures`, {
      methode: 'POST',
      body: { vdabReferenties: vacatures.slice(0, 51).map(ref) },
    });
    expect(teVeel.status).toBe(400);
  });
});

describe('rate limit', () => {
  it('answers more than 10 requests a second with 429 and Retry-After, and counts them in the stats', async () => {
    // A mock of its own, so that no earlier request of this file counts in the second of the burst.
    const eigen = await startTestMock();
    try {
      const eigenLezer = new VdabLezer(eigen.url);
      const tok = await eigenLezer.haalToken();
      const pad = `${eigen.url}${VDAB_API}/vacatures/initial?aantal=1&offset=0`;
      // Past the client's own pacing on purpose: a burst of 15 at once.
      const antwoorden = await Promise.all(
        Array.from({ length: 15 }, () =>
          fetch(pad, { headers: { authorization: `Bearer ${tok}`, 'x-ibm-client-id': VDAB_CLIENT_ID } }),
        ),
      );
      const teVeel = antwoorden.filter((a) => a.status === 429);
      const goed = antwoorden.filter((a) => a.status === 200);
      expect(goed.length + teVeel.length).toBe(15);
      expect(goed.length).toBeGreaterThan(0);
      expect(goed.length).toBeLessThanOrEqual(10);
      for (const a of teVeel) expect(a.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      await Promise.all(antwoorden.map((a) => a.arrayBuffer()));
      const geteld = await stats(eigen.url);
      expect(geteld.vdab.status429).toBe(teVeel.length);
      expect(geteld.vdab.routes[`GET ${VDAB_API}/vacatures/initial`]).toBe(15);

      // Told to wait, a client that waits gets through again.
      await wacht(Number(teVeel[0]?.headers.get('retry-after') ?? '1') * 1000);
      const daarna = await eigenLezer.vraag(`${VDAB_API}/vacatures/initial?aantal=1&offset=0`, {
        geef429: true,
      });
      expect(daarna.status).toBe(200);
    } finally {
      await eigen.stop();
    }
  });
});

describe('knelpuntberoepen', () => {
  it('publishes the list of the reference year without auth, causes from the allowed set', async () => {
    const jaar = Number(REFERENTIEDATUM.slice(0, 4));
    const res = await fetch(`${mock.url}/vdab/knelpuntberoepen/${jaar}.json`);
    expect(res.status).toBe(200);
    const lijst = (await res.json()) as {
      jaar: number;
      beroepen: { beroepsprofielCode: string; naam: string; oorzaken: string[] }[];
    };
    expect(lijst.jaar).toBe(jaar);
    expect(lijst.beroepen.length).toBeGreaterThan(5);
    for (const b of lijst.beroepen) {
      expect(b.beroepsprofielCode).toMatch(/^[A-Z]\d{4}$/);
      expect(b.naam.trim()).not.toBe('');
      expect(b.oorzaken.length).toBeGreaterThan(0);
      for (const o of b.oorzaken) expect(OORZAKEN).toContain(o);
    }
    expect(new Set(lijst.beroepen.map((b) => b.beroepsprofielCode)).size).toBe(lijst.beroepen.length);
  });
});

describe('dirt and cross-walks', () => {
  const vuil = () => mock.wereld.vuil.filter((v) => v.partner === 'vdab');
  const idsVan = (...soorten: string[]) =>
    vuil()
      .filter((v) => soorten.includes(v.soort))
      .map((v) => Number(v.recordId))
      .sort();

  it('lists every kind of dirt the contract names', () => {
    expect([...new Set(vuil().map((v) => v.soort))].sort()).toEqual(
      ['DUBBELE_WIJZIGING', 'KBO_CONTROLE', 'KBO_ONTBREEKT', 'ONBESTAANDE_POSTCODE'].sort(),
    );
  });

  it('leaves leverancier.kboNummer missing or failing mod 97 exactly where the dirt list says', () => {
    const kapot = vacatures.filter((v) => {
      const kbo = v.leverancier.kboNummer;
      return kbo === undefined || kbo === null || !isOndernemingsnummer(kbo);
    });
    expect(kapot.map(ref).sort()).toEqual(idsVan('KBO_ONTBREEKT', 'KBO_CONTROLE'));
    for (const v of vuil()) {
      const vacature = perReferentie.get(Number(v.recordId));
      if (v.soort === 'KBO_ONTBREEKT') expect(vacature?.leverancier.kboNummer ?? null).toBeNull();
      if (v.soort === 'KBO_CONTROLE') {
        expect(vacature?.leverancier.kboNummer).toBe(v.waarde);
        expect(vacature?.leverancier.kboNummer).toMatch(/^\d{10}$/);
        expect(mod97Geldig(v.waarde ?? '')).toBe(false);
      }
    }
  });

  it('places every vacature at a postcode of the glossary, except a postcode that exists in no municipality', () => {
    const nergens = vacatures.filter((v) => !GEMEENTE_PER_POSTCODE.has(v.tewerkstellingsadres.postcode));
    expect(nergens.map(ref).sort()).toEqual(idsVan('ONBESTAANDE_POSTCODE'));
    for (const v of nergens) {
      expect(v.tewerkstellingsadres.postcode).toMatch(/^\d{4}$/);
      expect(vuil().find((x) => x.recordId === String(ref(v)))?.waarde).toBe(v.tewerkstellingsadres.postcode);
    }
    for (const v of vacatures.filter((x) => GEMEENTE_PER_POSTCODE.has(x.tewerkstellingsadres.postcode))) {
      expect(v.tewerkstellingsadres.gemeente).toBe(
        GEMEENTE_PER_POSTCODE.get(v.tewerkstellingsadres.postcode)?.naam,
      );
      expect(v.tewerkstellingsadres.provincie.label).toBe('West-Vlaanderen');
    }
  });

  it('gives interim vacatures an INTERIMKANTOOR as leverancier', () => {
    const interim = vacatures.filter((v) => v.arbeidsovereenkomst.arbeidsContract === 'INTERIM');
    expect(interim.length).toBeGreaterThan(100);
    for (const v of interim) expect(v.leverancier.type).toBe('INTERIMKANTOOR');
    expect(vacatures.filter((v) => v.leverancier.type === 'WERKGEVER').length).toBeGreaterThan(
      vacatures.length / 2,
    );
  });

  it('shares werkgevers with the sector databanks: Volta knows some of their KBO numbers', async () => {
    const ondernemingsnummers = new Set<string>();
    let totaal = Infinity;
    for (let offset = 0; offset < totaal; offset += 500) {
      const res = await fetch(`${mock.url}/volta/api/v2/erkenningen?offset=${offset}&limit=500`, {
        headers: { 'x-api-key': 'volta-dev-key' },
      });
      expect(res.status).toBe(200);
      const pagina = (await res.json()) as { totaal: number; items: { ondernemingsnummer: string }[] };
      totaal = pagina.totaal;
      for (const e of pagina.items) {
        if (/^[01]\d{3}\.\d{3}\.\d{3}$/.test(e.ondernemingsnummer))
          ondernemingsnummers.add(e.ondernemingsnummer.replace(/\./g, ''));
      }
      if (pagina.items.length === 0) break;
    }
    expect(ondernemingsnummers.size).toBeGreaterThan(50);
    const werkgevers = new Set(
      vacatures
        .filter((v) => v.leverancier.type === 'WERKGEVER')
        .map((v) => v.leverancier.kboNummer)
        .filter((k): k is string => typeof k === 'string'),
    );
    const gedeeld = [...werkgevers].filter((k) => ondernemingsnummers.has(k));
    expect(gedeeld.length).toBeGreaterThan(20);
  });

  it('gives duaal vacatures beroepsprofiel codes that some opleiding of the register lists', async () => {
    const res = await fetch(`${mock.url}/onderwijs/v1/opleidingen`);
    const opleidingen = (await res.json()) as { beroepsprofielCodes: string[] }[];
    const codes = new Set(opleidingen.flatMap((o) => o.beroepsprofielCodes));
    const duaal = vacatures.filter((v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN');
    expect(duaal.length).toBeGreaterThan(0);
    for (const v of duaal)
      expect(codes.has(v.functie.beroepsprofiel.code), v.functie.beroepsprofiel.code).toBe(true);
  });
});
