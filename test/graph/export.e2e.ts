import { EXPORTS } from '@duaal-graph/gateway/export';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';

/** VDAB's limit is not what this file is about: both sides raise it, so that the vacatures load in a moment. */
const VDAB_PER_SECONDE = 1_000;

type Json = Record<string, unknown>;

interface CsvAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly header: string[];
  readonly rows: string[][];
}

async function download(
  system: System,
  pad: string,
  headers: Record<string, string> = {},
): Promise<CsvAnswer> {
  const antwoord = await fetch(`${system.gatewayUrl}${pad}`, { headers });
  // Decoded keeping the byte-order mark (Response.text() drops it), to check the file really starts with it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await antwoord.arrayBuffer());
  if (antwoord.status !== 200)
    return { status: antwoord.status, headers: antwoord.headers, text, header: [], rows: [] };
  const [header = [], ...rows] = parseCsv(text, { delimiter: ';', bom: true }) satisfies string[][];
  return { status: antwoord.status, headers: antwoord.headers, text, header, rows };
}

/** A value of the graph's JSON answer as the contract says its cell must read (written here, not borrowed). */
function expectedCell(waarde: unknown): string {
  if (waarde === null || waarde === undefined) return '';
  if (typeof waarde === 'number') return String(waarde).replace('.', ',');
  if (typeof waarde === 'boolean') return String(waarde);
  if (Array.isArray(waarde)) return waarde.map(expectedCell).join(', ');
  if (typeof waarde === 'object' && 'onderdrukt' in waarde) return expectedCell((waarde as Json)['waarde']);
  return typeof waarde === 'string' ? waarde : JSON.stringify(waarde);
}

/** The value at a dotted column in an item of the answer. */
function at(item: Json, kolom: string): unknown {
  let waarde: unknown = item;
  for (const deel of kolom.split('.')) {
    if (waarde === null || typeof waarde !== 'object') return null;
    waarde = (waarde as Json)[deel];
  }
  return waarde;
}

const document = (naam: string) => {
  const definitie = EXPORTS.find((e) => e.naam === naam);
  if (!definitie) throw new Error(naam);
  return definitie.document;
};

/** Every item of the graph's answer to an export's operation, pages followed as a client would. */
async function graphItems(
  system: System,
  naam: string,
  variables: Json,
  headers: Record<string, string> = {},
): Promise<Json[]> {
  const paging = EXPORTS.find((e) => e.naam === naam)?.paging;
  if (!paging) {
    const { data, errors } = await system.vraag(document(naam), variables, headers);
    expect(errors).toBeUndefined();
    const lijst = (data as Json)[naam];
    return lijst as Json[];
  }
  const items: Json[] = [];
  let after: string | undefined;
  for (;;) {
    const { data, errors } = await system.vraag(
      document(naam),
      { ...variables, first: paging.pageSize, after },
      headers,
    );
    expect(errors).toBeUndefined();
    const connectie = (data as Record<string, { edges: { node: Json }[]; pageInfo: Json }>)[paging.veld];
    if (!connectie) throw new Error(`${naam}: no ${paging.veld}`);
    items.push(...connectie.edges.map((e) => e.node));
    if (connectie.pageInfo['hasNextPage'] !== true) return items;
    after = connectie.pageInfo['endCursor'] as string;
  }
}

/** A company's kandidaat-opleidingen as the graph answers them, each with its nearest aanbod (or none). */
async function kandidaten(system: System, variables: Json, headers: Record<string, string> = {}) {
  const { data, errors } = await system.vraag(document('kandidaatOpleidingen'), variables, headers);
  expect(errors).toBeUndefined();
  const lijst = (data as { onderneming: { kandidaatOpleidingen: Json[] } }).onderneming.kandidaatOpleidingen;
  return lijst.map((k) => ({ ...k, dichtsteAanbod: (k['dichtsteAanbod'] as Json[])[0] ?? null }));
}

function expectRowsEqual(csv: CsvAnswer, items: readonly Json[]): void {
  expect(csv.status).toBe(200);
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  expect(csv.text).toContain('\r\n');
  expect(csv.rows).toHaveLength(items.length);
  csv.rows.forEach((row, i) => {
    const item = items[i] ?? {};
    expect(Object.fromEntries(row.map((cel, k) => [csv.header[k], cel]))).toEqual(
      Object.fromEntries(csv.header.map((kolom) => [kolom, expectedCell(at(item, kolom))])),
    );
  });
}

