import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from './mock.ts';
import {
  cijfers,
  csvRegel,
  EDUCAM_KOP,
  educamDatum,
  haal,
  isOndernemingsnummer,
  isVestigingsnummer,
  leesEducamCsv,
  leesEducamExport,
  leesRegister,
  problemen,
  SLEUTELS,
  splitsCsv,
  vuilVan,
  type EducamExport,
  type EducamRij,
  type VuilMelding,
} from './sector-reader.ts';

/** Educam (automotive): one CSV export with an ETag, bearer token; ../shared/partners/sectoren.md. */

let mock: TestMock;
let uitvoer: EducamExport;
let ruweCsv: string;
let vuil: VuilMelding[];
let bekendeBks: Set<string>;
let registercodes: Set<string>;

const exportUrl = () => `${mock.url}/educam/export/erkenningen.csv`;
const metToken = (extra: Record<string, string> = {}): RequestInit => ({
  headers: { Authorization: `Bearer ${SLEUTELS.educam}`, ...extra },
});

beforeAll(async () => {
  mock = await startTestMock();
  uitvoer = await leesEducamExport(mock.url);
  ruweCsv = (await haal(exportUrl(), metToken())).tekst;
  vuil = vuilVan(mock.wereld.vuil, 'educam');
  const register = await leesRegister(mock.url);
  bekendeBks = new Set(register.flatMap((o) => o.beroepskwalificaties.map((b) => b.code)));
  registercodes = new Set(register.map((o) => o.opleidingscode));
});

afterAll(async () => {
  await mock.stop();
});

describe('the CSV splitter of this test', () => {
  it('honours quotes, doubled quotes, separators and line breaks inside quotes', () => {
    expect(splitsCsv('a;"b;c";"d ""e""";\r\n"f\r\ng";h\n')).toEqual([
      ['a', 'b;c', 'd "e"', ''],
      ['f\r\ng', 'h'],
    ]);
    expect(splitsCsv(csvRegel(['x; "y"', 'z']))).toEqual([['x; "y"', 'z']]);
  });
});

