import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from './mock.ts';
import {
  cijfers,
  groepeer,
  haal,
  isIsoDatum,
  isOndernemingsnummer,
  isVestigingsnummer,
  jsonVan,
  KBO_MET_PUNTEN,
  leesAlleVoltaPaginas,
  leesRegister,
  leesVoltaPagina,
  problemen,
  SLEUTELS,
  VESTIGING_MET_PUNTEN,
  vuilVan,
  type VoltaErkenning,
  type VoltaPagina,
  type VuilMelding,
} from './sector-reader.ts';

/** Volta (elektrotechniek): JSON, offset paging, API key; ../shared/partners/sectoren.md. */

const STATUSSEN = ['ERKEND', 'GESCHORST', 'INGETROKKEN'];
const VELDEN = [
  'aantalMentoren',
  'adres',
  'erkenningId',
  'geldigTot',
  'geldigVan',
  'laatstGewijzigd',
  'ondernemingsnaam',
  'ondernemingsnummer',
  'opleidingscodes',
  'status',
  'vestigingsnummer',
];
const ADRESVELDEN = ['gemeente', 'huisnummer', 'nisCode', 'postcode', 'straat'];

let mock: TestMock;
let erkenningen: VoltaErkenning[];
let paginas: VoltaPagina[];
let totaal: number;
let vuil: VuilMelding[];
let registercodes: Set<string>;

const lijstUrl = (query: string) => `${mock.url}/volta/api/v2/erkenningen?${query}`;

beforeAll(async () => {
  mock = await startTestMock();
  // Pages of 100 rather than 500, so that the feed spans several pages and the duplicates cross them.
  ({ items: erkenningen, paginas, totaal } = await leesAlleVoltaPaginas(mock.url, 100));
  vuil = vuilVan(mock.wereld.vuil, 'volta');
  registercodes = new Set((await leesRegister(mock.url)).map((o) => o.opleidingscode));
});

afterAll(async () => {
  await mock.stop();
});

