import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from './mock.ts';
import {
  groepeer,
  haal,
  isIsoDatum,
  isObject,
  isOndernemingsnummer,
  isVestigingsnummer,
  jsonVan,
  leesAlleMtechPaginas,
  leesMtechPagina,
  leesRegister,
  problemen,
  SLEUTELS,
  vuilVan,
  zoekMtech,
  type MtechErkenning,
  type MtechPagina,
  type VuilMelding,
  uitDeFeed,
} from './sector-reader.ts';

/** MTech+ (technologische industrie): JSON pages and a batch lookup, API key; ../shared/partners/sectoren.md. */

const STATUSSEN = ['actief', 'geschorst', 'ingetrokken'];

interface ZoekResultaat {
  readonly resultaten: { readonly ondernemingsnummer: string; readonly erkenningen: MtechErkenning[] }[];
}

let mock: TestMock;
let erkenningen: MtechErkenning[];
let paginas: MtechPagina[];
let vuil: VuilMelding[];
let registercodes: Set<string>;

const lijstUrl = (query: string) => `${mock.url}/mtech/v1/erkenningen?${query}`;

function inBlokken<T>(lijst: readonly T[], grootte: number): T[][] {
  return Array.from({ length: Math.ceil(lijst.length / grootte) }, (_, i) =>
    lijst.slice(i * grootte, (i + 1) * grootte),
  );
}

/** Ten-digit numbers that pass the check, none of them in the feed. */
function vrijeNummers(aantal: number, bezet: ReadonlySet<string>): string[] {
  const nummers: string[] = [];
  for (let stam = 9_000_000; nummers.length < aantal; stam++) {
    const nummer = String(stam).padStart(8, '0') + String(97 - (stam % 97)).padStart(2, '0');
    if (!bezet.has(nummer)) nummers.push(nummer);
  }
  return nummers;
}

beforeAll(async () => {
  mock = await startTestMock();
  ({ items: erkenningen, paginas } = await leesAlleMtechPaginas(mock.url, 250));
  vuil = vuilVan(mock.wereld.vuil, 'mtech');
  registercodes = new Set((await leesRegister(mock.url)).map((o) => o.opleidingscode));
});

afterAll(async () => {
  await mock.stop();
});

describe('MTech+ authentication', () => {
  it.each([
    ['missing', {}],
    ['wrong', { 'X-Api-Key': 'mtech-verkeerd' }],
    ['in another header', { Authorization: `Bearer ${SLEUTELS.mtech}` }],
  ])('answers a %s API key with 401, on the list and on the batch lookup', async (_, headers) => {
    const lijst = await haal(lijstUrl('page=1&pageSize=10'), { headers });
    expect(lijst.status).toBe(401);
    const zoek = await haal(`${mock.url}/mtech/v1/erkenningen/zoeken`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ondernemingsnummers: ['0403019261'] }),
    });
    expect(zoek.status).toBe(401);
  });
});

describe('MTech+ limits', () => {
  it.each([251, 1000])('refuses pageSize=%i', async (pageSize) => {
    const antwoord = await haal(lijstUrl(`page=1&pageSize=${pageSize}`), {
      headers: { 'X-Api-Key': SLEUTELS.mtech },
    });
    expect(antwoord.status).toBe(400);
  });

  it('serves pageSize=250, the largest page', async () => {
    const pagina = await leesMtechPagina(mock.url, 1, 250);
    expect(pagina.data).toHaveLength(Math.min(250, pagina.meta.total));
  });

  it('answers more than 100 ondernemingsnummers with 413', async () => {
    const nummers = vrijeNummers(101, new Set());
    const antwoord = await zoekMtech(mock.url, nummers);
    expect(antwoord.status).toBe(413);
  });

  it('takes exactly 100 ondernemingsnummers', async () => {
    const antwoord = await zoekMtech(mock.url, vrijeNummers(100, new Set()));
    expect(antwoord.status).toBe(200);
  });

  it.each([
    ['dotted', '0403.019.261'],
    ['with BE', 'BE0403019261'],
  ])('takes digits only, and refuses a %s number', async (_, nummer) => {
    const antwoord = await zoekMtech(mock.url, [nummer]);
    expect(antwoord.status).toBeGreaterThanOrEqual(400);
    expect(antwoord.status).toBeLessThan(500);
  });
});

