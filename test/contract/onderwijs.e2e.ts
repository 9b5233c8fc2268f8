import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesGemeenten, schooljaarVan } from './glossary.ts';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './mock.ts';

/**
 * The Onderwijsaanbod register contract (shared/partners/onderwijsaanbod.md),
 * checked over HTTP as an independent client would. Only the generator's list
 * of dirt is read from the mock, to check that every kind shows in the feed.
 */

interface Opleiding {
  opleidingscode: string;
  naam: string;
  niveau: string;
  graad: number | null;
  finaliteit: string;
  studiedomein: string;
  beroepskwalificaties: { code: string; naam: string; niveau: number }[];
  beroepsprofielCodes: string[];
  paritaireComites: string[];
}

interface Instelling {
  instellingsnummer: string;
  naam: string;
  soort: string;
  net: string;
  adres: { straatnaam: string; huisnummer: string; postcode: string; gemeente: string; nisCode: string };
  website: string;
}

interface Aanbod {
  instellingsnummer: string;
  opleidingscode: string;
  schooljaar: string;
  vestigingsplaats: { postcode: string; nisCode: string };
  capaciteit: number | null;
  ingeschreven: number;
}

interface Pagina<T> {
  items: T[];
  page: number;
  totalPages: number;
  totalItems: number;
}

const SOORTEN = [
  'SECUNDAIRE_SCHOOL',
  'CENTRUM_DEELTIJDS_ONDERWIJS',
  'CENTRUM_VOLWASSENENONDERWIJS',
  'HOGESCHOOL',
  'SYNTRA',
];
const NETTEN = ['GO', 'KATHOLIEK', 'OVSG', 'POV', 'PRIVAAT'];
const ECHTE_NAMEN = [
  'Elektrotechnicus duaal',
  'Binnenschrijnwerk en interieur duaal',
  'Machinaal houtbewerker duaal',
  'Ruwbouw duaal',
  'Onderhoudsmechanicus auto duaal',
  'CNC-operator duaal',
  'Logistiek medewerker duaal',
  'Kapper-stylist duaal',
  'Verzorgende duaal',
  'Keukenmedewerker duaal',
];

const GEMEENTEN = leesGemeenten();
const GEMEENTE_PER_NIS = new Map(GEMEENTEN.map((g) => [g.nisCode, g]));
const nisVan = (naam: string): string => {
  const gemeente = GEMEENTEN.find((g) => g.naam === naam);
  if (!gemeente) throw new Error(`${naam} not in GLOSSARY.md`);
  return gemeente.nisCode;
};
const BRUGGE = nisVan('Brugge');
const KORTRIJK = nisVan('Kortrijk');
const MESEN = nisVan('Mesen');

const HUIDIG_SCHOOLJAAR = schooljaarVan(REFERENTIEDATUM);
const VOLGEND_SCHOOLJAAR = `${Number(HUIDIG_SCHOOLJAAR.slice(0, 4)) + 1}-${Number(HUIDIG_SCHOOLJAAR.slice(0, 4)) + 2}`;
const VORIG_SCHOOLJAAR = `${Number(HUIDIG_SCHOOLJAAR.slice(0, 4)) - 1}-${HUIDIG_SCHOOLJAAR.slice(0, 4)}`;

/**
 * The register gives an aanbod row no id; the dirt list names one by its natural
 * key, instelling, opleiding, school year and place.
 */
const rijSleutel = (a: Aanbod): string =>
  `${a.instellingsnummer}:${a.opleidingscode}:${a.schooljaar}:${a.vestigingsplaats.nisCode}`;

let mock: TestMock;
let basis: string;

