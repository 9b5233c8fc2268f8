import { celId, type Gebied } from '@duaal-graph/domein';
import { PartnerClient, PartnerError, type PartnerClientOptions } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';
import { KAZI_PAGINA } from './kazi/client.ts';

/**
 * What the radar's aantalActieveLeerwerkplekken reads of Kazi: the matches in
 * status GESTART (Kazi's listing by status, for reporting), as distinct
 * leerwerkplekken per area (regio and gemeente, by Kazi's `vestigingNisCode`)
 * and opleiding. Nothing of the learner is kept.
 */
export interface ActievePlekkenIndex {
  /** Keys: radar cell ids (`celId`); a cell not in it has no active leerwerkplek. */
  readonly perCel: ReadonlyMap<string, number>;
  /** The leerwerkplekken themselves per cell, for a regio's distinct total. */
  readonly plekkenPerCel: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Only the fields this count reads; the rest of a match is the Kazi client's business. */
const GestarteMatchSchema = z.object({
  ondernemingsnummer: z.string().regex(/^\d{10}$/),
  vestigingsnummer: z
    .string()
    .regex(/^\d{10}$/)
    .nullable()
    .optional(),
  opleidingscode: z.string().min(1),
  vestigingNisCode: z.string().nullable().optional(),
  status: z.string(),
});

const PaginaSchema = z.object({
  items: z.array(z.unknown()),
  page: z.number().int(),
  totalPages: z.number().int().nonnegative(),
});

export type KaziRapportOpties = Omit<PartnerClientOptions, 'bron' | 'authenticatie'> & {
  readonly apiKey: string;
};

/** A client of its own for the reporting listing, so that the radar's count does not change the live client. */
export function kaziRapportClient(opties: KaziRapportOpties): PartnerClient {
  const { apiKey, ...rest } = opties;
  return new PartnerClient({ ...rest, bron: 'KAZI', authenticatie: () => ({ 'X-Api-Key': apiKey }) });
}

async function pagina(client: PartnerClient, page: number) {
  return client.json(PaginaSchema, {
    pad: 'v1/matches',
    query: { status: 'GESTART', page, size: KAZI_PAGINA },
  });
}

/** Reads every page of the GESTART matches and counts distinct leerwerkplekken per cell. */
export async function leesActievePlekken(
  client: PartnerClient,
  gebied: Gebied,
): Promise<ActievePlekkenIndex> {
  const eerste = await pagina(client, 1);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, eerste.totalPages - 1) }, (_, i) => pagina(client, i + 2)),
  );
  const ruw = [eerste, ...rest].flatMap((p) => p.items);
  const plekkenPerCel = new Map<string, Set<string>>();
  let afgekeurd = 0;
  for (const record of ruw) {
    const gelezen = GestarteMatchSchema.safeParse(record);
    if (!gelezen.success || gelezen.data.status !== 'GESTART') {
      afgekeurd += 1;
      continue;
    }
    const m = gelezen.data;
    // Where Kazi does not know the place, the leerwerkplek lies in no area the radar shows.
    const gemeente = m.vestigingNisCode ? gebied.gemeente(m.vestigingNisCode) : undefined;
    if (!gemeente) continue;
    // The onderneming stands for the leerwerkplek where a match names no vestiging.
    const plek = m.vestigingsnummer ? `V${m.vestigingsnummer}` : `O${m.ondernemingsnummer}`;
    for (const gebiedscode of [gemeente.regioCode, gemeente.nisCode]) {
      const sleutel = celId({ gebiedscode, opleidingscode: m.opleidingscode });
      const plekken = plekkenPerCel.get(sleutel) ?? new Set<string>();
      plekken.add(plek);
      plekkenPerCel.set(sleutel, plekken);
    }
  }
  if (afgekeurd * 2 > ruw.length) {
    // A changed format or a fault, not dirt: keep the older copy instead of counting almost nothing.
    throw new PartnerError(
      'KAZI',
      'INVALID_RESPONSE',
      `${afgekeurd} van ${ruw.length} matches breken het contract`,
    );
  }
  return { perCel: new Map([...plekkenPerCel].map(([k, v]) => [k, v.size])), plekkenPerCel };
}

export function actievePlekkenVanCel(index: ActievePlekkenIndex, id: string): number {
  return index.perCel.get(id) ?? 0;
}

/** Distinct active leerwerkplekken of a regio over several opleidingen: a vestiging hosting two counts once. */
export function actievePlekkenVanRegio(
  index: ActievePlekkenIndex,
  regioCode: string,
  opleidingscodes: readonly string[],
): number {
  const plekken = new Set<string>();
  for (const code of opleidingscodes)
    for (const plek of index.plekkenPerCel.get(celId({ gebiedscode: regioCode, opleidingscode: code })) ?? [])
      plekken.add(plek);
  return plekken.size;
}