describe('Volta authentication', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'volta-verkeerde-sleutel'],
    ['empty', ''],
  ])('answers a %s API key with 401 {"fout":"ongeldige API-sleutel"}', async (_, sleutel) => {
    const antwoord = await haal(
      lijstUrl('offset=0&limit=10'),
      sleutel === undefined ? {} : { headers: { 'X-Api-Key': sleutel } },
    );
    expect(antwoord.status).toBe(401);
    expect(antwoord.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonVan(antwoord)).toEqual({ fout: 'ongeldige API-sleutel' });
  });

  it('does not take the key from another header', async () => {
    const antwoord = await haal(lijstUrl('offset=0&limit=10'), {
      headers: { Authorization: `Bearer ${SLEUTELS.volta}` },
    });
    expect(antwoord.status).toBe(401);
  });

  it('accepts the development key', async () => {
    const antwoord = await haal(lijstUrl('offset=0&limit=10'), { headers: { 'X-Api-Key': SLEUTELS.volta } });
    expect(antwoord.status).toBe(200);
    expect(antwoord.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('Volta limits', () => {
  it.each([501, 1000])('refuses limit=%i with 400 {"fout":"limit max 500"}', async (limit) => {
    const antwoord = await haal(lijstUrl(`offset=0&limit=${limit}`), {
      headers: { 'X-Api-Key': SLEUTELS.volta },
    });
    expect(antwoord.status).toBe(400);
    expect(jsonVan(antwoord)).toEqual({ fout: 'limit max 500' });
  });

  it('serves limit=500, the largest page', async () => {
    const pagina = await leesVoltaPagina(mock.url, 0, 500);
    expect(pagina.limit).toBe(500);
    expect(pagina.offset).toBe(0);
    expect(pagina.items).toHaveLength(Math.min(500, pagina.totaal));
  });

  it('checks the key before the limit', async () => {
    const antwoord = await haal(lijstUrl('offset=0&limit=501'));
    expect(antwoord.status).toBe(401);
  });
});

describe('Volta paging', () => {
  it('reads to the end: the pages add up to totaal', () => {
    expect(totaal).toBeGreaterThan(100);
    expect(paginas.length).toBe(Math.ceil(totaal / 100));
    expect(erkenningen).toHaveLength(totaal);
  });

  it('echoes offset and limit and keeps totaal on every page', () => {
    paginas.forEach((pagina, i) => {
      expect(pagina.offset).toBe(i * 100);
      expect(pagina.limit).toBe(100);
      expect(pagina.totaal).toBe(totaal);
      expect(pagina.items).toHaveLength(Math.min(100, totaal - i * 100));
    });
  });

  it('answers an offset past the end with no items and the same totaal', async () => {
    const pagina = await leesVoltaPagina(mock.url, totaal + 10, 100);
    expect(pagina.items).toEqual([]);
    expect(pagina.totaal).toBe(totaal);
  });

  it('gives the same records in the same order whatever the page size', async () => {
    const groot = await leesAlleVoltaPaginas(mock.url, 500);
    expect(groot.items).toEqual(erkenningen);
  });

  it('sees every erkenningId once, except the duplicates the dirt list names', () => {
    const dubbel = [...groepeer(erkenningen, (e) => e.erkenningId)]
      .filter(([, kopieen]) => kopieen.length > 1)
      .map(([id]) => id)
      .sort();
    const verwacht = vuilVan(vuil, 'volta', 'DUBBEL_ID')
      .map((v) => v.recordId)
      .sort();
    expect(verwacht.length).toBeGreaterThan(0);
    expect(dubbel).toEqual(verwacht);
  });

  it('puts the two copies of a duplicate on different pages, one of them strictly later', () => {
    const paginaVan = new Map<VoltaErkenning, number>();
    paginas.forEach((p, i) => {
      for (const e of p.items) paginaVan.set(e, i);
    });
    for (const melding of vuilVan(vuil, 'volta', 'DUBBEL_ID')) {
      expect(melding.veld).toBe('erkenningId');
      expect(melding.waarde).toBe(melding.recordId);
      const kopieen = erkenningen.filter((e) => e.erkenningId === melding.recordId);
      expect(kopieen).toHaveLength(2);
      expect(new Set(kopieen.map((k) => paginaVan.get(k))).size).toBe(2);
      const tijden = kopieen.map((k) => Date.parse(k.laatstGewijzigd));
      // A later copy must exist for "take the later laatstGewijzigd" to have one answer.
      expect(new Set(tijden).size).toBe(2);
      const later = kopieen[tijden.indexOf(Math.max(...tijden))];
      const ouder = kopieen[tijden.indexOf(Math.min(...tijden))];
      expect(later).toBeDefined();
      expect(ouder).toBeDefined();
      // The copies differ, so a reader that picks the wrong one would be visible.
      expect(later).not.toEqual(ouder);
    }
  });
});

describe('Volta records', () => {
  const isDatumOfNull = (waarde: unknown) =>
    waarde === null || (typeof waarde === 'string' && isIsoDatum(waarde));

  it('carries exactly the fields of the contract, with their types', () => {
    const gevonden = problemen(
      erkenningen,
      (e) => e.erkenningId,
      (e) => {
        const fouten: string[] = [];
        if (JSON.stringify(Object.keys(e).sort()) !== JSON.stringify(VELDEN)) fouten.push('velden');
        if (JSON.stringify(Object.keys(e.adres).sort()) !== JSON.stringify(ADRESVELDEN))
          fouten.push('adresvelden');
        if (!/^VOL-\d{6}$/.test(e.erkenningId)) fouten.push('erkenningId');
        if (!KBO_MET_PUNTEN.test(e.ondernemingsnummer)) fouten.push('ondernemingsnummer notatie');
        if (!VESTIGING_MET_PUNTEN.test(e.vestigingsnummer)) fouten.push('vestigingsnummer notatie');
        if (typeof e.ondernemingsnaam !== 'string' || e.ondernemingsnaam === '') fouten.push('naam');
        for (const veld of ADRESVELDEN) {
          const waarde = (e.adres as unknown as Record<string, unknown>)[veld];
          if (typeof waarde !== 'string' || waarde === '') fouten.push(`adres.${veld}`);
        }
        if (!/^\d{4}$/.test(e.adres.postcode)) fouten.push('postcode');
        if (!/^\d{5}$/.test(e.adres.nisCode)) fouten.push('nisCode');
        if (
          !Array.isArray(e.opleidingscodes) ||
          e.opleidingscodes.length === 0 ||
          !e.opleidingscodes.every((c) => typeof c === 'string' && c !== '')
        )
          fouten.push('opleidingscodes');
        if (new Set(e.opleidingscodes).size !== e.opleidingscodes.length)
          fouten.push('dubbele opleidingscode');
        if (!STATUSSEN.includes(e.status)) fouten.push(`status ${e.status}`);
        if (typeof e.geldigVan !== 'string') fouten.push('geldigVan');
        if (!isDatumOfNull(e.geldigTot)) fouten.push('geldigTot');
        if (!Number.isInteger(e.aantalMentoren) || e.aantalMentoren < 0) fouten.push('aantalMentoren');
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(e.laatstGewijzigd))
          fouten.push('laatstGewijzigd');
        return fouten;
      },
    );
    expect(gevonden).toEqual([]);
  });

  it('has open-ended erkenningen (geldigTot null) and every status', () => {
    expect(erkenningen.some((e) => e.geldigTot === null)).toBe(true);
    expect(new Set(erkenningen.map((e) => e.status))).toEqual(new Set(STATUSSEN));
  });

  it('groups several opleidingen in one record now and then', () => {
    expect(erkenningen.some((e) => e.opleidingscodes.length > 1)).toBe(true);
  });

  it('has good dates everywhere except in the records the dirt list names', () => {
    const slecht = new Set(
      erkenningen
        .filter(
          (e) =>
            !isIsoDatum(e.geldigVan) ||
            (e.geldigTot !== null && (!isIsoDatum(e.geldigTot) || e.geldigTot < e.geldigVan)),
        )
        .map((e) => e.erkenningId),
    );
    const gemeld = new Set(
      vuil.filter((v) => v.veld === 'geldigVan' || v.veld === 'geldigTot').map((v) => v.recordId),
    );
    expect(slecht).toEqual(gemeld);
  });
});

describe('Volta dirt, as the contract lists it', () => {
  const record = (id: string): VoltaErkenning => {
    const kopieen = erkenningen.filter((e) => e.erkenningId === id);
    // For a duplicate, the copy a reader keeps.
    const gevonden = kopieen.sort((a, b) => b.laatstGewijzigd.localeCompare(a.laatstGewijzigd))[0];
    if (!gevonden) throw new Error(`${id} staat niet in de feed`);
    return gevonden;
  };

  it('has every kind: duplicates, geldigTot before geldigVan, and the kinds of "any" partner', () => {
    const soorten = new Set(vuil.map((v) => v.soort));
    expect(soorten).toEqual(
      new Set([
        'DUBBEL_ID',
        'TOT_VOOR_VAN',
        'ONLEESBARE_DATUM',
        'KBO_CONTROLE',
        'VESTIGING_CONTROLE',
        'ONBEKENDE_OPLEIDING',
      ]),
    );
  });

  it('puts each defect in the field it names, as the feed shows it', () => {
    for (const melding of vuil) {
      const e = record(melding.recordId);
      switch (melding.soort) {
        case 'KBO_CONTROLE':
          expect(e.ondernemingsnummer).toBe(melding.waarde);
          expect(e.ondernemingsnummer).toMatch(KBO_MET_PUNTEN);
          expect(isOndernemingsnummer(cijfers(e.ondernemingsnummer))).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'VESTIGING_CONTROLE':
          expect(e.vestigingsnummer).toBe(melding.waarde);
          expect(e.vestigingsnummer).toMatch(VESTIGING_MET_PUNTEN);
          expect(isVestigingsnummer(cijfers(e.vestigingsnummer))).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONBEKENDE_OPLEIDING':
          expect(e.opleidingscodes).toContain(melding.waarde);
          expect(registercodes.has(melding.waarde ?? '')).toBe(false);
          // The record's other opleidingscodes still count, so it must have a known one too.
          expect(e.opleidingscodes.some((c) => registercodes.has(c))).toBe(true);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'TOT_VOOR_VAN':
          expect(e.geldigTot).toBe(melding.waarde);
          expect(isIsoDatum(e.geldigVan)).toBe(true);
          expect(isIsoDatum(e.geldigTot ?? '')).toBe(true);
          expect((e.geldigTot ?? '') < e.geldigVan).toBe(true);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONLEESBARE_DATUM':
          expect(e.geldigVan).toBe(melding.waarde);
          expect(isIsoDatum(e.geldigVan)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'DUBBEL_ID':
          expect(erkenningen.filter((k) => k.erkenningId === melding.recordId)).toHaveLength(2);
          expect(melding.behandeling).toBe('BEHOUDEN');
          break;
        default:
          throw new Error(`onbekende soort vuil ${melding.soort}: de contracttest kent ze niet`);
      }
    }
  });
});

describe('Volta gewijzigdSinds', () => {
  it('returns exactly the records changed at or after the moment, and totaal counts them', async () => {
    const tijden = erkenningen.map((e) => e.laatstGewijzigd).sort();
    const grens = tijden[Math.floor(tijden.length / 2)] ?? '';
    const gewijzigd = await leesAlleVoltaPaginas(mock.url, 100, grens);
    const grensMs = Date.parse(grens);
    expect(gewijzigd.items.every((e) => Date.parse(e.laatstGewijzigd) >= grensMs)).toBe(true);
    // Strictly later ones must be in; one changed exactly at the moment may go either way.
    const later = erkenningen.filter((e) => Date.parse(e.laatstGewijzigd) > grensMs);
    expect(gewijzigd.items).toEqual(expect.arrayContaining(later));
    expect(gewijzigd.totaal).toBe(gewijzigd.items.length);
    expect(gewijzigd.totaal).toBeLessThan(totaal);
    expect(gewijzigd.totaal).toBeGreaterThan(0);
  });

  it('takes any ISO datetime, not only UTC', async () => {
    const utc = await leesVoltaPagina(mock.url, 0, 500, '2026-01-01T00:00:00Z');
    const brussel = await leesVoltaPagina(mock.url, 0, 500, '2026-01-01T01:00:00+01:00');
    expect(brussel.totaal).toBe(utc.totaal);
    expect(brussel.items).toEqual(utc.items);
  });

  it('returns nothing for a moment after every change', async () => {
    const pagina = await leesVoltaPagina(mock.url, 0, 500, '2999-01-01T00:00:00Z');
    expect(pagina.totaal).toBe(0);
    expect(pagina.items).toEqual([]);
  });
});

describe('Volta record hooks', () => {
  const nieuw = (): Omit<VoltaErkenning, 'laatstGewijzigd'> => ({
    erkenningId: 'VOL-990001',
    ondernemingsnummer: '0403.019.261',
    vestigingsnummer: '2.147.812.701',
    ondernemingsnaam: 'Elektro Contracttest BV',
    adres: {
      straat: 'Kerkstraat',
      huisnummer: '12',
      postcode: '8500',
      gemeente: 'Kortrijk',
      nisCode: '34022',
    },
    opleidingscodes: ['DS-ELT-3'],
    status: 'ERKEND',
    geldigVan: '2025-09-01',
    geldigTot: null,
    aantalMentoren: 2,
  });
  const zet = (record: unknown) =>
    haal(`${mock.url}/_mock/volta/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(record),
    });
  const verwijder = (id: string) => haal(`${mock.url}/_mock/volta/records/${id}`, { method: 'DELETE' });

  it('adds a record, which the feed and gewijzigdSinds then report, and removes it again', async () => {
    const voor = new Date(Date.now() - 1000).toISOString();
    const toegevoegd = await zet({ ...nieuw(), laatstGewijzigd: '2020-01-01T00:00:00Z' });
    expect(toegevoegd.status).toBe(200);
    expect(jsonVan(toegevoegd)).toEqual({ id: 'VOL-990001' });

    const na = await leesAlleVoltaPaginas(mock.url, 500);
    expect(na.totaal).toBe(totaal + 1);
    const terug = na.items.filter((e) => e.erkenningId === 'VOL-990001');
    expect(terug).toHaveLength(1);
    expect(terug[0]).toMatchObject(nieuw());
    // Volta stamps the change itself, so that gewijzigdSinds reports it.
    expect(Date.parse(terug[0]?.laatstGewijzigd ?? '')).toBeGreaterThanOrEqual(Date.parse(voor));

    const gewijzigd = await leesAlleVoltaPaginas(mock.url, 500, voor);
    expect(gewijzigd.items.map((e) => e.erkenningId)).toContain('VOL-990001');

    expect((await verwijder('VOL-990001')).status).toBe(204);
    const weg = await leesAlleVoltaPaginas(mock.url, 500);
    expect(weg.totaal).toBe(totaal);
    expect(weg.items.some((e) => e.erkenningId === 'VOL-990001')).toBe(false);
    expect((await verwijder('VOL-990001')).status).toBe(404);
  });

  it('replaces the record with the same id, duplicates included, and reports the change', async () => {
    const id = vuilVan(vuil, 'volta', 'DUBBEL_ID')[0]?.recordId ?? '';
    const origineel = erkenningen
      .filter((e) => e.erkenningId === id)
      .sort((a, b) => b.laatstGewijzigd.localeCompare(a.laatstGewijzigd))[0];
    if (!origineel) throw new Error('geen dubbel record');
    const voor = new Date(Date.now() - 1000).toISOString();

    const gewijzigd = { ...origineel, aantalMentoren: origineel.aantalMentoren + 5 };
    expect((await zet(gewijzigd)).status).toBe(200);
    const na = await leesAlleVoltaPaginas(mock.url, 500);
    const kopieen = na.items.filter((e) => e.erkenningId === id);
    expect(kopieen).toHaveLength(1);
    expect(kopieen[0]?.aantalMentoren).toBe(origineel.aantalMentoren + 5);
    const sinds = await leesAlleVoltaPaginas(mock.url, 500, voor);
    expect(sinds.items.map((e) => e.erkenningId)).toContain(id);

    expect((await zet(origineel)).status).toBe(200);
  });

  it('refuses a body that is no record', async () => {
    expect((await zet({ ondernemingsnummer: '0403.019.261' })).status).toBe(400);
    const geenJson = await haal(`${mock.url}/_mock/volta/records`, { method: 'POST', body: 'geen json' });
    expect(geenJson.status).toBe(400);
  });
});