async function haal(pad: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${basis}${pad}`, { headers: { accept: 'application/json' } });
  return { status: res.status, body: await res.json() };
}

async function haalOk(pad: string): Promise<unknown> {
  const { status, body } = await haal(pad);
  if (status !== 200) throw new Error(`GET ${pad}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Every page from 1 to totalPages, checking the paging fields on the way. */
// T only names the record the caller expects; the checks here are on the paging, not on T.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function allePaginas<T>(pad: string, size: number): Promise<{ items: T[]; totalItems: number }> {
  const scheiding = pad.includes('?') ? '&' : '?';
  const items: T[] = [];
  let totalPages = 1;
  let totalItems = 0;
  for (let page = 1; page <= totalPages; page++) {
    const pagina = (await haalOk(`${pad}${scheiding}page=${page}&size=${size}`)) as Pagina<T>;
    expect(pagina.page).toBe(page);
    expect(pagina.items.length).toBeLessThanOrEqual(size);
    if (page < pagina.totalPages) expect(pagina.items).toHaveLength(size);
    totalPages = pagina.totalPages;
    totalItems = pagina.totalItems;
    expect(totalPages).toBe(Math.max(1, Math.ceil(totalItems / size)));
    items.push(...pagina.items);
  }
  return { items, totalItems };
}

function telPerNis(nisCodes: string[]): Map<string, number> {
  const telling = new Map<string, number>();
  for (const nis of nisCodes) telling.set(nis, (telling.get(nis) ?? 0) + 1);
  return telling;
}

let opleidingen: Opleiding[];
let instellingen: Instelling[];
/** Both school years, as paged with the largest page. */
let aanbod: Aanbod[];

beforeAll(async () => {
  mock = await startTestMock();
  basis = `${mock.url}/onderwijs/v1`;
  opleidingen = (await haalOk('/opleidingen')) as Opleiding[];
  instellingen = (await allePaginas<Instelling>('/instellingen', 200)).items;
  aanbod = [
    ...(await allePaginas<Aanbod>(`/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}`, 500)).items,
    ...(await allePaginas<Aanbod>(`/aanbod?schooljaar=${VOLGEND_SCHOOLJAAR}`, 500)).items,
  ];
});

afterAll(async () => {
  await mock.stop();
});

describe('opleidingen', () => {
  it('answers all opleidingen at once, with every field of the contract', () => {
    expect(Array.isArray(opleidingen)).toBe(true);
    for (const o of opleidingen) {
      expect(o).toEqual({
        opleidingscode: expect.stringMatching(/^[A-Z0-9]+(-[A-Z0-9]+)+$/) as unknown,
        naam: expect.any(String) as unknown,
        niveau: expect.any(String) as unknown,
        graad: o.graad === null ? null : (expect.any(Number) as unknown),
        finaliteit: expect.any(String) as unknown,
        studiedomein: expect.any(String) as unknown,
        beroepskwalificaties: expect.any(Array) as unknown,
        beroepsprofielCodes: expect.any(Array) as unknown,
        paritaireComites: expect.any(Array) as unknown,
      });
      expect(o.naam.trim()).not.toBe('');
      expect(o.studiedomein.trim()).not.toBe('');
      for (const bk of o.beroepskwalificaties) {
        expect(bk.code).toMatch(/^BK-\d{4}-\d$/);
        expect(bk.naam.trim()).not.toBe('');
        expect(Number.isInteger(bk.niveau) && bk.niveau >= 1 && bk.niveau <= 8).toBe(true);
      }
      // A Competent code, ROME-style: a letter and four digits.
      for (const code of o.beroepsprofielCodes) expect(code).toMatch(/^[A-Z]\d{4}$/);
      for (const pc of o.paritaireComites) expect(pc).toMatch(/^\d{3}(\.\d{2})?$/);
    }
    expect(new Set(opleidingen.map((o) => o.opleidingscode)).size).toBe(opleidingen.length);
  });

  it('keeps niveau, graad and finaliteit to the values the contract allows', () => {
    for (const o of opleidingen) {
      expect(['SECUNDAIR', 'VOLWASSENENONDERWIJS', 'HOGER']).toContain(o.niveau);
      expect(['ARBEIDSMARKT', 'DUBBEL']).toContain(o.finaliteit);
      // Graad 2 or 3 in secondary education, null for Se-n-Se and outside it.
      if (o.niveau === 'SECUNDAIR') expect([2, 3, null]).toContain(o.graad);
      else expect(o.graad).toBeNull();
    }
    const niveaus = new Set(opleidingen.map((o) => o.niveau));
    expect([...niveaus].sort()).toEqual(['HOGER', 'SECUNDAIR', 'VOLWASSENENONDERWIJS']);
    const secundair = opleidingen.filter((o) => o.niveau === 'SECUNDAIR');
    expect(secundair.some((o) => o.graad === 2)).toBe(true);
    expect(secundair.some((o) => o.graad === 3)).toBe(true);
  });

  it('has about 60 opleidingen with real names, and the cross-walks to Educam and VDAB', () => {
    expect(opleidingen.length).toBeGreaterThanOrEqual(50);
    expect(opleidingen.length).toBeLessThanOrEqual(75);
    const namen = opleidingen.map((o) => o.naam);
    for (const naam of ECHTE_NAMEN) expect(namen).toContain(naam);
    expect(opleidingen.filter((o) => o.beroepskwalificaties.length > 0).length).toBeGreaterThan(
      opleidingen.length / 2,
    );
    expect(opleidingen.every((o) => o.beroepsprofielCodes.length > 0)).toBe(true);
  });
});

