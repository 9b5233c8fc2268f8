import { PartnerClient } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';
import type { SectorLezing } from '../model.ts';
import { alsLezing, type ClientOpties } from './lezing.ts';

/** One Volta record as ../shared/partners/sectoren.md describes it; identifiers and dates are checked by the rules, not here. */
export const VoltaErkenningSchema = z.object({
  erkenningId: z.string().min(1),
  ondernemingsnummer: z.string(),
  vestigingsnummer: z.string().nullable().optional(),
  ondernemingsnaam: z.string().nullable().optional(),
  adres: z
    .object({
      straat: z.string().nullable().optional(),
      huisnummer: z.string().nullable().optional(),
      postcode: z.string(),
      gemeente: z.string().nullable().optional(),
      nisCode: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  opleidingscodes: z.array(z.string()).min(1),
  status: z.string(),
  geldigVan: z.string(),
  geldigTot: z.string().nullable().optional(),
  aantalMentoren: z.number().int().nonnegative().nullable().optional(),
  laatstGewijzigd: z.string(),
});
export type VoltaErkenning = z.infer<typeof VoltaErkenningSchema>;

const PaginaSchema = z.object({
  totaal: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});

/** Volta's limit: a larger page is refused with 400. */
export const VOLTA_LIMIT = 500;

/** Volta: JSON with offset paging and an `X-Api-Key`. */
export class VoltaClient {
  private readonly client: PartnerClient;

  constructor(opties: ClientOpties & { readonly apiKey: string }) {
    const { apiKey, ...rest } = opties;
    this.client = new PartnerClient({
      ...rest,
      bron: 'VOLTA',
      authenticatie: () => ({ 'X-Api-Key': apiKey }),
    });
  }

  /** The whole databank, page after page until `totaal` is reached. */
  async leesAlles(): Promise<SectorLezing<VoltaErkenning>> {
    const ruw: unknown[] = [];
    for (let offset = 0; ;) {
      const pagina = await this.client.json(PaginaSchema, {
        pad: 'api/v2/erkenningen',
        query: { offset, limit: VOLTA_LIMIT },
      });
      ruw.push(...pagina.items);
      offset += pagina.items.length;
      // An empty page ends the read too: a databank that shrank while we paged must not loop forever.
      if (pagina.items.length === 0 || offset >= pagina.totaal) break;
    }
    return alsLezing('VOLTA', ruw, VoltaErkenningSchema, 'erkenningId');
  }
}