describe('CSV exports on the gateway', () => {
  let system: System;

  beforeAll(async () => {
    // Shared although the indicatoren test takes a measurement: it adds history, which no shared file reads.
    system = await sharedSystem();
  }, 600_000);

  it('radar: the rows are the graph’s cells, one per row, in its order', async () => {
    const csv = await download(system, '/export/radar.csv?provincie=WEST_VLAANDEREN');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="radar.csv"');
    // The columns of the operation, as an empty export has them: a regio cell's gemeente is its empty fields.
    expect(csv.header.slice(0, 4)).toEqual([
      'regioCode',
      'gemeente.nisCode',
      'gemeente.naam',
      'opleidingscode',
    ]);
    const items = await graphItems(system, 'radar', { provincie: 'WEST_VLAANDEREN' });
    expect(items.length).toBeGreaterThan(100);
    expectRowsEqual(csv, items);
  });

  it('radar per gemeente filtered on a regio: URL parameters are the query’s arguments and filter fields', async () => {
    const csv = await download(
      system,
      '/export/radar.csv?provincie=WEST_VLAANDEREN&per=GEMEENTE&regioCode=MIDWEST',
    );
    const items = await graphItems(system, 'radar', {
      provincie: 'WEST_VLAANDEREN',
      per: 'GEMEENTE',
      regioCode: 'MIDWEST',
    });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c['regioCode'] === 'MIDWEST')).toBe(true);
    expectRowsEqual(csv, items);
    expect(csv.header).toContain('gemeente.nisCode');
  });

  it('regioTotalen: one row per regio', async () => {
    const csv = await download(system, '/export/regioTotalen.csv?provincie=WEST_VLAANDEREN');
    const items = await graphItems(system, 'regioTotalen', { provincie: 'WEST_VLAANDEREN' });
    expect(items).toHaveLength(5);
    expectRowsEqual(csv, items);
  });

  it('inDeBuurt: one row per aanbod, leerwerkplek and vacature, distances with a decimal comma', async () => {
    const variables = { postcode: '8800', km: 25 };
    const csv = await download(system, '/export/inDeBuurt.csv?postcode=8800&km=25');
    const { data, errors } = await system.vraag(document('inDeBuurt'), variables);
    expect(errors).toBeUndefined();
    const opleidingen = ((data as Json)['inDeBuurt'] as { opleidingen: Json[] }).opleidingen;
    const verwacht: Json[] = [];
    for (const o of opleidingen)
      for (const [veld, soort] of [
        ['aanbod', 'AANBOD'],
        ['erkendeLeerwerkplekken', 'ERKENDE_LEERWERKPLEK'],
        ['dualeVacatures', 'DUALE_VACATURE'],
      ] as const)
        for (const element of o[veld] as Json[])
          verwacht.push({ opleiding: o['opleiding'], soort, ...element });
    expectRowsEqual(csv, verwacht);
    const kolom = csv.header.indexOf('afstandKm');
    expect(csv.rows.some((r) => /^\d+,\d$/.test(r[kolom] ?? ''))).toBe(true);
  });

  describe('erkenningen: the caller’s access rules hold in the export', () => {
    it('the public gets the public erkenningen expiring in the window, every page, with ISO dates', async () => {
      const pad = '/export/erkenningen.csv?vervaltVanaf=2026-11-01&vervaltTot=2027-06-30';
      const csv = await download(system, pad);
      const items = await graphItems(system, 'erkenningen', {
        vervaltVanaf: '2026-11-01',
        vervaltTot: '2027-06-30',
      });
      expect(items.length).toBeGreaterThan(0);
      expectRowsEqual(csv, items);
      const kolom = csv.header.indexOf('geldigTot');
      expect(csv.rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[kolom] ?? ''))).toBe(true);
      expect(new Set(csv.rows.map((r) => r[csv.header.indexOf('status')]))).toEqual(new Set(['ERKEND']));
    });

    it('a partner also sees its own sector’s non-public erkenningen, as in the graph', async () => {
      const headers = await alsRol({ rol: 'partner', sector: 'VOLTA' });
      const csv = await download(system, '/export/erkenningen.csv?sector=VOLTA', headers);
      const items = await graphItems(system, 'erkenningen', { sector: 'VOLTA' }, headers);
      expectRowsEqual(csv, items);
      const statussen = new Set(csv.rows.map((r) => r[csv.header.indexOf('status')]));
      expect(statussen.size).toBeGreaterThan(1);
      const publiek = await download(system, '/export/erkenningen.csv?sector=VOLTA');
      expect(publiek.rows.length).toBeLessThan(csv.rows.length);
      expect(new Set(publiek.rows.map((r) => r[publiek.header.indexOf('status')]))).toEqual(
        new Set(['ERKEND']),
      );
    });
  });

  it('indicatoren: one row per measurement, of the provincie and of a regio', async () => {
    // Every source read first (as the Verloop page's test does), so that the measurement knows them all.
    for (let poging = 0; ; poging++) {
      const radar = await system.vraag('{ radar(provincie: WEST_VLAANDEREN) { regioCode } }');
      if (radar.data?.['radar'] && !radar.errors) break;
      if (poging > 60) throw new Error(`the radar did not answer: ${JSON.stringify(radar.errors)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const peiling = await system.vraag(
      'mutation { neemPeiling { op } }',
      undefined,
      await alsRol({ rol: 'beheerder' }),
    );
    expect(peiling.errors).toBeUndefined();
    const op = (peiling.data as { neemPeiling: { op: string } }).neemPeiling.op;
    for (const regio of [null, 'MIDWEST']) {
      const variables = {
        provincie: 'WEST_VLAANDEREN',
        van: '2000-01-01',
        tot: op,
        ...(regio ? { regioCode: regio } : {}),
      };
      const csv = await download(
        system,
        `/export/indicatoren.csv?${new URLSearchParams(variables).toString()}`,
      );
      const items = await graphItems(system, 'indicatoren', variables);
      expect(items.map((i) => i['op'])).toContain(op);
      expectRowsEqual(csv, items);
    }
  }, 180_000);

  it('ondernemingen: the prospects of a sector, every page, the same for the public and a partner', async () => {
    // The first read of the register may still be under way when the system is ready.
    for (let i = 0; i < 20 && !system.erkenningen.bestand.kbo?.data; i++)
      await system.erkenningen.bestand.kbo?.ververs();
    const variables = { sectorKandidaat: 'VOLTA', zonderErkenning: 'true' };
    const pad = `/export/ondernemingen.csv?${new URLSearchParams(variables).toString()}`;
    const filter = { sectorKandidaat: 'VOLTA', zonderErkenning: true };
    const items = await graphItems(system, 'ondernemingen', filter);
    expect(items.length).toBeGreaterThan(100);
    expectRowsEqual(await download(system, pad), items);
    const partner = await alsRol({ rol: 'partner', sector: 'VOLTA' });
    expectRowsEqual(
      await download(system, `${pad}&regioCode=MIDWEST`, partner),
      await graphItems(system, 'ondernemingen', { ...filter, regioCode: 'MIDWEST' }, partner),
    );
  }, 180_000);

  it('kandidaatOpleidingen: one row per opleiding in the graph’s order; a partner’s own non-public erkenningen count', async () => {
    const partner = await alsRol({ rol: 'partner', sector: 'VOLTA' });
    // Companies a VOLTA partner knows only by erkenningen the public does not see: VOLTA's opleidingen are
    // its candidates for the partner, and for the public only where its NACE codes say VOLTA.
    const nummerVan = (e: Json) => (e['onderneming'] as { ondernemingsnummer: string }).ondernemingsnummer;
    const publiekBekend = new Set(
      (await graphItems(system, 'erkenningen', { sector: 'VOLTA' })).map(nummerVan),
    );
    const nietPubliek = (await graphItems(system, 'erkenningen', { sector: 'VOLTA' }, partner))
      .map(nummerVan)
      .filter((nummer) => !publiekBekend.has(nummer));
    let gevonden: { nummer: string; publiek: Json[]; eigen: Json[] } | undefined;
    for (const nummer of [...new Set(nietPubliek)].slice(0, 15)) {
      const variables = { ondernemingsnummer: nummer, km: 25 };
      const publiek = await kandidaten(system, variables);
      const eigen = await kandidaten(system, variables, partner);
      // Where the answers differ if any does; else the first with candidates (each export is checked against its caller's graph answer).
      if (eigen.length > 0 && (gevonden === undefined || JSON.stringify(publiek) !== JSON.stringify(eigen))) {
        const verschilt = JSON.stringify(publiek) !== JSON.stringify(eigen);
        gevonden = { nummer, publiek, eigen };
        if (verschilt) break;
      }
    }
    if (!gevonden) throw new Error('no company with kandidaat-opleidingen for a VOLTA partner');
    const pad = `/export/kandidaatOpleidingen.csv?ondernemingsnummer=${gevonden.nummer}&km=25`;
    const eigen = await download(system, pad, partner);
    expectRowsEqual(eigen, gevonden.eigen);
    expectRowsEqual(await download(system, pad), gevonden.publiek);
    expect(eigen.header).toEqual(
      expect.arrayContaining(['opleiding.code', 'aantalZoekendeLerendenInDeBuurt']),
    );
  }, 180_000);

  describe('an export without rows is its header alone', () => {
    it('kandidaatOpleidingen of a company no source knows (a valid KBO number): the graph’s empty list', async () => {
      // 0123.456.749: valid (mod 97), and the graph knows no kandidaat-opleidingen for it (checked first).
      const variables = { ondernemingsnummer: '0123.456.749' };
      expect(await kandidaten(system, variables)).toEqual([]);
      const csv = await download(
        system,
        `/export/kandidaatOpleidingen.csv?${new URLSearchParams(variables).toString()}`,
      );
      expect(csv.status).toBe(200);
      expect(csv.rows).toEqual([]);
      expect(csv.header).toEqual(expect.arrayContaining(['opleiding.code', 'dichtsteAanbod.afstandKm']));
    });

    it('ondernemingen no company matches: the header of a full export', async () => {
      const pad = '/export/ondernemingen.csv?naamBevat=';
      expect(await graphItems(system, 'ondernemingen', { naamBevat: 'zzzqqqzzz' })).toEqual([]);
      const leeg = await download(system, `${pad}zzzqqqzzz`);
      expect(leeg.status).toBe(200);
      expect(leeg.rows).toEqual([]);
      const vol = await download(system, `${pad}Bekaert`);
      expect(vol.rows.length).toBeGreaterThan(0);
      expect(leeg.header).toEqual(vol.header);
    });
  });

  describe('a bad request answers as the graph does', () => {
    it('an invalid argument value is HTTP 400 with the graph’s error', async () => {
      const antwoord = await download(system, '/export/radar.csv?provincie=NERGENS');
      expect(antwoord.status).toBe(400);
      const body = JSON.parse(antwoord.text) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('a malformed date is HTTP 400 naming it, not a partner unavailable', async () => {
      const antwoord = await download(system, '/export/erkenningen.csv?vervaltVanaf=morgen');
      expect(antwoord.status).toBe(400);
      expect(JSON.parse(antwoord.text)).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'vervaltVanaf' } }],
      });
    });

    it('an unknown parameter is HTTP 400 naming it', async () => {
      const antwoord = await download(system, '/export/radar.csv?provincie=WEST_VLAANDEREN&provinsie=X');
      expect(antwoord.status).toBe(400);
      expect(JSON.parse(antwoord.text)).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'provinsie' } }],
      });
    });

    it('a missing required argument is HTTP 400 naming it, in Dutch', async () => {
      const antwoord = await download(system, '/export/radar.csv');
      expect(antwoord.status).toBe(400);
      expect(JSON.parse(antwoord.text)).toMatchObject({
        errors: [
          {
            message: "De parameter 'provincie' is verplicht voor deze export.",
            extensions: { code: 'BAD_USER_INPUT', argument: 'provincie' },
          },
        ],
      });
    });

    it('an unknown export is 404, a POST 405', async () => {
      expect((await download(system, '/export/lerenden.csv')).status).toBe(404);
      const post = await fetch(`${system.gatewayUrl}/export/radar.csv?provincie=WEST_VLAANDEREN`, {
        method: 'POST',
      });
      expect(post.status).toBe(405);
      await post.body?.cancel();
    });

    it('a bad token is refused as on /graphql', async () => {
      const antwoord = await download(system, '/export/radar.csv?provincie=WEST_VLAANDEREN', {
        authorization: 'Bearer niet-geldig',
      });
      expect(antwoord.status).toBe(401);
    });
  });
});

describe('CSV exports on a gateway that runs only trusted documents', () => {
  let system: System;

  beforeAll(async () => {
    const manifest = join(tmpdir(), `duaal-export-manifest-${process.pid}.json`);
    writeFileSync(
      manifest,
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [] }),
    );
    system = await startSystem({
      vdabPerSeconde: VDAB_PER_SECONDE,
      omgeving: { PERSISTED_DOCUMENTS_ONLY: 'true', PERSISTED_DOCUMENTS_MANIFEST: manifest },
    });
  }, 600_000);

  afterAll(async () => {
    await system.stop();
  });

  it('still exports: the gateway trusts its own export operations, and nothing else', async () => {
    const csv = await download(system, '/export/regioTotalen.csv?provincie=WEST_VLAANDEREN');
    expect(csv.status).toBe(200);
    expect(csv.rows).toHaveLength(5);
    const vrij = await system.vraag('{ regios(provincie: WEST_VLAANDEREN) { code } }');
    expect(vrij.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
