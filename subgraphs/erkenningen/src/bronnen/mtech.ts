import { PartnerClient } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';
import type { SectorLezing } from '../model.ts';
import { alsLezing, type ClientOpties } from './lezing.ts';

export const MtechErkenningSchema = z.object({
  id: z.string().min(1),
  kbo: z.string(),
  vestigingseenheid: z.string().nullable().optional(),
  vestigingsadres: z
    .object({ postcode: z.string(), gemeente: z.string().nullable().optional() })
    .nullable()
    .optional(),
  opleiding: z.string(),
  // Any case: the rules compare case-insensitively (`ACTIEF` is known dirt).
  status: z.string(),
  start: z.string(),
  einde: z.string().nullable().optional(),
  mentoren: z.number().int().nonnegative().nullable().optional(),
});
export type MtechErkenning = z.infer<typeof MtechErkenningSchema>;

const PaginaSchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({ page: z.number().int(), pageCount: z.number().int().nonnegative() }),
});

/** MTech+'s limit for `pageSize`. */
export const MTECH_PAGE_SIZE = 250;

/** MTech+: JSON pages with `X-Api-Key`. The batch lookup is not used: the snapshot reads everything. */
export class MtechClient {
  private readonly client: PartnerClient;

  constructor(opties: ClientOpties & { readonly apiKey: string }) {
    const { apiKey, ...rest } = opties;
    this.client = new PartnerClient({
      ...rest,
      bron: 'MTECH',
      authenticatie: () => ({ 'X-Api-Key': apiKey }),
    });
  }

  async leesAlles(): Promise<SectorLezing<MtechErkenning>> {
    const ruw: unknown[] = [];
    for (let page = 1; ; page++) {
      const pagina = await this.client.json(PaginaSchema, {
        pad: 'v1/erkenningen',
        query: { page, pageSize: MTECH_PAGE_SIZE },
      });
      ruw.push(...pagina.data);
      if (page >= pagina.meta.pageCount || pagina.data.length === 0) break;
    }
    return alsLezing('MTECH', ruw, MtechErkenningSchema, 'id');
  }
}
