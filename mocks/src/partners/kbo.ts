import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { plusDagen } from '@duaal-graph/domein';
import type { MockConfig } from '../config.ts';
import {
  header,
  isRecord,
  json,
  leesJson,
  tekst,
  type MockRequest,
  type MockResponse,
} from '../http/routing.ts';
import type { KboWereld } from '../wereld/kbo-register.ts';
import {
  extractNaam,
  KBO_KOLOMMEN,
  KBO_TABELLEN,
  voegSamen,
  type KboExtract,
  type KboRecord,
  type KboRij,
  type KboTabel,
  type KboWijziging,
} from '../wereld/kbo.ts';
import type { Vuil } from '../wereld/vuil.ts';
import { extractStream } from './kbo-extract.ts';
import type { Partner } from './partner.ts';

/**
 * KBO Open Data (../shared/partners/kbo.md): the list of extracts and their zips,
 * with Range requests and Basic auth.
 *
 * Over time: the extracts of the data set (the month's full extract and a daily
 * update for every day up to the reference date) are there from the start. A
 * change through `POST /_mock/kbo/records` or `DELETE /_mock/kbo/records/<id>`
 * is in the register at once but in no extract: it lands in the next one,
 * which `POST /_mock/kbo/dag` publishes (the next day's update, with that
 * day's own changes too; `{ "gat": true }` skips a number) or
 * `POST /_mock/kbo/full` (a new full extract of the register as it stands,
 * the next day, after which the list starts at it). Published extracts never
 * change, and stay downloadable by name after a newer full extract.
 */
