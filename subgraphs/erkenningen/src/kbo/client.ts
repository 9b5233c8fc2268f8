import { PartnerClient, PartnerError, type PartnerClientOptions } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';

/** One extract as the list describes it (kbo.md, "Files"). */
export const ExtractSchema = z.object({
  naam: z.string().regex(/^[\w.-]+\.zip$/),
  type: z.enum(['full', 'update']),
  extractNumber: z.number().int().nonnegative(),
  snapshotDate: z.string(),
  bytes: z.number().int().nonnegative().optional(),
});
export type Extract = z.infer<typeof ExtractSchema>;

const LijstSchema = z.array(ExtractSchema);

export interface KboClientOpties extends Omit<PartnerClientOptions, 'bron' | 'authenticatie'> {
  readonly gebruiker: string;
  readonly wachtwoord: string;
}

/**
 * KBO Open Data: the list of extracts and their zips, with HTTP Basic auth.
 * Zips are streamed to a file, never held in memory, and a broken download
 * resumes with a `Range` request on the next attempt.
 */
export class KboClient {
  private readonly client: PartnerClient;

  constructor(opties: KboClientOpties) {
    const { gebruiker, wachtwoord, ...rest } = opties;
    const basic = `Basic ${Buffer.from(`${gebruiker}:${wachtwoord}`).toString('base64')}`;
    this.client = new PartnerClient({
      ...rest,
      bron: 'KBO',
      authenticatie: () => ({ Authorization: basic }),
    });
  }

  /** The latest full extract and every update after it, oldest first. */
  async lijst(signal?: AbortSignal): Promise<Extract[]> {
    return this.client.json(LijstSchema, { pad: 'open-data/extracts', ...(signal ? { signal } : {}) });
  }

  /** Downloads one zip into `pad` (which must not exist yet, or hold the start of this very zip). */
  async download(naam: string, pad: string, signal?: AbortSignal): Promise<void> {
    const antwoord = await this.client.verzoek({
      pad: `open-data/extracts/${encodeURIComponent(naam)}`,
      naarBestand: pad,
      ...(signal ? { signal } : {}),
    });
    const type = antwoord.headers['content-type'];
    if (
      typeof type === 'string' &&
      !type.startsWith('application/zip') &&
      !type.startsWith('application/octet')
    )
      throw new PartnerError('KBO', 'INVALID_RESPONSE', `${naam}: geen zip (${type})`, antwoord.status);
  }
}
