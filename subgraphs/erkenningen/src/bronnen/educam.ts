import { PartnerClient, PartnerError, type Bevinding } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';
import type { SectorLezing } from '../model.ts';
import { splitsCsv } from './csv.ts';
import { alsLezing, type ClientOpties } from './lezing.ts';

export const EDUCAM_KOLOMMEN = [
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

/** One row of the export; every field is text, dates stay `dd/mm/yyyy` for the rules to read. */
export const EducamRijSchema = z.object({
  erkenning_nr: z.string().min(1),
  kbo: z.string(),
  vestiging: z.string(),
  naam: z.string(),
  straat: z.string(),
  postcode: z.string(),
  gemeente: z.string(),
  nis: z.string(),
  bk_code: z.string(),
  status: z.enum(['E', 'S', 'I']),
  van: z.string(),
  tot: z.string(),
  mentoren: z.string().regex(/^\d*$/),
});
export type EducamRij = z.infer<typeof EducamRijSchema>;

/** A read of the export, with the ETag that lets the next read ask whether it changed. */
export interface EducamLezing extends SectorLezing<EducamRij> {
  readonly etag: string | null;
}

/** Reads the CSV export into rows by column name; a row with the wrong number of fields is a finding. */
export function leesEducamCsv(tekst: string): { ruw: Record<string, string>[]; scheef: Bevinding[] } {
  const [kop = [], ...data] = splitsCsv(tekst);
  const ontbrekend = EDUCAM_KOLOMMEN.filter((k) => !kop.includes(k));
  if (ontbrekend.length > 0) {
    throw new PartnerError('EDUCAM', 'INVALID_RESPONSE', `export zonder kolommen ${ontbrekend.join(', ')}`);
  }
  const ruw: Record<string, string>[] = [];
  const scheef: Bevinding[] = [];
  for (const velden of data) {
    if (velden.length !== kop.length) {
      const nr = velden[kop.indexOf('erkenning_nr')];
      scheef.push({
        bron: 'EDUCAM',
        recordId: nr ?? null,
        veld: null,
        regel: 'VORM',
        waarde: `${velden.length} velden, verwacht ${kop.length}`,
      });
      continue;
    }
    ruw.push(Object.fromEntries(kop.map((k, i) => [k, velden[i] ?? ''])));
  }
  return { ruw, scheef };
}

/** Educam: the whole databank as one `;` CSV, with an ETag so that an unchanged export is not sent again. */
export class EducamClient {
  private readonly client: PartnerClient;

  constructor(opties: ClientOpties & { readonly token: string }) {
    const { token, ...rest } = opties;
    this.client = new PartnerClient({
      ...rest,
      bron: 'EDUCAM',
      authenticatie: () => ({ Authorization: `Bearer ${token}` }),
    });
  }

  /** The export; on 304 (unchanged since `vorige`) the previous copy itself, so that nothing is parsed again. */
  async leesAlles(vorige?: EducamLezing): Promise<EducamLezing> {
    const etag = vorige?.etag;
    const antwoord = await this.client.verzoek({
      pad: 'export/erkenningen.csv',
      headers: etag ? { 'If-None-Match': etag } : {},
      toegestaan: [304],
    });
    if (antwoord.status === 304) {
      if (!vorige) throw new PartnerError('EDUCAM', 'INVALID_RESPONSE', '304 zonder vorige kopie', 304);
      return vorige;
    }
    const { ruw, scheef } = leesEducamCsv(antwoord.tekst);
    if (scheef.length > ruw.length) {
      throw new PartnerError(
        'EDUCAM',
        'INVALID_RESPONSE',
        `${scheef.length} rijen met een verkeerd aantal velden`,
      );
    }
    const lezing = alsLezing('EDUCAM', ruw, EducamRijSchema, 'erkenning_nr');
    const header = antwoord.headers['etag'];
    return {
      ...lezing,
      bevindingen: [...scheef, ...lezing.bevindingen],
      aantalRecords: lezing.aantalRecords + scheef.length,
      etag: (Array.isArray(header) ? header[0] : header) ?? null,
    };
  }
}
