import { createHash } from 'node:crypto';
import type { MockConfig } from '../config.ts';
import { header, isRecord, tekst } from '../http/routing.ts';
import { EDUCAM_KOLOMMEN, type EducamRij } from '../wereld/sectorfeeds.ts';
import type { Partner } from './partner.ts';

/** Educam: the whole databank as one `;`-separated CSV with an ETag (../shared/partners/sectoren.md). */
export function educam(rijen: EducamRij[], config: MockConfig): Partner {
  let export_: { csv: string; etag: string } | null = null;
  const huidigeExport = () => {
    if (!export_) {
      const csv =
        [
          EDUCAM_KOLOMMEN.join(';'),
          ...rijen.map((r) => EDUCAM_KOLOMMEN.map((k) => csvVeld(r[k])).join(';')),
        ].join('\r\n') + '\r\n';
      export_ = { csv, etag: `"${createHash('sha256').update(csv).digest('base64url').slice(0, 27)}"` };
    }
    return export_;
  };

  return {
    naam: 'educam',
    routes: [
      {
        methode: 'GET',
        sjabloon: '/export/erkenningen.csv',
        handler: (v) => {
          if (header(v, 'authorization') !== `Bearer ${config.sleutels.educam}`) {
            return tekst(401, 'Ongeldig of ontbrekend token.', 'text/plain; charset=utf-8', {
              'www-authenticate': 'Bearer',
            });
          }
          const { csv, etag } = huidigeExport();
          const gevraagd = header(v, 'if-none-match');
          if (
            gevraagd !== undefined &&
            gevraagd.split(',').some((e) => e.trim() === etag || e.trim() === '*')
          ) {
            return { status: 304, headers: { etag } };
          }
          return tekst(200, csv, 'text/csv; charset=utf-8', { etag });
        },
      },
    ],
    kapotAntwoord: () =>
      tekst(200, 'dit;is;geen;erkenningenexport\r\n1;2;3;4\r\n', 'text/csv; charset=utf-8', {
        etag: '"kapot"',
      }),
    zetRecord: (body, contentType) => {
      const rij = contentType.includes('json') ? jsonRij(body) : csvRij(body);
      if (typeof rij === 'string') return { fout: rij };
      const index = rijen.findIndex((r) => r.erkenning_nr === rij.erkenning_nr);
      if (index === -1) rijen.push(rij);
      else rijen[index] = rij;
      export_ = null;
      return { id: rij.erkenning_nr };
    },
    verwijderRecord: (id) => {
      const index = rijen.findIndex((r) => r.erkenning_nr === id);
      if (index === -1) return false;
      rijen.splice(index, 1);
      export_ = null;
      return true;
    },
  };
}

function csvVeld(waarde: string): string {
  return /[;"\r\n]/.test(waarde) ? `"${waarde.replace(/"/g, '""')}"` : waarde;
}

/** Splits one CSV line on `;`, honouring double-quoted fields. */
export function splitsCsvRegel(regel: string): string[] {
  const velden: string[] = [];
  let veld = '';
  let inAanhaling = false;
  for (let i = 0; i < regel.length; i++) {
    const c = regel.charAt(i);
    if (inAanhaling) {
      if (c === '"' && regel[i + 1] === '"') {
        veld += '"';
        i++;
      } else if (c === '"') inAanhaling = false;
      else veld += c;
    } else if (c === '"') inAanhaling = true;
    else if (c === ';') {
      velden.push(veld);
      veld = '';
    } else veld += c;
  }
  velden.push(veld);
  return velden;
}

function vulRij(waarden: Record<string, unknown>): EducamRij | string {
  if (typeof waarden['erkenning_nr'] !== 'string' || waarden['erkenning_nr'] === '')
    return 'erkenning_nr ontbreekt';
  const rij = {} as EducamRij;
  for (const k of EDUCAM_KOLOMMEN) {
    const waarde = waarden[k];
    rij[k] = typeof waarde === 'string' ? waarde : typeof waarde === 'number' ? String(waarde) : '';
  }
  return rij;
}

function jsonRij(body: Buffer): EducamRij | string {
  try {
    const waarde: unknown = JSON.parse(body.toString('utf8'));
    return isRecord(waarde) ? vulRij(waarde) : 'body is geen object';
  } catch {
    return 'body is geen JSON';
  }
}

/** A record posted as CSV: the header row and one data row, as the export writes them. */
function csvRij(body: Buffer): EducamRij | string {
  const regels = body
    .toString('utf8')
    .split(/\r?\n/)
    .filter((r) => r !== '');
  const kop = regels[0];
  const data = regels[1];
  if (kop === undefined || data === undefined) return 'verwacht een kopregel en een rij';
  const kolommen = splitsCsvRegel(kop);
  const waarden = splitsCsvRegel(data);
  return vulRij(Object.fromEntries(kolommen.map((k, i) => [k, waarden[i] ?? ''])));
}
