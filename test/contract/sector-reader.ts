import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/**
 * A client for the five sector databanks written from ../shared/partners/sectoren.md
 * alone, so that the contract tests check the mock against the contract and not
 * against its own code.
 */

/** The development credentials the contract documents; the test mock uses them. */
export const SLEUTELS = {
  volta: 'volta-dev-key',
  educam: 'educam-dev-token',
  constructiv: { gebruiker: 'duaal', wachtwoord: 'constructiv-dev' },
  mtech: 'mtech-dev-key',
} as const;

export function basicAuth(gebruiker: string, wachtwoord: string): string {
  return `Basic ${Buffer.from(`${gebruiker}:${wachtwoord}`).toString('base64')}`;
}

// ---------------------------------------------------------------- identifiers

export function mod97Geldig(tienCijfers: string): boolean {
  if (!/^\d{10}$/.test(tienCijfers)) return false;
  return (Number(tienCijfers.slice(0, 8)) + Number(tienCijfers.slice(8))) % 97 === 0;
}

export function isOndernemingsnummer(tienCijfers: string): boolean {
  return /^[01]\d{9}$/.test(tienCijfers) && mod97Geldig(tienCijfers);
}

export function isVestigingsnummer(tienCijfers: string): boolean {
  return /^[2-8]\d{9}$/.test(tienCijfers) && mod97Geldig(tienCijfers);
}

/** The digits of any notation the partners use (`BE0403170701`, `0403.170.701`, `2.145.678.996`). */
export function cijfers(notatie: string): string {
  return notatie.replace(/^BE/, '').replace(/\./g, '');
}

export const KBO_MET_PUNTEN = /^[01]\d{3}\.\d{3}\.\d{3}$/;
export const VESTIGING_MET_PUNTEN = /^[2-8]\.\d{3}\.\d{3}\.\d{3}$/;

/** A real calendar date written `yyyy-mm-dd`. */
export function isIsoDatum(waarde: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(waarde)) return false;
  const datum = new Date(`${waarde}T00:00:00Z`);
  return !Number.isNaN(datum.getTime()) && datum.toISOString().slice(0, 10) === waarde;
}

/** Educam's `dd/mm/yyyy` as `yyyy-mm-dd`, or null when it is no real date. */
export function educamDatum(waarde: string): string | null {
  const delen = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(waarde);
  if (!delen) return null;
  const iso = `${delen[3] ?? ''}-${delen[2] ?? ''}-${delen[1] ?? ''}`;
  return isIsoDatum(iso) ? iso : null;
}

// ---------------------------------------------------------------- glossary

export interface GlossariumGemeente {
  readonly nis: string;
  readonly gemeente: string;
  readonly postcode: string;
  readonly regio: string;
}

/** The West-Vlaanderen table of the glossary, read from the document itself so that both stay in step. */
export function leesWestVlaamseGemeenten(): GlossariumGemeente[] {
  const tekst = readFileSync(new URL('../../../shared/domain/GLOSSARY.md', import.meta.url), 'utf8');
  const gemeenten: GlossariumGemeente[] = [];
  for (const regel of tekst.split('\n')) {
    const rij = /^\|\s*(3\d{4})\s*\|\s*([^|]+?)\s*\|\s*(\d{4})\s*\|\s*([A-Z_]+)\s*\|$/.exec(regel.trim());
    if (rij) {
      gemeenten.push({
        nis: rij[1] ?? '',
        gemeente: rij[2] ?? '',
        postcode: rij[3] ?? '',
        regio: rij[4] ?? '',
      });
    }
  }
  return gemeenten;
}

// ---------------------------------------------------------------- CSV

/**
 * Splits a whole CSV text into rows of fields: a field in double quotes may hold
 * the separator, a line break or a doubled quote. A trailing line break ends the
 * last row rather than starting an empty one.
 */
