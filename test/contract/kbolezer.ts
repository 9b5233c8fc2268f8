import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { fromBufferPromise } from 'yauzl';
import { basicAuth } from './sector-reader.ts';

/**
 * KBO Open Data read as a consumer written from shared/partners/kbo.md would:
 * the list of extracts, the zips, their CSV files, and the register that the
 * latest full extract and the updates after it make together.
 */

export const KBO_AUTH = basicAuth('duaal', 'kbo-dev');

export const KOLOMMEN = {
  enterprise: [
    'EnterpriseNumber',
    'Status',
    'JuridicalSituation',
    'TypeOfEnterprise',
    'JuridicalForm',
    'JuridicalFormCAC',
    'StartDate',
  ],
  establishment: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  denomination: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  address: [
    'EntityNumber',
    'TypeOfAddress',
    'CountryNL',
    'CountryFR',
    'Zipcode',
    'MunicipalityNL',
    'MunicipalityFR',
    'StreetNL',
    'StreetFR',
    'HouseNumber',
    'Box',
    'ExtraAddressInfo',
    'DateStrikingOff',
  ],
  activity: ['EntityNumber', 'ActivityGroup', 'NaceVersion', 'NaceCode', 'Classification'],
  contact: ['EntityNumber', 'EntityContact', 'ContactType', 'Value'],
} as const;
export type Tabel = keyof typeof KOLOMMEN;
export const TABELLEN = Object.keys(KOLOMMEN) as Tabel[];

export type Rij = Record<string, string>;

export interface Extract {
  naam: string;
  type: 'full' | 'update';
  extractNumber: number;
  snapshotDate: string;
  bytes: number;
}

/** A zip's files: each CSV file's raw text. */
export type Zip = Map<string, string>;

export async function kbo(
  basis: string,
  pad: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${basis}/kbo/open-data${pad}`, { headers: { authorization: KBO_AUTH, ...headers } });
}

export async function leesLijst(basis: string): Promise<Extract[]> {
  const antwoord = await kbo(basis, '/extracts');
  if (antwoord.status !== 200) throw new Error(`lijst van extracten: ${antwoord.status}`);
  return (await antwoord.json()) as Extract[];
}

export async function haalZip(basis: string, naam: string): Promise<Buffer> {
  const antwoord = await kbo(basis, `/extracts/${encodeURIComponent(naam)}`);
  if (antwoord.status !== 200) throw new Error(`${naam}: ${antwoord.status}`);
  return Buffer.from(await antwoord.arrayBuffer());
}

export async function pakUit(zip: Buffer): Promise<Zip> {
  const bestand = await fromBufferPromise(zip, { lazyEntries: true });
  const inhoud: Zip = new Map();
  for await (const entry of bestand.eachEntry())
    inhoud.set(entry.fileName, await text(await bestand.openReadStreamPromise(entry)));
  return inhoud;
}

/** The rows of one CSV file, keyed by its header; the header itself too, to check the columns. */
export function leesCsv(tekst: string): { kop: string[]; rijen: Rij[] } {
  const velden: string[][] = parse(tekst, { bom: true });
  const [kop = [], ...data] = velden;
  return { kop, rijen: data.map((velden) => Object.fromEntries(kop.map((k, i) => [k, velden[i] ?? '']))) };
}

export function csvVan(zip: Zip, bestand: string): { kop: string[]; rijen: Rij[] } {
  const tekst = zip.get(bestand);
  if (tekst === undefined) throw new Error(`${bestand} ontbreekt in de zip`);
  return leesCsv(tekst);
}

/** `meta.csv` as a map from Variable to Value. */
export function meta(zip: Zip): Map<string, string> {
  return new Map(csvVan(zip, 'meta.csv').rijen.map((r) => [r['Variable'] ?? '', r['Value'] ?? '']));
}

/** The entity a row belongs to, per table: what an update's delete file names. */
export function entiteit(tabel: Tabel, rij: Rij): string {
  const kolom =
    tabel === 'enterprise'
      ? 'EnterpriseNumber'
      : tabel === 'establishment'
        ? 'EstablishmentNumber'
        : 'EntityNumber';
  return rij[kolom] ?? '';
}

/** The register as tables of rows. */
export type Register = Record<Tabel, Rij[]>;

export function registerUitVolledig(zip: Zip): Register {
  return Object.fromEntries(TABELLEN.map((t) => [t, csvVan(zip, `${t}.csv`).rijen])) as Register;
}

/** Applies an update: for every entity in a delete file, drop all its rows of that table, then add the insert rows. */
export function pasToe(register: Register, zip: Zip): Register {
  const uit = { ...register };
  for (const tabel of TABELLEN) {
    const weg = new Set(csvVan(zip, `${tabel}_delete.csv`).rijen.map((r) => r['EntityNumber'] ?? ''));
    uit[tabel] = [
      ...register[tabel].filter((r) => !weg.has(entiteit(tabel, r))),
      ...csvVan(zip, `${tabel}_insert.csv`).rijen,
    ];
  }
  return uit;
}

/** Rows grouped by entity, for comparing two registers whatever their order. */
export function perEntiteit(register: Register, tabel: Tabel): Map<string, string[]> {
  const groepen = new Map<string, string[]>();
  for (const rij of register[tabel]) {
    const sleutel = entiteit(tabel, rij);
    groepen.set(sleutel, [...(groepen.get(sleutel) ?? []), JSON.stringify(rij)]);
  }
  for (const rijen of groepen.values()) rijen.sort();
  return groepen;
}

/** Reads the latest full extract and applies every update after it in order, as kbo.md says a consumer does. */
export async function leesRegister(
  basis: string,
): Promise<{ lijst: Extract[]; zips: Map<string, Buffer>; register: Register; volledig: Register }> {
  const lijst = await leesLijst(basis);
  const zips = new Map<string, Buffer>();
  for (const e of lijst) zips.set(e.naam, await haalZip(basis, e.naam));
  const [eerste, ...updates] = lijst;
  if (eerste?.type !== 'full') throw new Error('de lijst begint niet met een volledig extract');
  const volledig = registerUitVolledig(await pakUit(zips.get(eerste.naam) as Buffer));
  let register = volledig;
  for (const u of updates) register = pasToe(register, await pakUit(zips.get(u.naam) as Buffer));
  return { lijst, zips, register, volledig };
}

/** The sector organisation kbo.md's table gives a NACE-BEL 2008 code. */
export function sectorVanNace(code: string): string | null {
  if (/^4321\d$/.test(code) || code === '33140' || code.startsWith('27')) return 'VOLTA';
  if (['45200', '45201', '45202', '45203', '45204', '45310', '45400'].includes(code)) return 'EDUCAM';
  if (/^4[123]/.test(code) || code === '23610' || code === '23630') return 'CONSTRUCTIV';
  if (/^(24|25|26|28|29|30|33)/.test(code)) return 'MTECH';
  if (/^(16|31)/.test(code)) return 'WOODWIZE';
  return null;
}

/** `dd-mm-yyyy` to ISO. */
export function isoVan(kboDatum: string): string {
  return `${kboDatum.slice(6, 10)}-${kboDatum.slice(3, 5)}-${kboDatum.slice(0, 2)}`;
}

export function cijfersVan(nummer: string): string {
  return nummer.replace(/\./g, '');
}
