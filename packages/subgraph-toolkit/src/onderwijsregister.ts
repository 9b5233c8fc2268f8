import { z } from 'zod';
import { vormBevinding, type Bevinding } from './findings.ts';
import type { Bron } from './source-status.ts';
import { PartnerClient, type PartnerClientOptions } from './partner-client.ts';

/** The register's contract (../shared/partners/onderwijsaanbod.md), as zod schemas. */
export const RegisterOpleidingSchema = z.object({
  opleidingscode: z.string().min(1),
  naam: z.string().min(1),
  niveau: z.enum(['SECUNDAIR', 'VOLWASSENENONDERWIJS', 'HOGER']),
  graad: z.number().int().nullable(),
  finaliteit: z.enum(['ARBEIDSMARKT', 'DUBBEL']),
  studiedomein: z.string().nullable().optional(),
  beroepskwalificaties: z.array(
    z.object({ code: z.string(), naam: z.string(), niveau: z.number().int().nullable().optional() }),
  ),
  beroepsprofielCodes: z.array(z.string()),
  paritaireComites: z.array(z.string()),
});
export type RegisterOpleiding = z.infer<typeof RegisterOpleidingSchema>;

export const InstellingSchema = z.object({
  instellingsnummer: z.string().regex(/^\d{6}$/),
  naam: z.string().min(1),
  soort: z.enum([
    'SECUNDAIRE_SCHOOL',
    'CENTRUM_DEELTIJDS_ONDERWIJS',
    'CENTRUM_VOLWASSENENONDERWIJS',
    'HOGESCHOOL',
    'SYNTRA',
  ]),
  net: z.string(),
  adres: z.object({
    straatnaam: z.string().nullable().optional(),
    huisnummer: z.string().nullable().optional(),
    postcode: z.string(),
    gemeente: z.string().nullable().optional(),
    nisCode: z.string().nullable().optional(),
  }),
  website: z.string().nullable().optional(),
});
export type Instelling = z.infer<typeof InstellingSchema>;

export const AanbodSchema = z.object({
  instellingsnummer: z.string().regex(/^\d{6}$/),
  opleidingscode: z.string().min(1),
  schooljaar: z.string().regex(/^\d{4}-\d{4}$/),
  vestigingsplaats: z.object({ postcode: z.string(), nisCode: z.string() }),
  capaciteit: z.number().int().nonnegative().nullable(),
  ingeschreven: z.number().int().nonnegative(),
});
export type Aanbod = z.infer<typeof AanbodSchema>;

const PaginaSchema = z.object({
  items: z.array(z.unknown()),
  page: z.number().int(),
  totalPages: z.number().int().nonnegative(),
  totalItems: z.number().int().nonnegative(),
});

/** Records of a page that have the contract's shape, and a finding for each that has not. */
export interface Gelezen<T> {
  readonly records: T[];
  readonly bevindingen: Bevinding[];
}

/** The one client of the Onderwijsaanbod register: open data, page paging. */
export class OnderwijsregisterClient {
  private readonly client: PartnerClient;

  constructor(opties: Omit<PartnerClientOptions, 'bron'>) {
    this.client = new PartnerClient({ ...opties, bron: 'ONDERWIJS' });
  }

  /** All opleidingen (one call; a few hundred at most). */
  async opleidingen(): Promise<Gelezen<RegisterOpleiding>> {
    const lijst = await this.client.json(z.array(z.unknown()), { pad: 'v1/opleidingen' });
    return valideer(lijst, RegisterOpleidingSchema, (r) => veldAlsId(r, 'opleidingscode'));
  }

  async instellingen(): Promise<Gelezen<Instelling>> {
    return this.allePaginas('v1/instellingen', {}, 200, InstellingSchema, (r) =>
      veldAlsId(r, 'instellingsnummer'),
    );
  }

  /** Every aanbod row of one school year. */
  async aanbod(schooljaar: string): Promise<Gelezen<Aanbod>> {
    // The register has no id for an aanbod row: its natural key names it in findings.
    return this.allePaginas('v1/aanbod', { schooljaar }, 500, AanbodSchema, (r) => {
      const plaats =
        typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['vestigingsplaats'] : undefined;
      return [
        veldAlsId(r, 'instellingsnummer'),
        veldAlsId(r, 'opleidingscode'),
        schooljaar,
        veldAlsId(plaats, 'nisCode'),
      ].join(':');
    });
  }

  private async allePaginas<T>(
    pad: string,
    query: Record<string, string>,
    size: number,
    schema: z.ZodType<T>,
    id: (r: unknown) => string | null,
  ): Promise<Gelezen<T>> {
    const ruw: unknown[] = [];
    for (let page = 1; ; page++) {
      const pagina = await this.client.json(PaginaSchema, { pad, query: { ...query, page, size } });
      ruw.push(...pagina.items);
      if (page >= pagina.totalPages) break;
    }
    return valideer(ruw, schema, id);
  }
}

function veldAlsId(record: unknown, veld: string): string | null {
  const waarde =
    typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[veld] : undefined;
  return typeof waarde === 'string' || typeof waarde === 'number' ? String(waarde) : null;
}

/** One record that breaks the contract becomes a finding; it never costs the others. */
export function valideer<T>(
  ruw: readonly unknown[],
  schema: z.ZodType<T>,
  id: (r: unknown) => string | null,
  bron: Bron = 'ONDERWIJS',
): Gelezen<T> {
  const records: T[] = [];
  const bevindingen: Bevinding[] = [];
  for (const r of ruw) {
    const resultaat = schema.safeParse(r);
    if (resultaat.success) records.push(resultaat.data);
    else bevindingen.push(vormBevinding(bron, id(r), resultaat.error, r));
  }
  return { records, bevindingen };
}