export function kbo(wereld: () => KboWereld, config: MockConfig): Partner {
  const { gebruiker, wachtwoord } = config.sleutels.kbo;
  const verwacht = `Basic ${Buffer.from(`${gebruiker}:${wachtwoord}`).toString('base64')}`;
  /** Changes through the record hooks since the last extract. */
  let wachtend: KboWijziging[] = [];
  const gaten: Vuil[] = [];
  /**
   * Extracts never change once published: each zip is written once, streamed to
   * a file of this process, and served from there (with its ranges) after that.
   */
  let map: string | undefined;
  const bestanden = new Map<number, Promise<{ pad: string; lengte: number }>>();
  const bestand = (e: KboExtract): Promise<{ pad: string; lengte: number }> => {
    let bekend = bestanden.get(e.nummer);
    if (!bekend) {
      map ??= mkdtempSync(join(tmpdir(), 'duaal-kbo-'));
      const pad = join(map, extractNaam(e));
      bekend = pipeline(extractStream(e), createWriteStream(pad)).then(async () => ({
        pad,
        lengte: (await stat(pad)).size,
      }));
      bestanden.set(e.nummer, bekend);
    }
    return bekend;
  };
  const extracten = () => wereld().extracten;
  /** The latest full extract and every update after it. */
  const lijst = () => {
    const alle = extracten();
    const laatsteVolledige = alle.findLastIndex((e) => e.soort === 'full');
    return alle.slice(Math.max(0, laatsteVolledige));
  };
  const beschrijving = (e: KboExtract) => ({
    naam: extractNaam(e),
    type: e.soort,
    extractNumber: e.nummer,
    snapshotDate: e.datum,
  });

  const beveiligd =
    (handler: (v: MockRequest) => MockResponse | Promise<MockResponse>) =>
    (v: MockRequest): MockResponse | Promise<MockResponse> =>
      header(v, 'authorization') === verwacht
        ? handler(v)
        : tekst(401, 'Aanmelden vereist.', 'text/plain; charset=utf-8', {
            'www-authenticate': 'Basic realm="KBO Open Data", charset="UTF-8"',
          });

  const download = async (v: MockRequest): Promise<MockResponse> => {
    const extract = extracten().find((e) => extractNaam(e) === v.params['naam']);
    if (!extract) return json(404, { fout: 'onbekend extract' });
    const { pad, lengte } = await bestand(extract);
    const headers = {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${extractNaam(extract)}"`,
      'accept-ranges': 'bytes',
      etag: `"${extract.nummer}-${lengte}"`,
    };
    const bereik = leesBereik(header(v, 'range'), lengte);
    if (bereik === 'onvervulbaar')
      return { status: 416, headers: { ...headers, 'content-range': `bytes */${lengte}` } };
    if (!bereik)
      return {
        status: 200,
        headers,
        stroom: { length: lengte, open: () => leesBestand(pad, 0, lengte - 1) },
      };
    const { start, eind } = bereik;
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${eind}/${lengte}` },
      stroom: { length: eind - start + 1, open: () => leesBestand(pad, start, eind) },
    };
  };

  /**
   * Publishes the next extract: an update holds the changes of the record hooks
   * and the day's own; a full extract is the register as it stands.
   */
  const publiceer = (soort: 'full' | 'update', gat: boolean): KboExtract => {
    const { register, dagwijzigingen } = wereld();
    const alle = extracten();
    const vorige = alle[alle.length - 1] as KboExtract;
    const datum = plusDagen(vorige.datum, 1);
    const wijzigingen = soort === 'update' ? voegSamen([...wachtend, ...dagwijzigingen(datum)]) : [];
    wachtend = [];
    const nummer = vorige.nummer + (gat ? 2 : 1);
    const extract: KboExtract =
      soort === 'full'
        ? { soort, nummer, datum, records: register.snapshot() }
        : { soort, nummer, datum, wijzigingen };
    alle.push(extract);
    if (gat) {
      gaten.push({
        partner: 'kbo',
        soort: 'UPDATE_GAT',
        recordId: extractNaam(extract),
        veld: 'ExtractNumber',
        waarde: String(nummer),
        behandeling: 'VOLLEDIG_HERLEZEN',
      });
    }
    return extract;
  };

  return {
    naam: 'kbo',
    routes: [
      {
        methode: 'GET',
        sjabloon: '/open-data/extracts',
        handler: beveiligd(async () => {
          const getoond = lijst();
          const bytes = (await Promise.all(getoond.map(bestand))).map((b) => b.lengte);
          return json(
            200,
            getoond.map((e, i) => ({ ...beschrijving(e), bytes: bytes[i] })),
          );
        }),
      },
      { methode: 'GET', sjabloon: '/open-data/extracts/{naam}', handler: beveiligd(download) },
    ],
    haken: [
      {
        methode: 'POST',
        sjabloon: '/dag',
        handler: (v) => {
          const body = leesJson(v);
          if (
            body !== undefined &&
            (!isRecord(body) || (body['gat'] !== undefined && typeof body['gat'] !== 'boolean'))
          )
            return json(400, { fout: 'verwacht {} of { "gat": true }' });
          return json(200, beschrijving(publiceer('update', isRecord(body) && body['gat'] === true)));
        },
      },
      {
        methode: 'POST',
        sjabloon: '/full',
        handler: () => json(200, beschrijving(publiceer('full', false))),
      },
    ],
    vuil: () => gaten,
    sluit: () => {
      if (map !== undefined) rmSync(map, { recursive: true, force: true });
    },
    kapotAntwoord: () => json(200, [{ naam: 42, type: 'volledig', extractNumber: 'laatste' }]),
    zetRecord: (body) => {
      const record = leesRecord(body);
      if (typeof record === 'string') return { fout: record };
      wachtend.push(wereld().register.zet(record));
      return { id: record.enterprise[0]?.EnterpriseNumber ?? '' };
    },
    verwijderRecord: (id) => {
      const wijziging = wereld().register.verwijder(id.replace(/\D/g, ''));
      if (!wijziging) return false;
      wachtend.push(wijziging);
      return true;
    },
  };
}

async function* leesBestand(pad: string, start: number, eind: number): AsyncGenerator<Buffer> {
  // An empty file has no byte to start at.
  if (eind < start) return;
  for await (const deel of createReadStream(pad, { start, end: eind })) yield deel as Buffer;
}

/**
 * `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for no range or one this mock
 * does not serve (several ranges, a malformed header: the whole file, as RFC 9110 allows).
 */
export function leesBereik(
  waarde: string | undefined,
  lengte: number,
): { start: number; eind: number } | 'onvervulbaar' | null {
  const deel = waarde === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(waarde.trim());
  if (!deel) return null;
  const [, van = '', tot = ''] = deel;
  if (van === '' && tot === '') return null;
  if (van === '') {
    const staart = Number(tot);
    return staart === 0 || lengte === 0
      ? 'onvervulbaar'
      : { start: Math.max(0, lengte - staart), eind: lengte - 1 };
  }
  const start = Number(van);
  if (tot !== '' && Number(tot) < start) return null;
  if (start >= lengte) return 'onvervulbaar';
  return { start, eind: tot === '' ? lengte - 1 : Math.min(Number(tot), lengte - 1) };
}

/**
 * One onderneming in the register's own format: per table its rows, keyed by
 * the CSV columns (`{ "enterprise": [{ "EnterpriseNumber": "0403.170.701", … }],
 * "establishment": [...], "denomination": [...], … }`); a missing table has no
 * rows, a missing column is empty. Values are kept as sent, dirt included.
 */
function leesRecord(body: Buffer): KboRecord | string {
  let waarde: unknown;
  try {
    waarde = JSON.parse(body.toString('utf8'));
  } catch {
    return 'body is geen JSON';
  }
  if (!isRecord(waarde)) return 'body is geen object';
  const onbekend = Object.keys(waarde).filter((k) => !(KBO_TABELLEN as readonly string[]).includes(k));
  if (onbekend.length > 0) return `onbekende tabel: ${onbekend.join(', ')}`;
  const tabellen: Partial<Record<KboTabel, KboRij<KboTabel>[]>> = {};
  for (const tabel of KBO_TABELLEN) {
    const gegeven = waarde[tabel];
    const rijen: unknown[] = gegeven === undefined ? [] : Array.isArray(gegeven) ? gegeven : [gegeven];
    if (!rijen.every(isRecord)) return `${tabel}: verwacht rijen als objecten`;
    tabellen[tabel] = rijen.map(
      (rij) =>
        Object.fromEntries(
          KBO_KOLOMMEN[tabel].map((k) => {
            const v = rij[k];
            return [k, typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''];
          }),
        ) as KboRij<KboTabel>,
    );
  }
  const record = tabellen as KboRecord;
  if (record.enterprise.length !== 1) return 'enterprise: precies één rij';
  const nummer = record.enterprise[0]?.EnterpriseNumber.replace(/\D/g, '') ?? '';
  if (!/^\d{10}$/.test(nummer)) return 'EnterpriseNumber: tien cijfers';
  return record;
}