export function splitsCsv(tekst: string, scheiding = ';'): string[][] {
  const rijen: string[][] = [];
  let rij: string[] = [];
  let veld = '';
  let inAanhaling = false;
  let rijBegonnen = false;
  for (let i = 0; i < tekst.length; i++) {
    const teken = tekst.charAt(i);
    if (inAanhaling) {
      if (teken === '"' && tekst.charAt(i + 1) === '"') {
        veld += '"';
        i++;
      } else if (teken === '"') inAanhaling = false;
      else veld += teken;
      continue;
    }
    rijBegonnen = true;
    if (teken === '"') inAanhaling = true;
    else if (teken === scheiding) {
      rij.push(veld);
      veld = '';
    } else if (teken === '\r' || teken === '\n') {
      if (teken === '\r' && tekst.charAt(i + 1) === '\n') i++;
      rij.push(veld);
      rijen.push(rij);
      rij = [];
      veld = '';
      rijBegonnen = false;
    } else veld += teken;
  }
  if (inAanhaling) throw new Error('CSV eindigt binnen een veld tussen aanhalingstekens');
  if (rijBegonnen) {
    rij.push(veld);
    rijen.push(rij);
  }
  return rijen;
}

function csvVeld(waarde: string): string {
  return /[;"\r\n]/.test(waarde) ? `"${waarde.replace(/"/g, '""')}"` : waarde;
}

/** One row written the way a CSV export writes it, quoting what needs quotes. */
export function csvRegel(velden: readonly string[]): string {
  return velden.map(csvVeld).join(';');
}

// ---------------------------------------------------------------- HTTP

export interface Antwoord {
  readonly status: number;
  readonly headers: Headers;
  readonly tekst: string;
}

/** Reads the whole answer as text, so that every test can look at status, headers and body alike. */
export async function haal(url: string, init: RequestInit = {}): Promise<Antwoord> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, tekst: await res.text() };
}

export function jsonVan(antwoord: Antwoord): unknown {
  return JSON.parse(antwoord.tekst) as unknown;
}

/**
 * A record of a feed by its id, for a dirt report that names it; an id the feed lacks fails the test.
 * The feed as a function: a test file reads it in its `beforeAll`, after the describe blocks are built.
 */
export function uitDeFeed<T>(records: () => readonly T[], idVan: (record: T) => string): (id: string) => T {
  return (id) => {
    const gevonden = records().find((r) => idVan(r) === id);
    if (!gevonden) throw new Error(`${id} staat niet in de feed`);
    return gevonden;
  };
}

export function isObject(waarde: unknown): waarde is Record<string, unknown> {
  return typeof waarde === 'object' && waarde !== null && !Array.isArray(waarde);
}

/** Fails with the status and body of an answer that is not the one a reader needs. */
function verwacht(antwoord: Antwoord, status: number, url: string): void {
  if (antwoord.status !== status) {
    throw new Error(`${url}: verwacht ${status}, kreeg ${antwoord.status}: ${antwoord.tekst.slice(0, 300)}`);
  }
}

// ---------------------------------------------------------------- Volta

export interface VoltaErkenning {
  readonly erkenningId: string;
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string;
  readonly ondernemingsnaam: string;
  readonly adres: {
    readonly straat: string;
    readonly huisnummer: string;
    readonly postcode: string;
    readonly gemeente: string;
    readonly nisCode: string;
  };
  readonly opleidingscodes: readonly string[];
  readonly status: string;
  readonly geldigVan: string;
  readonly geldigTot: string | null;
  readonly aantalMentoren: number;
  readonly laatstGewijzigd: string;
}

export interface VoltaPagina {
  readonly totaal: number;
  readonly offset: number;
  readonly limit: number;
  readonly items: VoltaErkenning[];
}

export async function leesVoltaPagina(
  basis: string,
  offset: number,
  limit: number,
  gewijzigdSinds?: string,
): Promise<VoltaPagina> {
  const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
  if (gewijzigdSinds !== undefined) query.set('gewijzigdSinds', gewijzigdSinds);
  const url = `${basis}/volta/api/v2/erkenningen?${query.toString()}`;
  const antwoord = await haal(url, { headers: { 'X-Api-Key': SLEUTELS.volta } });
  verwacht(antwoord, 200, url);
  return jsonVan(antwoord) as VoltaPagina;
}

/** Pages by offset until `totaal` is reached; every page is kept to check the paging itself. */
export async function leesAlleVoltaPaginas(
  basis: string,
  limit = 500,
  gewijzigdSinds?: string,
): Promise<{ totaal: number; paginas: VoltaPagina[]; items: VoltaErkenning[] }> {
  const paginas: VoltaPagina[] = [];
  let offset = 0;
  for (;;) {
    const pagina = await leesVoltaPagina(basis, offset, limit, gewijzigdSinds);
    paginas.push(pagina);
    offset += pagina.items.length;
    if (pagina.items.length === 0 || offset >= pagina.totaal) break;
  }
  return {
    totaal: paginas[0]?.totaal ?? 0,
    paginas,
    items: paginas.flatMap((p) => p.items),
  };
}

// ---------------------------------------------------------------- Educam

export const EDUCAM_KOP = [
  'erkenning_nr',
  'kbo',
  'vestiging',
  'naam',
  'straat',
  'postcode',
  'gemeente',
  'nis',
  'bk_code',
  'status',
  'van',
  'tot',
  'mentoren',
] as const;

export type EducamRij = Record<(typeof EDUCAM_KOP)[number], string>;

export interface EducamExport {
  readonly etag: string;
  readonly contentType: string;
  readonly kop: string[];
  readonly rijen: EducamRij[];
  /** Rows whose field count differs from the header's, which a wrong split would produce. */
  readonly scheef: string[][];
}

export function leesEducamCsv(tekst: string): Omit<EducamExport, 'etag' | 'contentType'> {
  const [kop = [], ...data] = splitsCsv(tekst);
  const rijen: EducamRij[] = [];
  const scheef: string[][] = [];
  for (const velden of data) {
    if (velden.length !== kop.length) {
      scheef.push(velden);
      continue;
    }
    rijen.push(Object.fromEntries(kop.map((k, i) => [k, velden[i] ?? ''])) as EducamRij);
  }
  return { kop, rijen, scheef };
}

export async function leesEducamExport(basis: string): Promise<EducamExport> {
  const url = `${basis}/educam/export/erkenningen.csv`;
  const antwoord = await haal(url, { headers: { Authorization: `Bearer ${SLEUTELS.educam}` } });
  verwacht(antwoord, 200, url);
  return {
    etag: antwoord.headers.get('etag') ?? '',
    contentType: antwoord.headers.get('content-type') ?? '',
    ...leesEducamCsv(antwoord.tekst),
  };
}

// ---------------------------------------------------------------- Constructiv

export interface ConstructivLeerwerkplek {
  readonly id: number;
  readonly onderneming: { readonly kbo: string; readonly naam: string };
  readonly vestiging: {
    readonly nummer: string;
    readonly adres: { readonly postcode: string; readonly gemeente: string; readonly nis: string };
  };
  readonly opleiding: { readonly code: string };
  readonly periode: { readonly start: string; readonly einde: string | null };
  readonly schorsing: { readonly van: string; readonly tot: string | null } | null;
  readonly intrekking: { readonly datum: string } | null;
  readonly mentoren: readonly { readonly id: number }[] | null;
}

export interface ConstructivPagina {
  readonly _embedded: { readonly leerwerkplekken: ConstructivLeerwerkplek[] };
  readonly _links: { readonly self: { readonly href: string }; readonly next?: { readonly href: string } };
}

export const CONSTRUCTIV_AUTH = basicAuth(SLEUTELS.constructiv.gebruiker, SLEUTELS.constructiv.wachtwoord);

/** Follows `_links.next.href`, which is a path under the mock's origin, until it is absent. */
export async function leesAlleConstructivPaginas(
  basis: string,
  size = 100,
): Promise<{ paginas: ConstructivPagina[]; items: ConstructivLeerwerkplek[]; hrefs: string[] }> {
  const paginas: ConstructivPagina[] = [];
  const hrefs: string[] = [];
  let href: string | undefined = `/constructiv/leerwerkplekken?size=${size}`;
  while (href !== undefined) {
    if (hrefs.includes(href)) throw new Error(`cursor herhaalt zich: ${href}`);
    hrefs.push(href);
    const url = new URL(href, basis).toString();
    const antwoord = await haal(url, { headers: { Authorization: CONSTRUCTIV_AUTH } });
    verwacht(antwoord, 200, url);
    const pagina = jsonVan(antwoord) as ConstructivPagina;
    paginas.push(pagina);
    href = pagina._links.next?.href;
  }
  return { paginas, items: paginas.flatMap((p) => p._embedded.leerwerkplekken), hrefs };
}

/** The status rule of the contract, on a reference date. */
export function constructivStatus(
  plek: Pick<ConstructivLeerwerkplek, 'schorsing' | 'intrekking'>,
  referentiedatum: string,
): 'ERKEND' | 'GESCHORST' | 'INGETROKKEN' {
  if (plek.intrekking !== null && plek.intrekking.datum <= referentiedatum) return 'INGETROKKEN';
  const { schorsing } = plek;
  if (
    schorsing !== null &&
    schorsing.van <= referentiedatum &&
    (schorsing.tot === null || referentiedatum <= schorsing.tot)
  ) {
    return 'GESCHORST';
  }
  return 'ERKEND';
}

// ---------------------------------------------------------------- MTech+

export interface MtechErkenning {
  readonly id: string;
  readonly kbo: string;
  readonly vestigingseenheid: string;
  readonly vestigingsadres: { readonly postcode: string; readonly gemeente: string };
  readonly opleiding: string;
  readonly status: string;
  readonly start: string;
  readonly einde: string | null;
  readonly mentoren: number;
}

export interface MtechPagina {
  readonly data: MtechErkenning[];
  readonly meta: { readonly page: number; readonly pageCount: number; readonly total: number };
}

export async function leesMtechPagina(basis: string, page: number, pageSize: number): Promise<MtechPagina> {
  const url = `${basis}/mtech/v1/erkenningen?page=${page}&pageSize=${pageSize}`;
  const antwoord = await haal(url, { headers: { 'X-Api-Key': SLEUTELS.mtech } });
  verwacht(antwoord, 200, url);
  return jsonVan(antwoord) as MtechPagina;
}

export async function leesAlleMtechPaginas(
  basis: string,
  pageSize = 250,
): Promise<{ paginas: MtechPagina[]; items: MtechErkenning[] }> {
  const paginas: MtechPagina[] = [];
  for (let page = 1; ; page++) {
    const pagina = await leesMtechPagina(basis, page, pageSize);
    paginas.push(pagina);
    if (page >= pagina.meta.pageCount) break;
  }
  return { paginas, items: paginas.flatMap((p) => p.data) };
}

export async function zoekMtech(basis: string, ondernemingsnummers: unknown): Promise<Antwoord> {
  return haal(`${basis}/mtech/v1/erkenningen/zoeken`, {
    method: 'POST',
    headers: { 'X-Api-Key': SLEUTELS.mtech, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ondernemingsnummers }),
  });
}

// ---------------------------------------------------------------- Woodwize

export interface WoodwizeErkenning {
  readonly id: string;
  readonly kbo: string;
  readonly naam: string;
  readonly vestiging: { readonly nr: string; readonly postcode: string; readonly nis: string } | null;
  readonly opleidingscode: string;
  readonly status: string;
  readonly van: string;
  readonly tot: string | null;
  /** The element's text as sent, so that a test can see it is a whole number. */
  readonly mentoren: string;
}

export interface WoodwizePagina {
  readonly pagina: string;
  readonly paginas: string;
  readonly totaal: string;
  readonly erkenningen: WoodwizeErkenning[];
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#',
  // Numbers such as a KBO with its leading zero must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (naam) => naam === 'erkenning',
});

function tekstVan(knoop: unknown): string {
  if (typeof knoop === 'string') return knoop;
  if (isObject(knoop)) return tekstVan(knoop['#']);
  return '';
}

function attribuut(knoop: unknown, naam: string): string | undefined {
  if (!isObject(knoop)) return undefined;
  const waarde = knoop[`@${naam}`];
  return typeof waarde === 'string' ? waarde : undefined;
}

function leesWoodwizeErkenning(e: unknown): WoodwizeErkenning {
  if (!isObject(e)) throw new Error('<erkenning> zonder inhoud');
  const vestiging = e['vestiging'];
  return {
    id: attribuut(e, 'id') ?? '',
    kbo: attribuut(e['onderneming'], 'kbo') ?? '',
    naam: tekstVan(e['onderneming']),
    vestiging:
      vestiging === undefined
        ? null
        : {
            nr: attribuut(vestiging, 'nr') ?? '',
            postcode: attribuut(vestiging, 'postcode') ?? '',
            nis: attribuut(vestiging, 'nis') ?? '',
          },
    opleidingscode: attribuut(e['opleiding'], 'code') ?? '',
    status: tekstVan(e['status']),
    van: attribuut(e['geldig'], 'van') ?? '',
    tot: attribuut(e['geldig'], 'tot') ?? null,
    mentoren: tekstVan(e['mentoren']),
  };
}

export function leesWoodwizeXml(xml: string): WoodwizePagina {
  // The validating parse is deprecated in favour of fast-xml-validator, which is not installed;
  // without it a truncated or unbalanced feed would parse leniently and pass unnoticed.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const boom: unknown = xmlParser.parse(xml, true);
  const wortel = isObject(boom) ? boom['erkenningen'] : undefined;
  if (!isObject(wortel)) throw new Error('geen <erkenningen> wortel met attributen');
  const lijst = wortel['erkenning'];
  return {
    pagina: attribuut(wortel, 'pagina') ?? '',
    paginas: attribuut(wortel, 'paginas') ?? '',
    totaal: attribuut(wortel, 'totaal') ?? '',
    erkenningen: Array.isArray(lijst) ? lijst.map(leesWoodwizeErkenning) : [],
  };
}

export async function leesWoodwizePagina(basis: string, pagina: number): Promise<Antwoord> {
  return haal(`${basis}/woodwize/feed/erkenningen.xml?pagina=${pagina}`);
}

export async function leesAlleWoodwizePaginas(
  basis: string,
): Promise<{ paginas: WoodwizePagina[]; items: WoodwizeErkenning[] }> {
  const paginas: WoodwizePagina[] = [];
  for (let nummer = 1; ; nummer++) {
    const antwoord = await leesWoodwizePagina(basis, nummer);
    verwacht(antwoord, 200, `woodwize pagina ${nummer}`);
    const pagina = leesWoodwizeXml(antwoord.tekst);
    paginas.push(pagina);
    if (nummer >= Number(pagina.paginas)) break;
  }
  return { paginas, items: paginas.flatMap((p) => p.erkenningen) };
}

// ---------------------------------------------------------------- dirt

/** The fields of `mock.wereld.vuil` a contract test may rely on. */
export interface VuilMelding {
  readonly partner: string;
  readonly soort: string;
  readonly recordId: string;
  readonly veld: string;
  readonly waarde: string | null;
  readonly behandeling: string;
}

export function vuilVan(alles: readonly VuilMelding[], partner: string, soort?: string): VuilMelding[] {
  return alles.filter((v) => v.partner === partner && (soort === undefined || v.soort === soort));
}

// ---------------------------------------------------------------- register

export interface RegisterOpleiding {
  readonly opleidingscode: string;
  readonly beroepskwalificaties: readonly { readonly code: string }[];
}

export async function leesRegister(basis: string): Promise<RegisterOpleiding[]> {
  const url = `${basis}/onderwijs/v1/opleidingen`;
  const antwoord = await haal(url);
  verwacht(antwoord, 200, url);
  return jsonVan(antwoord) as RegisterOpleiding[];
}

/** The problems of one record; an empty list when it fits. Collected per record so one failure names them all. */
export type Controle<T> = (record: T) => string[];

export function problemen<T>(records: readonly T[], id: (r: T) => string, controle: Controle<T>): string[] {
  return records.flatMap((r) => controle(r).map((p) => `${id(r)}: ${p}`));
}

export function groepeer<T>(records: readonly T[], sleutel: (r: T) => string): Map<string, T[]> {
  const groepen = new Map<string, T[]>();
  for (const r of records) {
    const k = sleutel(r);
    const groep = groepen.get(k);
    if (groep) groep.push(r);
    else groepen.set(k, [r]);
  }
  return groepen;
}
