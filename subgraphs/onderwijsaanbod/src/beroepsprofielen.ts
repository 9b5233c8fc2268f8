import { PartnerClient, PartnerError } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';

/** VDAB's label per beroepsprofiel code: what `zoekterm` searches beside the register's own words. */
export type Beroepslabels = ReadonlyMap<string, string>;

const Antwoord = z.object({
  data: z
    .object({ beroepsprofielen: z.array(z.object({ code: z.string(), label: z.string() })).nullable() })
    .nullable()
    .optional(),
  extensions: z
    .object({ bronnen: z.array(z.object({ bron: z.string(), toestand: z.string() })).optional() })
    .optional(),
});

/**
 * Reads the beroepsprofiel labels from the vacatures subgraph, the graph's one
 * reader of VDAB (the register gives codes only, and VDAB's credentials and rate
 * limit stay with one client). Until that subgraph holds VDAB's vacatures the
 * read fails, as VDAB unavailable, so that the snapshot tries again within seconds.
 */
export class BeroepslabelsClient {
  private readonly client: PartnerClient;
  private readonly pad: string;

  constructor(opties: { url: string; timeoutMs: number }) {
    const url = new URL(opties.url);
    this.pad = url.pathname;
    this.client = new PartnerClient({ bron: 'VDAB', basisUrl: url.origin, timeoutMs: opties.timeoutMs });
  }

  async lees(): Promise<Beroepslabels> {
    const antwoord = await this.client.json(Antwoord, {
      methode: 'POST',
      pad: this.pad,
      herhaalbaar: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ beroepsprofielen { code label } }' }),
    });
    const vdab = antwoord.extensions?.bronnen?.find((b) => b.bron === 'VDAB');
    const lijst = antwoord.data?.beroepsprofielen;
    if (!lijst || vdab?.toestand === 'ONBESCHIKBAAR')
      throw new PartnerError('VDAB', 'DOWN', 'de vacatures-subgraaf heeft VDAB nog niet gelezen');
    return new Map(lijst.map((b) => [b.code.trim().toUpperCase(), b.label]));
  }
}