describe('instellingen', () => {
  it('pages to the end with every instelling once, about 120 of them', async () => {
    const { items, totalItems } = await allePaginas<Instelling>('/instellingen', 100);
    expect(items).toHaveLength(totalItems);
    expect(new Set(items.map((i) => i.instellingsnummer)).size).toBe(totalItems);
    expect(totalItems).toBeGreaterThanOrEqual(100);
    expect(totalItems).toBeLessThanOrEqual(140);
    // The same set whatever the page size.
    expect(items.map((i) => i.instellingsnummer).sort()).toEqual(
      instellingen.map((i) => i.instellingsnummer).sort(),
    );
    const kleineStap = await allePaginas<Instelling>('/instellingen', 7);
    expect(kleineStap.items.map((i) => i.instellingsnummer)).toEqual(items.map((i) => i.instellingsnummer));
  });

  it('defaults to page 1 of 100 and refuses a size above 200', async () => {
    const standaard = (await haalOk('/instellingen')) as Pagina<Instelling>;
    expect(standaard.page).toBe(1);
    expect(standaard.items).toHaveLength(Math.min(100, standaard.totalItems));
    expect((await haal('/instellingen?page=1&size=200')).status).toBe(200);
    expect((await haal('/instellingen?page=1&size=201')).status).toBe(400);
    expect((await haal('/instellingen?page=1&size=1000')).status).toBe(400);
  });

  it('gives every instelling the fields and values of the contract', () => {
    for (const i of instellingen) {
      expect(i.instellingsnummer).toMatch(/^\d{6}$/);
      expect(i.naam.trim()).not.toBe('');
      expect(SOORTEN).toContain(i.soort);
      expect(NETTEN).toContain(i.net);
      expect(i.adres.straatnaam.trim()).not.toBe('');
      expect(i.adres.huisnummer.trim()).not.toBe('');
      expect(new URL(i.website).protocol).toBe('https:');
    }
    expect(new Set(instellingen.map((i) => i.soort)).size).toBe(SOORTEN.length);
  });

  it('places every instelling in a West-Vlaanderen municipality of the glossary, more in cities than in Mesen', () => {
    for (const { adres } of instellingen) {
      const gemeente = GEMEENTE_PER_NIS.get(adres.nisCode);
      expect(gemeente, `nisCode ${adres.nisCode}`).toBeDefined();
      expect(adres.postcode).toBe(gemeente?.postcode);
      expect(adres.gemeente).toBe(gemeente?.naam);
    }
    const perNis = telPerNis(instellingen.map((i) => i.adres.nisCode));
    const mesen = perNis.get(MESEN) ?? 0;
    expect(perNis.get(BRUGGE) ?? 0).toBeGreaterThan(mesen);
    expect(perNis.get(KORTRIJK) ?? 0).toBeGreaterThan(mesen);
  });

  it('answers one instelling by its number, and 404 for an unknown one', async () => {
    for (const i of [instellingen[0], instellingen[instellingen.length - 1]]) {
      expect(await haalOk(`/instellingen/${i?.instellingsnummer ?? ''}`)).toEqual(i);
    }
    const bekend = new Set(instellingen.map((i) => i.instellingsnummer));
    const onbekend = ['999999', '000000', '999998'].find((n) => !bekend.has(n)) ?? '';
    expect((await haal(`/instellingen/${onbekend}`)).status).toBe(404);
  });

  it('answers a batch of at most 50 nummers, and 400 above', async () => {
    const vijftig = instellingen.slice(10, 60);
    const batch = (await haalOk(
      `/instellingen?nummers=${vijftig.map((i) => i.instellingsnummer).join(',')}`,
    )) as { items: Instelling[] };
    expect(batch.items.map((i) => i.instellingsnummer).sort()).toEqual(
      vijftig.map((i) => i.instellingsnummer).sort(),
    );
    for (const i of batch.items)
      expect(i).toEqual(vijftig.find((x) => x.instellingsnummer === i.instellingsnummer));
    const twee = (await haalOk(
      `/instellingen?nummers=${instellingen[0]?.instellingsnummer ?? ''},${instellingen[1]?.instellingsnummer ?? ''}`,
    )) as { items: Instelling[] };
    expect(twee.items).toHaveLength(2);
    const eenenvijftig = instellingen.slice(0, 51).map((i) => i.instellingsnummer);
    expect((await haal(`/instellingen?nummers=${eenenvijftig.join(',')}`)).status).toBe(400);
  });
});