describe('Educam authentication', () => {
  it.each([
    ['missing', {}],
    ['wrong', { Authorization: 'Bearer educam-verkeerd' }],
    ['of another scheme', { Authorization: `Basic ${SLEUTELS.educam}` }],
    ['without its scheme', { Authorization: SLEUTELS.educam }],
  ])('answers a %s token with 401 and a plain-text body', async (_, headers) => {
    const antwoord = await haal(exportUrl(), { headers });
    expect(antwoord.status).toBe(401);
    expect(antwoord.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(antwoord.tekst.trim()).not.toBe('');
    expect(() => JSON.parse(antwoord.tekst) as unknown).toThrow();
  });

  it('asks for the token even when the client already holds the ETag', async () => {
    const antwoord = await haal(exportUrl(), { headers: { 'If-None-Match': uitvoer.etag } });
    expect(antwoord.status).toBe(401);
  });
});

describe('Educam export', () => {
  it('is text/csv in utf-8', () => {
    expect(uitvoer.contentType.toLowerCase().replace(/\s/g, '')).toBe('text/csv;charset=utf-8');
  });

  it('starts with exactly the header row of the contract', () => {
    expect(ruweCsv.split(/\r?\n/)[0]).toBe(EDUCAM_KOP.join(';'));
    expect(uitvoer.kop).toEqual([...EDUCAM_KOP]);
  });

  it('has the same number of fields on every row, once quotes are honoured', () => {
    expect(uitvoer.scheef).toEqual([]);
    expect(uitvoer.rijen.length).toBeGreaterThan(300);
  });

  it('names every erkenning once', () => {
    const nummers = uitvoer.rijen.map((r) => r.erkenning_nr);
    expect(new Set(nummers).size).toBe(nummers.length);
    expect(nummers.every((n) => n !== '')).toBe(true);
  });

  it('writes every field in the notation of the contract', () => {
    const gevonden = problemen(
      uitvoer.rijen,
      (r) => r.erkenning_nr,
      (r) => {
        const fouten: string[] = [];
        // The leading-zero dirt has nine digits; the dirt tests check that kind on its own.
        if (!/^BE\d{9,10}$/.test(r.kbo)) fouten.push(`kbo ${r.kbo}`);
        if (!/^\d{10}$/.test(r.vestiging)) fouten.push(`vestiging ${r.vestiging}`);
        if (r.naam.trim() === '') fouten.push('naam');
        if (r.straat.trim() === '' || r.gemeente.trim() === '') fouten.push('adres');
        if (!/^\d{4}$/.test(r.postcode)) fouten.push('postcode');
        if (!/^\d{5}$/.test(r.nis)) fouten.push('nis');
        if (r.bk_code === '') fouten.push('bk_code');
        if (!['E', 'S', 'I'].includes(r.status)) fouten.push(`status ${r.status}`);
        if (educamDatum(r.van) === null) fouten.push(`van ${r.van}`);
        if (r.tot !== '' && educamDatum(r.tot) === null) fouten.push(`tot ${r.tot}`);
        if (!/^\d+$/.test(r.mentoren)) fouten.push(`mentoren ${r.mentoren}`);
        return fouten;
      },
    );
    expect(gevonden).toEqual([]);
  });

  it('has every status, and open-ended erkenningen with an empty tot', () => {
    expect(new Set(uitvoer.rijen.map((r) => r.status))).toEqual(new Set(['E', 'S', 'I']));
    expect(uitvoer.rijen.some((r) => r.tot === '')).toBe(true);
  });

  it('names opleidingen by BK code, not by opleidingscode', () => {
    expect(uitvoer.rijen.some((r) => registercodes.has(r.bk_code))).toBe(false);
    expect(uitvoer.rijen.filter((r) => bekendeBks.has(r.bk_code)).length).toBeGreaterThan(
      uitvoer.rijen.length * 0.9,
    );
  });
});

describe('Educam ETag', () => {
  it('carries a quoted ETag that stays the same while the data does', async () => {
    expect(uitvoer.etag).toMatch(/^(W\/)?"[^"]+"$/);
    const weer = await haal(exportUrl(), metToken());
    expect(weer.status).toBe(200);
    expect(weer.headers.get('etag')).toBe(uitvoer.etag);
    expect(weer.tekst).toBe(ruweCsv);
  });

  it('answers a matching If-None-Match with 304, no body and the same ETag', async () => {
    const antwoord = await haal(exportUrl(), metToken({ 'If-None-Match': uitvoer.etag }));
    expect(antwoord.status).toBe(304);
    expect(antwoord.tekst).toBe('');
    expect(antwoord.headers.get('etag')).toBe(uitvoer.etag);
  });

  it('matches the ETag in a list of ETags too', async () => {
    const antwoord = await haal(exportUrl(), metToken({ 'If-None-Match': `"ouder", ${uitvoer.etag}` }));
    expect(antwoord.status).toBe(304);
  });

  it('sends the whole export for an ETag that does not match', async () => {
    const antwoord = await haal(exportUrl(), metToken({ 'If-None-Match': '"een-oude-etag"' }));
    expect(antwoord.status).toBe(200);
    expect(antwoord.tekst).toBe(ruweCsv);
  });
});

describe('Educam dirt, as the contract lists it', () => {
  const rij = (nr: string): EducamRij => {
    const gevonden = uitvoer.rijen.find((r) => r.erkenning_nr === nr);
    if (!gevonden) throw new Error(`${nr} staat niet in de export`);
    return gevonden;
  };

  it('has every kind: lost leading zero, bad KBO, unknown BK code, tot before van, ; in a quoted name', () => {
    expect(new Set(vuil.map((v) => v.soort))).toEqual(
      new Set([
        'KBO_ZONDER_VOORLOOPNUL',
        'KBO_CONTROLE',
        'ONBEKENDE_BK',
        'TOT_VOOR_VAN',
        'PUNTKOMMA_IN_NAAM',
      ]),
    );
  });

  it('puts each defect in the field it names, as the export shows it', () => {
    for (const melding of vuil) {
      const r = rij(melding.recordId);
      switch (melding.soort) {
        case 'KBO_ZONDER_VOORLOOPNUL': {
          expect(r.kbo).toBe(melding.waarde);
          expect(r.kbo).toMatch(/^BE[1-9]\d{8}$/);
          // Left-padded to ten digits, it is a good number again: repair, not rejection.
          expect(isOndernemingsnummer(cijfers(r.kbo).padStart(10, '0'))).toBe(true);
          expect(melding.behandeling).toBe('HERSTELLEN');
          break;
        }
        case 'KBO_CONTROLE':
          expect(r.kbo).toBe(melding.waarde);
          expect(r.kbo).toMatch(/^BE\d{10}$/);
          expect(isOndernemingsnummer(cijfers(r.kbo))).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'ONBEKENDE_BK':
          expect(r.bk_code).toBe(melding.waarde);
          expect(bekendeBks.has(r.bk_code)).toBe(false);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        case 'TOT_VOOR_VAN': {
          expect(r.tot).toBe(melding.waarde);
          const van = educamDatum(r.van);
          const tot = educamDatum(r.tot);
          expect(van).not.toBeNull();
          expect(tot).not.toBeNull();
          expect((tot ?? '') < (van ?? '')).toBe(true);
          expect(melding.behandeling).toBe('AFKEUREN');
          break;
        }
        case 'PUNTKOMMA_IN_NAAM': {
          expect(r.naam).toBe(melding.waarde);
          expect(r.naam).toContain(';');
          // The raw export must hold the name in double quotes, with inner quotes doubled.
          expect(ruweCsv).toContain(`;"${r.naam.replace(/"/g, '""')}";`);
          // Every other field of that row stays in its own column.
          expect(r.straat).not.toBe('');
          expect(educamDatum(r.van)).not.toBeNull();
          expect(melding.behandeling).toBe('PARSEERVAL');
          break;
        }
        default:
          throw new Error(`onbekende soort vuil ${melding.soort}: de contracttest kent ze niet`);
      }
    }
  });

  it('has good KBO numbers, vestigingen and dates everywhere else', () => {
    const slechtKbo = uitvoer.rijen
      .filter((r) => !isOndernemingsnummer(cijfers(r.kbo).padStart(10, '0')))
      .map((r) => r.erkenning_nr);
    expect(new Set(slechtKbo)).toEqual(
      new Set(vuilVan(vuil, 'educam', 'KBO_CONTROLE').map((v) => v.recordId)),
    );
    expect(uitvoer.rijen.filter((r) => !isVestigingsnummer(r.vestiging))).toEqual([]);
    const zonderNul = uitvoer.rijen.filter((r) => /^BE\d{9}$/.test(r.kbo)).map((r) => r.erkenning_nr);
    expect(new Set(zonderNul)).toEqual(
      new Set(vuilVan(vuil, 'educam', 'KBO_ZONDER_VOORLOOPNUL').map((v) => v.recordId)),
    );
    const totVoorVan = uitvoer.rijen
      .filter((r) => r.tot !== '' && (educamDatum(r.tot) ?? '') < (educamDatum(r.van) ?? ''))
      .map((r) => r.erkenning_nr);
    expect(new Set(totVoorVan)).toEqual(
      new Set(vuilVan(vuil, 'educam', 'TOT_VOOR_VAN').map((v) => v.recordId)),
    );
  });

  it.each(['1', '7', '9', '11'])('has a KBO that lost its leading zero with seed %s too', async (seed) => {
    const ander = await startTestMock({ seed });
    try {
      const rijen = (await leesEducamExport(ander.url)).rijen;
      expect(rijen.some((r) => /^BE[1-9]\d{8}$/.test(r.kbo))).toBe(true);
      expect(rijen.some((r) => r.naam.includes(';'))).toBe(true);
    } finally {
      await ander.stop();
    }
  });
});

describe('Educam record hooks', () => {
  const nieuweRij = (): EducamRij => ({
    erkenning_nr: 'ED-990001',
    kbo: 'BE0428759497',
    vestiging: '2000000339',
    naam: 'Garage "De Contract"; Test BV',
    straat: 'Kerkstraat 12',
    postcode: '8500',
    gemeente: 'Kortrijk',
    nis: '34022',
    bk_code: 'BK-0101-4',
    status: 'E',
    van: '01/09/2025',
    tot: '',
    mentoren: '2',
  });
  const zet = (body: string, contentType: string) =>
    haal(`${mock.url}/_mock/educam/records`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    });
  const verwijder = (nr: string) => haal(`${mock.url}/_mock/educam/records/${nr}`, { method: 'DELETE' });

  it('adds a row posted as JSON keyed by column, which changes the ETag, and removes it again', async () => {
    const antwoord = await zet(JSON.stringify(nieuweRij()), 'application/json');
    expect(antwoord.status).toBe(200);
    const na = await leesEducamExport(mock.url);
    expect(na.etag).not.toBe(uitvoer.etag);
    expect(na.rijen).toHaveLength(uitvoer.rijen.length + 1);
    expect(na.rijen.filter((r) => r.erkenning_nr === 'ED-990001')).toEqual([nieuweRij()]);
    expect(na.scheef).toEqual([]);
    // The old ETag no longer matches, so a client that holds it gets the new export.
    const oud = await haal(exportUrl(), metToken({ 'If-None-Match': uitvoer.etag }));
    expect(oud.status).toBe(200);
    const nieuw = await haal(exportUrl(), metToken({ 'If-None-Match': na.etag }));
    expect(nieuw.status).toBe(304);

    expect((await verwijder('ED-990001')).status).toBe(204);
    const weg = await leesEducamExport(mock.url);
    expect(weg.etag).not.toBe(na.etag);
    expect(weg.rijen.some((r) => r.erkenning_nr === 'ED-990001')).toBe(false);
    expect(weg.rijen).toHaveLength(uitvoer.rijen.length);
    expect((await verwijder('ED-990001')).status).toBe(404);
  });

  it('adds a row posted as CSV, header and row, quotes honoured', async () => {
    const rij = { ...nieuweRij(), erkenning_nr: 'ED-990002' };
    const csv = `${EDUCAM_KOP.join(';')}\r\n${csvRegel(EDUCAM_KOP.map((k) => rij[k]))}\r\n`;
    expect((await zet(csv, 'text/csv; charset=utf-8')).status).toBe(200);
    const na = await leesEducamExport(mock.url);
    expect(na.rijen.filter((r) => r.erkenning_nr === 'ED-990002')).toEqual([rij]);
    expect((await verwijder('ED-990002')).status).toBe(204);
  });

  it('replaces the row with the same erkenning_nr, and the ETag follows', async () => {
    const origineel = uitvoer.rijen[0];
    if (!origineel) throw new Error('lege export');
    const gewijzigd = { ...origineel, status: origineel.status === 'E' ? 'S' : 'E' };
    expect((await zet(JSON.stringify(gewijzigd), 'application/json')).status).toBe(200);
    const na = await leesEducamExport(mock.url);
    expect(na.etag).not.toBe(uitvoer.etag);
    expect(na.rijen.filter((r) => r.erkenning_nr === origineel.erkenning_nr)).toEqual([gewijzigd]);
    expect(na.rijen).toHaveLength(uitvoer.rijen.length);

    expect((await zet(JSON.stringify(origineel), 'application/json')).status).toBe(200);
    const terug = await leesEducamExport(mock.url);
    expect(terug.rijen).toEqual(uitvoer.rijen);
  });

  it('reads back the whole export after a change with this test parser', async () => {
    const na = await haal(exportUrl(), metToken());
    expect(leesEducamCsv(na.tekst).scheef).toEqual([]);
  });

  it('refuses a body without erkenning_nr', async () => {
    expect((await zet(JSON.stringify({ kbo: 'BE0428759497' }), 'application/json')).status).toBe(400);
  });
});
