import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import { PUBLIC_CALLER, SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../subgraph-sources.ts';
import { exportRoute } from './route.ts';

/*
 * The route over an Apollo server of the supergraph's own schema whose root
 * answers what each test sets: the graph's answers that the shared e2e system
 * cannot give on demand (a root field null without an error, every list empty).
 */
let wortel: Record<string, unknown> = {};
let server: Server;
let apollo: ApolloServer<GatewayContext>;
let basis = '';

beforeAll(async () => {
  apollo = new ApolloServer<GatewayContext>({
    schema: buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8')),
    rootValue: () => wortel,
  });
  await apollo.start();
  const route = exportRoute({
    apollo,
    context: () =>
      Promise.resolve({ autorisatie: undefined, gebruiker: PUBLIC_CALLER, bronnen: new SourceUsage() }),
    maxRows: 1_000,
  });
  server = createServer((req, res) => {
    void route(req, res, new URL(req.url ?? '/', 'http://localhost')).then((behandeld) => {
      if (!behandeld) res.writeHead(404).end();
    });
  });
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  basis = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise((klaar) => server.close(klaar));
  await apollo.stop();
});

async function download(
  pad: string,
): Promise<{ status: number; text: string; header: string[]; rows: string[][] }> {
  const antwoord = await fetch(`${basis}${pad}`);
  const text = await antwoord.text();
  if (antwoord.status !== 200) return { status: antwoord.status, text, header: [], rows: [] };
  const [header = [], ...rows] = parseCsv(text, { delimiter: ';', bom: true }) satisfies string[][];
  return { status: antwoord.status, text, header, rows };
}

const LEGE_CONNECTIE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

// Each export's URL with its required parameters, and its root field answered with an empty list.
const LEEG = [
  ['radar', '?provincie=WEST_VLAANDEREN', { radar: [] }],
  ['regioTotalen', '?provincie=WEST_VLAANDEREN', { regioTotalen: [] }],
  ['erkenningen', '', { erkenningen: LEGE_CONNECTIE }],
  ['inDeBuurt', '?postcode=8800', { inDeBuurt: { opleidingen: [] } }],
  ['indicatoren', '?provincie=WEST_VLAANDEREN&van=2026-01-01&tot=2026-12-31', { indicatoren: [] }],
  ['ondernemingen', '', { ondernemingen: LEGE_CONNECTIE }],
  ['kandidaatOpleidingen', '?ondernemingsnummer=0403.170.701', { onderneming: { kandidaatOpleidingen: [] } }],
] as const;

describe('an export without rows', () => {
  it.each(LEEG)('%s: an empty list is a CSV of its header alone', async (naam, query, antwoord) => {
    wortel = antwoord;
    const csv = await download(`/export/${naam}.csv${query}`);
    expect(csv.status).toBe(200);
    expect(csv.rows).toEqual([]);
    expect(csv.header.length).toBeGreaterThan(3);
    expect(csv.header.every((kolom) => /^[a-zA-Z]+(\.[a-zA-Z]+)*$/.test(kolom))).toBe(true);
  });

  // Written out here, not borrowed from the route: the columns of a full export, in its order.
  it('kandidaatOpleidingen: the columns a full export has', async () => {
    wortel = { onderneming: { kandidaatOpleidingen: [] } };
    expect(
      (await download('/export/kandidaatOpleidingen.csv?ondernemingsnummer=0403.170.701')).header,
    ).toEqual([
      'opleiding.code',
      'opleiding.naam',
      'opleiding.niveau',
      'sectoren',
      'aantalScholenInDeBuurt',
      'aantalZoekendeLerendenInDeBuurt',
      'aantalDualeVacaturesInDeBuurt',
      'knelpunt',
      'dichtsteAanbod.afstandKm',
      'dichtsteAanbod.aanbod.school.naam',
      'dichtsteAanbod.aanbod.gemeente.nisCode',
      'dichtsteAanbod.aanbod.gemeente.naam',
    ]);
  });

  it('inDeBuurt: the columns of the three kinds of row, with soort', async () => {
    wortel = { inDeBuurt: { opleidingen: [] } };
    const { header } = await download('/export/inDeBuurt.csv?postcode=8800');
    expect(header.slice(0, 4)).toEqual(['opleiding.code', 'opleiding.naam', 'soort', 'afstandKm']);
    expect(header).toEqual(
      expect.arrayContaining(['aanbod.capaciteit', 'vestiging.vestigingsnummer', 'vacature.titel']),
    );
  });

  it.each(LEEG.filter(([naam]) => naam !== 'indicatoren'))(
    '%s: a root field the graph answers null without an error is the same empty CSV, not an error',
    async (naam, query, antwoord) => {
      wortel = antwoord;
      const leeg = await download(`/export/${naam}.csv${query}`);
      wortel = Object.fromEntries(Object.keys(antwoord).map((veld) => [veld, null]));
      const csv = await download(`/export/${naam}.csv${query}`);
      expect(csv.status).toBe(200);
      expect(csv.text).toBe(leeg.text);
    },
  );
});

/** A radar cell as the graph answers it; `gemeente` null at regio scale. */
const radarcel = (gemeente: { nisCode: string; naam: string } | null) => ({
  regioCode: 'RG-KORTRIJK',
  gemeente,
  opleidingscode: 'DS-ELT-3',
  opleiding: { naam: 'Elektrotechniek', niveau: 'SECUNDAIR' },
  aantalAanbieders: 2,
  aantalPlaatsen: 16,
  aantalErkendeLeerwerkplekken: 7,
  aantalActieveLeerwerkplekken: 1,
  aantalVacatures: 3,
  aantalDualeVacatures: 0,
  knelpunt: true,
  aantalZoekendeLerenden: { waarde: 6, onderdrukt: false },
  aantalGestarteLerenden: { waarde: null, onderdrukt: true },
  witteVlek: false,
  signalen: [],
  onbekend: [],
});

describe('the header of an export', () => {
  const RADAR = '/export/radar.csv?provincie=WEST_VLAANDEREN';

  it('radar: the same columns with rows as without, a gemeente of none as its empty fields', async () => {
    wortel = { radar: [] };
    const leeg = await download(RADAR);
    wortel = { radar: [radarcel(null), radarcel(null)] };
    const regio = await download(RADAR);
    wortel = { radar: [radarcel({ nisCode: '34022', naam: 'Kortrijk' })] };
    const gemeente = await download(RADAR);
    expect(regio.header).toEqual(leeg.header);
    expect(gemeente.header).toEqual(leeg.header);
    expect(leeg.header.slice(0, 3)).toEqual(['regioCode', 'gemeente.nisCode', 'gemeente.naam']);
    expect(leeg.header).not.toContain('gemeente');
    const veld = (csv: typeof regio, kolom: string) => csv.rows.map((r) => r[csv.header.indexOf(kolom)]);
    expect(veld(regio, 'gemeente.nisCode')).toEqual(['', '']);
    expect(veld(regio, 'aantalPlaatsen')).toEqual(['16', '16']);
    expect(veld(regio, 'aantalGestarteLerenden')).toEqual(['', '']);
    expect(veld(gemeente, 'gemeente.naam')).toEqual(['Kortrijk']);
    expect(veld(gemeente, 'aantalZoekendeLerenden')).toEqual(['6']);
  });

  it('inDeBuurt: the columns of all three kinds of row, also where only one kind has rows', async () => {
    wortel = { inDeBuurt: { opleidingen: [] } };
    const leeg = await download('/export/inDeBuurt.csv?postcode=8800');
    wortel = {
      inDeBuurt: {
        opleidingen: [
          {
            opleiding: { code: 'DS-ELT-3', naam: 'Elektrotechniek' },
            aanbod: [],
            erkendeLeerwerkplekken: [],
            dualeVacatures: [
              { afstandKm: 4.5, vacature: { id: 'V-1', titel: 'Elektricien', gemeente: null } },
            ],
          },
        ],
      },
    };
    const vacatures = await download('/export/inDeBuurt.csv?postcode=8800');
    expect(vacatures.header).toEqual(leeg.header);
    expect(vacatures.rows).toHaveLength(1);
    const rij = Object.fromEntries(vacatures.header.map((kolom, i) => [kolom, vacatures.rows[0]?.[i]]));
    expect(rij).toMatchObject({
      soort: 'DUALE_VACATURE',
      afstandKm: '4,5',
      'vacature.titel': 'Elektricien',
      'vacature.gemeente.nisCode': '',
      'aanbod.capaciteit': '',
    });
  });
});

describe('parameters an export does not take', () => {
  it.each([
    ['erkenningen', '?first=5', 'first'],
    ['ondernemingen', '?after=YQ', 'after'],
    ['erkenningen', '?vervaltVanaf=morgen', 'vervaltVanaf'],
    ['indicatoren', '?provincie=WEST_VLAANDEREN&van=2026-01-01&tot=2026-13-01', 'tot'],
  ])('%s%s is BAD_USER_INPUT naming %s', async (naam, query, argument) => {
    wortel = {};
    const antwoord = await download(`/export/${naam}.csv${query}`);
    expect(antwoord.status).toBe(400);
    expect(JSON.parse(antwoord.text)).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', argument } }],
    });
  });
});