describe('aanbod', () => {
  it('requires schooljaar', async () => {
    const zonder = await haal('/aanbod?page=1&size=200');
    expect(zonder.status).toBe(400);
    expect((await haal('/aanbod')).status).toBe(400);
  });

  it('holds exactly two school years: the one containing the reference date and the next', async () => {
    expect(HUIDIG_SCHOOLJAAR).toBe('2026-2027');
    const huidig = aanbod.filter((a) => a.schooljaar === HUIDIG_SCHOOLJAAR);
    const volgend = aanbod.filter((a) => a.schooljaar === VOLGEND_SCHOOLJAAR);
    expect(huidig.length).toBeGreaterThan(0);
    expect(volgend.length).toBeGreaterThan(0);
    expect(huidig.length + volgend.length).toBe(aanbod.length);
    for (const jaar of [
      VORIG_SCHOOLJAAR,
      `${Number(VOLGEND_SCHOOLJAAR.slice(0, 4)) + 1}-${Number(VOLGEND_SCHOOLJAAR.slice(0, 4)) + 2}`,
    ]) {
      const leeg = (await haalOk(`/aanbod?schooljaar=${jaar}`)) as Pagina<Aanbod>;
      expect(leeg.totalItems).toBe(0);
      expect(leeg.items).toEqual([]);
    }
  });

  it('pages every row once, about 900 rows over both years, and refuses a size above 500', async () => {
    expect(new Set(aanbod.map(rijSleutel)).size).toBe(aanbod.length);
    expect(aanbod.length).toBeGreaterThanOrEqual(750);
    expect(aanbod.length).toBeLessThanOrEqual(1100);
    const kleineStap = await allePaginas<Aanbod>(`/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}`, 200);
    expect(kleineStap.items).toEqual(aanbod.filter((a) => a.schooljaar === HUIDIG_SCHOOLJAAR));
    expect((await haal(`/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}&size=500`)).status).toBe(200);
    expect((await haal(`/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}&size=501`)).status).toBe(400);
  });

  it('gives every row the fields of the contract, capaciteit sometimes null', () => {
    const bekend = new Set(instellingen.map((i) => i.instellingsnummer));
    for (const a of aanbod) {
      expect(bekend.has(a.instellingsnummer), a.instellingsnummer).toBe(true);
      expect(typeof a.opleidingscode).toBe('string');
      expect(Number.isInteger(a.ingeschreven) && a.ingeschreven >= 0).toBe(true);
      if (a.capaciteit !== null) expect(Number.isInteger(a.capaciteit) && a.capaciteit > 0).toBe(true);
    }
    const zonderPlafond = aanbod.filter((a) => a.capaciteit === null).length;
    expect(zonderPlafond).toBeGreaterThan(0);
    expect(zonderPlafond).toBeLessThan(aanbod.length / 2);
  });

  it('places every row in a West-Vlaanderen municipality of the glossary, more in cities than in Mesen', () => {
    for (const { vestigingsplaats } of aanbod) {
      const gemeente = GEMEENTE_PER_NIS.get(vestigingsplaats.nisCode);
      expect(gemeente, `nisCode ${vestigingsplaats.nisCode}`).toBeDefined();
      expect(vestigingsplaats.postcode).toBe(gemeente?.postcode);
    }
    const perNis = telPerNis(aanbod.map((a) => a.vestigingsplaats.nisCode));
    const mesen = perNis.get(MESEN) ?? 0;
    expect(perNis.get(BRUGGE) ?? 0).toBeGreaterThan(mesen);
    expect(perNis.get(KORTRIJK) ?? 0).toBeGreaterThan(mesen);
  });

  it('filters on instellingsnummer, opleidingscode and nisCode, alone and together', async () => {
    const jaar = aanbod.filter((a) => a.schooljaar === HUIDIG_SCHOOLJAAR);
    const voorbeeld = jaar.find((a) => a.vestigingsplaats.nisCode === KORTRIJK) ?? jaar[0];
    if (!voorbeeld) throw new Error('no aanbod');
    const gevallen: [string, (a: Aanbod) => boolean][] = [
      [
        `instellingsnummer=${voorbeeld.instellingsnummer}`,
        (a) => a.instellingsnummer === voorbeeld.instellingsnummer,
      ],
      [`opleidingscode=${voorbeeld.opleidingscode}`, (a) => a.opleidingscode === voorbeeld.opleidingscode],
      [`nisCode=${BRUGGE}`, (a) => a.vestigingsplaats.nisCode === BRUGGE],
      [
        `nisCode=${KORTRIJK}&opleidingscode=${voorbeeld.opleidingscode}`,
        (a) => a.vestigingsplaats.nisCode === KORTRIJK && a.opleidingscode === voorbeeld.opleidingscode,
      ],
      [`nisCode=${MESEN}`, (a) => a.vestigingsplaats.nisCode === MESEN],
    ];
    for (const [filter, past] of gevallen) {
      const { items, totalItems } = await allePaginas<Aanbod>(
        `/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}&${filter}`,
        50,
      );
      const verwacht = jaar.filter(past);
      expect(totalItems, filter).toBe(verwacht.length);
      expect(items.map(rijSleutel).sort(), filter).toEqual(verwacht.map(rijSleutel).sort());
    }
    const geen = (await haalOk(`/aanbod?schooljaar=${HUIDIG_SCHOOLJAAR}&nisCode=99999`)) as Pagina<Aanbod>;
    expect(geen.totalItems).toBe(0);
  });

  it('carries the dirt the contract lists, each kind in the dirt list and in the feed', () => {
    const vuil = mock.wereld.vuil.filter((v) => v.partner === 'onderwijs');
    expect([...new Set(vuil.map((v) => v.soort))].sort()).toEqual(['ONBEKENDE_OPLEIDING', 'OVERBOEKT']);
    const perSleutel = new Map(aanbod.map((a) => [rijSleutel(a), a]));
    const codes = new Set(opleidingen.map((o) => o.opleidingscode));

    // A row for an opleidingscode the register does not list: exactly the ones in the dirt list.
    const onbekend = aanbod.filter((a) => !codes.has(a.opleidingscode));
    const onbekendVuil = vuil.filter((v) => v.soort === 'ONBEKENDE_OPLEIDING');
    expect(onbekend.map(rijSleutel).sort()).toEqual(onbekendVuil.map((v) => v.recordId).sort());
    for (const v of onbekendVuil) {
      expect(v.behandeling).toBe('AFKEUREN');
      expect(perSleutel.get(v.recordId)?.opleidingscode).toBe(v.waarde);
    }

    // ingeschreven above capaciteit: exactly the ones in the dirt list.
    const overboekt = aanbod.filter((a) => a.capaciteit !== null && a.ingeschreven > a.capaciteit);
    const overboektVuil = vuil.filter((v) => v.soort === 'OVERBOEKT');
    expect(overboekt.map(rijSleutel).sort()).toEqual(overboektVuil.map((v) => v.recordId).sort());
    for (const v of overboektVuil) {
      expect(v.behandeling).toBe('BEHOUDEN');
      expect(String(perSleutel.get(v.recordId)?.ingeschreven)).toBe(v.waarde);
    }
    expect(onbekend.length).toBeGreaterThan(0);
    expect(overboekt.length).toBeGreaterThan(0);
  });
});
