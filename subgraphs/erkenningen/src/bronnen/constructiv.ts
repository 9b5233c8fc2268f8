import { PartnerClient, PartnerError } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';
import type { SectorLezing } from '../model.ts';
import { alsLezing, type ClientOpties } from './lezing.ts';

export const ConstructivLeerwerkplekSchema = z.object({
  id: z.number().int(),
  onderneming: z.object({ kbo: z.string(), naam: z.string().nullable().optional() }),
  vestiging: z
    .object({
      nummer: z.string(),
      adres: z
        .object({
          postcode: z.string(),
          gemeente: z.string().nullable().optional(),
          nis: z.string().nullable().optional(),
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  opleiding: z.object({ code: z.string() }),
  periode: z.object({ start: z.string(), einde: z.string().nullable().optional() }),
  schorsing: z.object({ van: z.string(), tot: z.string().nullable().optional() }).nullable().optional(),
  intrekking: z.object({ datum: z.string() }).nullable().optional(),
  // `null` instead of an empty list is known dirt: the rules keep the record with 0 mentors.
  mentoren: z.array(z.unknown()).nullable().optional(),
});
export type ConstructivLeerwerkplek = z.infer<typeof ConstructivLeerwerkplekSchema>;

const PaginaSchema = z.object({
  // HAL leaves `_embedded` out of an empty page.
  _embedded: z.object({ leerwerkplekken: z.array(z.unknown()) }).optional(),
  // Every HAL page links to itself: a page without `self` is no page of this API.
  _links: z.object({
    self: z.object({ href: z.string() }),
    next: z.object({ href: z.string().min(1) }).optional(),
  }),
});

export const CONSTRUCTIV_EERSTE_PAGINA = 'leerwerkplekken?size=100';

/** Constructiv: HAL+JSON pages linked by `_links.next`, HTTP Basic. */
export class ConstructivClient {
  private readonly client: PartnerClient;

  constructor(opties: ClientOpties & { readonly gebruiker: string; readonly wachtwoord: string }) {
    const { gebruiker, wachtwoord, ...rest } = opties;
    const basic = `Basic ${Buffer.from(`${gebruiker}:${wachtwoord}`).toString('base64')}`;
    this.client = new PartnerClient({
      ...rest,
      bron: 'CONSTRUCTIV',
      authenticatie: () => ({ Authorization: basic }),
    });
  }

  /**
   * Follows `next` until it is absent. Cursors expire after ten minutes (410):
   * the read then starts again from the first page, once; the pages read so far
   * are dropped, since the databank may have changed under the old cursor.
   */
  async leesAlles(): Promise<SectorLezing<ConstructivLeerwerkplek>> {
    for (let poging = 1; ; poging++) {
      const ruw = await this.leesPaginas();
      if (ruw !== 'VERLOPEN') return alsLezing('CONSTRUCTIV', ruw, ConstructivLeerwerkplekSchema, 'id');
      if (poging === 2)
        throw new PartnerError('CONSTRUCTIV', 'ERROR', 'cursor verlopen, ook na opnieuw beginnen', 410);
    }
  }

  private async leesPaginas(): Promise<unknown[] | 'VERLOPEN'> {
    const ruw: unknown[] = [];
    const gezien = new Set<string>();
    for (let href: string | undefined = CONSTRUCTIV_EERSTE_PAGINA; href !== undefined;) {
      if (gezien.has(href))
        throw new PartnerError('CONSTRUCTIV', 'INVALID_RESPONSE', `next wijst terug: ${href}`);
      gezien.add(href);
      const antwoord = await this.client.verzoek({ pad: href, toegestaan: [410] });
      if (antwoord.status === 410) return 'VERLOPEN';
      const pagina: z.infer<typeof PaginaSchema> = this.client.leesJson(
        antwoord,
        PaginaSchema,
        `GET ${href}`,
      );
      ruw.push(...(pagina._embedded?.leerwerkplekken ?? []));
      href = pagina._links.next?.href;
    }
    return ruw;
  }
}
