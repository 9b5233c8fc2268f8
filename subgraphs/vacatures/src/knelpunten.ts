import type { Database } from '@duaal-graph/store';
import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BevindingSchema } from './opslag.ts';
import type { Gelezen, VdabClient } from './vdab/client.ts';
import { KnelpuntberoepSchema, type Knelpuntberoep } from './vdab/schema.ts';

/** VDAB's knelpuntberoepen of one year, by beroepsprofiel code. */
export interface Knelpuntlijst {
  readonly jaar: number;
  readonly beroepen: ReadonlyMap<string, Knelpuntberoep>;
  readonly bevindingen: readonly Bevinding[];
}

/** Beroepsprofiel codes compare in upper case, as VDAB writes them. */
export function beroepscode(code: string): string {
  return code.trim().toUpperCase();
}

/** The list of the reference date's year: the one that says what is a knelpuntberoep "this year". */
export async function leesKnelpunten(
  client: Pick<VdabClient, 'knelpuntberoepen'>,
  jaar: number,
  opslag?: KnelpuntenOpslag,
): Promise<Knelpuntlijst> {
  const gelezen = await client.knelpuntberoepen(jaar);
  // The other replicas answer from the store; a list not stored is read again at the next refresh.
  await opslag?.bewaar(jaar, gelezen).catch(() => undefined);
  return alsLijst(jaar, gelezen);
}

function alsLijst(jaar: number, { records, bevindingen }: Gelezen<Knelpuntberoep>): Knelpuntlijst {
  return {
    jaar,
    beroepen: new Map(records.map((b) => [beroepscode(b.beroepsprofielCode), b])),
    bevindingen,
  };
}

const BewaardSchema = z.object({
  records: z.array(KnelpuntberoepSchema),
  bevindingen: z.array(BevindingSchema),
});

/** The list in the store: written by the replica that reads VDAB, read by the others, which do not. */
export class KnelpuntenOpslag {
  constructor(private readonly db: Kysely<Database>) {}

  async bewaar(jaar: number, gelezen: Gelezen<Knelpuntberoep>): Promise<void> {
    const rij = {
      records: JSON.stringify(gelezen.records),
      bevindingen: JSON.stringify(gelezen.bevindingen),
    };
    await this.db
      .insertInto('vdab_knelpunten')
      .values({ jaar, ...rij })
      .onConflict((oc) => oc.column('jaar').doUpdateSet({ ...rij, gelezen_op: new Date() }))
      .execute();
  }

  /** The year's list as stored; null when no replica stored it yet (or it no longer fits the schema). */
  async lees(jaar: number): Promise<Knelpuntlijst | null> {
    const rij = await this.db
      .selectFrom('vdab_knelpunten')
      .select(['records', 'bevindingen'])
      .where('jaar', '=', jaar)
      .executeTakeFirst();
    const bewaard = rij ? BewaardSchema.safeParse(rij) : null;
    return bewaard?.success ? alsLijst(jaar, bewaard.data) : null;
  }
}