describe('MTech+ paging', () => {
  it('reads to the end: pageCount pages that add up to total', () => {
    const total = paginas[0]?.meta.total ?? 0;
    expect(total).toBeGreaterThan(250);
    expect(paginas.length).toBe(Math.ceil(total / 250));
    expect(erkenningen).toHaveLength(total);
    paginas.forEach((pagina, i) => {
      expect(pagina.meta).toEqual({ page: i + 1, pageCount: paginas.length, total });
      expect(pagina.data).toHaveLength(Math.min(250, total - i * 250));
      expect(Object.keys(pagina).sort()).toEqual(['data', 'meta']);
    });
  });

  it('sees every erkenning once', () => {
    const ids = erkenningen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the same erkenningen in the same order whatever the page size', async () => {
    const klein = await leesAlleMtechPaginas(mock.url, 100);
    expect(klein.paginas[0]?.meta.pageCount).toBe(Math.ceil(erkenningen.length / 100));
    expect(klein.items).toEqual(erkenningen);
  });
});

describe('MTech+ erkenningen', () => {
  it('carry exactly the fields of the contract, with their types', () => {
    const gevonden = problemen(
      erkenningen,
      (e) => e.id,
      (e) => {
        const fouten: string[] = [];
        if (
          Object.keys(e).sort().join(',') !==
          'einde,id,kbo,mentoren,opleiding,start,status,vestigingsadres,vestigingseenheid'
        )
          fouten.push(`velden ${Object.keys(e).join(',')}`);
        if (typeof e.id !== 'string' || e.id === '') fouten.push('id');
        if (!/^\d{10}$/.test(e.kbo)) fouten.push(`kbo ${e.kbo}`);
        if (!/^\d{10}$/.test(e.vestigingseenheid)) fouten.push('vestigingseenheid');
        // A postcode and a gemeente, no NIS code: the reader maps it.
        if (
          !isObject(e.vestigingsadres) ||
          Object.keys(e.vestigingsadres).sort().join(',') !== 'gemeente,postcode'
        )
          fouten.push('vestigingsadres');
        if (!/^\d{4}$/.test(e.vestigingsadres.postcode)) fouten.push('postcode');
        if (typeof e.opleiding !== 'string' || e.opleiding === '') fouten.push('opleiding');
        if (!STATUSSEN.includes(e.status.toLowerCase())) fouten.push(`status ${e.status}`);
        if (typeof e.start !== 'string') fouten.push('start');
        if (e.einde !== null && !isIsoDatum(e.einde)) fouten.push(`einde ${e.einde}`);
        if (!Number.isInteger(e.mentoren) || e.mentoren < 0) fouten.push('mentoren');
        return fouten;
      },
    );
    expect(gevonden).toEqual([]);
  });

  it('have every status and open-ended erkenningen', () => {
    expect(new Set(erkenningen.map((e) => e.status.toLowerCase()))).toEqual(new Set(STATUSSEN));
    expect(erkenningen.some((e) => e.einde === null)).toBe(true);
  });
});

describe('MTech+ batch lookup', () => {
  it('agrees with the list for every ondernemingsnummer in it', async () => {
    const perKbo = groepeer(erkenningen, (e) => e.kbo);
    const nummers = [...perKbo.keys()];
    const resultaten: ZoekResultaat['resultaten'] = [];
    for (const blok of inBlokken(nummers, 100)) {
      const antwoord = await zoekMtech(mock.url, blok);
      expect(antwoord.status).toBe(200);
      const body = jsonVan(antwoord) as ZoekResultaat;
      expect(body.resultaten.map((r) => r.ondernemingsnummer)).toEqual(blok);
      resultaten.push(...body.resultaten);
    }
    expect(resultaten).toHaveLength(nummers.length);
    for (const resultaat of resultaten) {
      const uitLijst = perKbo.get(resultaat.ondernemingsnummer) ?? [];
      const volgorde = (a: MtechErkenning, b: MtechErkenning) => a.id.localeCompare(b.id);
      expect([...resultaat.erkenningen].sort(volgorde)).toEqual([...uitLijst].sort(volgorde));
    }
  });

  it('answers an unknown ondernemingsnummer with an empty list', async () => {
    const [onbekend] = vrijeNummers(1, new Set(erkenningen.map((e) => e.kbo)));
    const antwoord = await zoekMtech(mock.url, [onbekend]);
    expect(antwoord.status).toBe(200);
    expect(jsonVan(antwoord)).toEqual({ resultaten: [{ ondernemingsnummer: onbekend, erkenningen: [] }] });
  });
});

describe('MTech+ dirt, as the contract lists it', () => {
  const erkenning = uitDeFeed(
    () => erkenningen,
    (e: MtechErkenning) => e.id,
  );

  it('has every kind: status in upper case, and the kinds of "any" partner', () => {
    expect(new Set(vuil.map((v) => v.soort))).toEqual(
      new Set(['STATUS_HOOFDLETTERS', 'KBO_CONTROLE', 'ONBEKENDE_OPLEIDING', 'ONLEESBARE_DATUM']),
    );
  });

  it('puts each defect in the field it names, as the feed shows it', () => {
    for (const melding of vuil) {
      const e = erkenning(melding.recordId);
      switch (melding.soort) {
        case 'STATUS_HOOFDLETTERS':
          expect(e.status).toBe(melding.waarde);
          expect(e.status).toBe(e.status.toUpperCase());
          expect(STATUSSEN).toContain(e.status.toLowerCase());
          expect(melding.behandeling).toBe('BEHOUDEN');
          break;
        case 'KBO_CONTROLE':
          expect(e.kbo).toBe(melding.waarde);
          expect(isOndernemingsnummer(e.kbo)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONBEKENDE_OPLEIDING':
          expect(e.opleiding).toBe(melding.waarde);
          expect(registercodes.has(e.opleiding)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONLEESBARE_DATUM':
          expect(e.start).toBe(melding.waarde);
          expect(isIsoDatum(e.start)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        default:
          throw new Error(`onbekende soort vuil ${melding.soort}: de contracttest kent ze niet`);
      }
    }
  });

  it('sends ACTIEF, the example of the contract', () => {
    expect(erkenningen.some((e) => e.status === 'ACTIEF')).toBe(true);
  });

  it('has lower-case statuses, good dates and identifiers everywhere else', () => {
    const hoofdletters = erkenningen.filter((e) => e.status !== e.status.toLowerCase()).map((e) => e.id);
    expect(new Set(hoofdletters)).toEqual(
      new Set(vuilVan(vuil, 'mtech', 'STATUS_HOOFDLETTERS').map((v) => v.recordId)),
    );
    const slechteDatum = erkenningen
      .filter((e) => !isIsoDatum(e.start) || (e.einde !== null && e.einde < e.start))
      .map((e) => e.id);
    expect(new Set(slechteDatum)).toEqual(
      new Set(vuilVan(vuil, 'mtech', 'ONLEESBARE_DATUM').map((v) => v.recordId)),
    );
    const slechtKbo = erkenningen.filter((e) => !isOndernemingsnummer(e.kbo)).map((e) => e.id);
    expect(new Set(slechtKbo)).toEqual(
      new Set(vuilVan(vuil, 'mtech', 'KBO_CONTROLE').map((v) => v.recordId)),
    );
    expect(erkenningen.filter((e) => !isVestigingsnummer(e.vestigingseenheid))).toEqual([]);
  });
});

describe('MTech+ record hooks', () => {
  const nieuw = (): MtechErkenning => ({
    id: 'c0ffee00-0000-4000-8000-000000000001',
    kbo: '0353456320',
    vestigingseenheid: '2000000339',
    vestigingsadres: { postcode: '8500', gemeente: 'Kortrijk' },
    opleiding: 'DS-CNC-3',
    status: 'actief',
    start: '2025-09-01',
    einde: null,
    mentoren: 1,
  });
  const zet = (record: unknown) =>
    haal(`${mock.url}/_mock/mtech/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(record),
    });
  const verwijder = (id: string) => haal(`${mock.url}/_mock/mtech/records/${id}`, { method: 'DELETE' });

  it('adds an erkenning that the list and the batch lookup return, and removes it again', async () => {
    expect((await zet(nieuw())).status).toBe(200);
    const na = await leesAlleMtechPaginas(mock.url, 250);
    expect(na.items).toHaveLength(erkenningen.length + 1);
    expect(na.items.filter((e) => e.id === nieuw().id)).toEqual([nieuw()]);
    const zoek = jsonVan(await zoekMtech(mock.url, [nieuw().kbo])) as ZoekResultaat;
    expect(zoek.resultaten[0]?.erkenningen).toContainEqual(nieuw());

    expect((await verwijder(nieuw().id)).status).toBe(204);
    const weg = await leesAlleMtechPaginas(mock.url, 250);
    expect(weg.items).toEqual(erkenningen);
    const zoekWeg = jsonVan(await zoekMtech(mock.url, [nieuw().kbo])) as ZoekResultaat;
    expect(zoekWeg.resultaten[0]?.erkenningen).not.toContainEqual(nieuw());
    expect((await verwijder(nieuw().id)).status).toBe(404);
  });

  it('replaces the erkenning with the same id', async () => {
    const origineel = erkenningen[3];
    if (!origineel) throw new Error('te weinig erkenningen');
    const geschorst = { ...origineel, status: 'geschorst' };
    expect((await zet(geschorst)).status).toBe(200);
    const na = await leesAlleMtechPaginas(mock.url, 250);
    expect(na.items.filter((e) => e.id === origineel.id)).toEqual([geschorst]);
    expect(na.items).toHaveLength(erkenningen.length);
    expect((await zet(origineel)).status).toBe(200);
  });

  it('refuses a record without its id', async () => {
    const zonderId = Object.fromEntries(Object.entries(nieuw()).filter(([veld]) => veld !== 'id'));
    expect((await zet(zonderId)).status).toBe(400);
  });
});
