import type { Database } from '@duaal-graph/store';
import { sql, type Kysely } from 'kysely';

/**
 * The kinds of rows a measurement holds per provincie: cells per regio and per
 * gemeente, regio totals over every opleiding, and over those of each niveau
 * (`regioTotalen(niveau:, op:)`; distinct counts cannot be summed from cells).
 */
export type PeilingSoort =
  'REGIO' | 'GEMEENTE' | 'TOTALEN' | 'TOTALEN_SECUNDAIR' | 'TOTALEN_VOLWASSENENONDERWIJS' | 'TOTALEN_HOGER';

export interface Peiling {
  /** The reference date it was taken on, `YYYY-MM-DD`. */
  readonly op: string;
  readonly genomenOp: Date;
  readonly gereconstrueerd: boolean;
}

/** One provincie's rows of one kind: counts only, as the graph answered them to the public. */
export interface PeilingDeel {
  readonly provincie: string;
  readonly soort: PeilingSoort;
  readonly rijen: readonly Record<string, unknown>[];
}

/** The measurements in the store: written whole in one transaction, read per provincie and kind. */
export class PeilingOpslag {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a measurement; one of the same date is replaced, whole. */
  async bewaar(peiling: Peiling, delen: readonly PeilingDeel[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('peiling').where('op', '=', peiling.op).execute();
      await tx
        .insertInto('peiling')
        .values({ op: peiling.op, genomen_op: peiling.genomenOp, gereconstrueerd: peiling.gereconstrueerd })
        .execute();
      for (const deel of delen)
        await tx
          .insertInto('peiling_deel')
          .values({
            op: peiling.op,
            provincie: deel.provincie,
            soort: deel.soort,
            rijen: JSON.stringify(deel.rijen),
          })
          .execute();
    });
  }

  /**
   * Stores one provincie's parts of reconstructed measurements, per date, in
   * one transaction: a date's reconstruction is made, or its parts replaced.
   * A date that holds a real measurement is left alone: a reconstruction never
   * overwrites what was measured. Answers the dates written.
   */
  async bewaarReconstructie(
    genomenOp: Date,
    provincie: string,
    perDatum: ReadonlyMap<string, readonly PeilingDeel[]>,
  ): Promise<string[]> {
    const datums = [...perDatum.keys()];
    if (datums.length === 0) return [];
    return this.db.transaction().execute(async (tx) => {
      const gemeten = new Set(
        (
          await tx
            .selectFrom('peiling')
            .select('op')
            .where('op', 'in', datums)
            .where('gereconstrueerd', '=', false)
            .execute()
        ).map((r) => r.op),
      );
      const vrij = datums.filter((d) => !gemeten.has(d));
      if (vrij.length === 0) return [];
      await tx
        .insertInto('peiling')
        .values(vrij.map((op) => ({ op, genomen_op: genomenOp, gereconstrueerd: true })))
        .onConflict((oc) => oc.column('op').doUpdateSet({ genomen_op: genomenOp }))
        .execute();
      await tx
        .deleteFrom('peiling_deel')
        .where('op', 'in', vrij)
        .where('provincie', '=', provincie)
        .execute();
      for (const op of vrij)
        for (const deel of perDatum.get(op) ?? [])
          await tx
            .insertInto('peiling_deel')
            .values({ op, provincie: deel.provincie, soort: deel.soort, rijen: JSON.stringify(deel.rijen) })
            .execute();
      return vrij;
    });
  }

  /** Removes the reconstructed measurements of other dates than these; answers how many went. */
  async ruimReconstructieOp(behouden: readonly string[]): Promise<number> {
    let vraag = this.db.deleteFrom('peiling').where('gereconstrueerd', '=', true);
    if (behouden.length > 0) vraag = vraag.where('op', 'not in', behouden);
    const r = await vraag.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Every measurement, oldest first. */
  async lijst(): Promise<Peiling[]> {
    const rijen = await this.db.selectFrom('peiling').selectAll().orderBy('op').execute();
    return rijen.map((r) => ({
      op: r.op,
      genomenOp: new Date(r.genomen_op),
      gereconstrueerd: r.gereconstrueerd,
    }));
  }

  /** The latest measurement on or before `op`; undefined when none is. */
  async laatsteOpOfVoor(op: string): Promise<Peiling | undefined> {
    const r = await this.db
      .selectFrom('peiling')
      .selectAll()
      .where('op', '<=', op)
      .orderBy('op', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && { op: r.op, genomenOp: new Date(r.genomen_op), gereconstrueerd: r.gereconstrueerd };
  }

  /** The rows of one measurement for a provincie and kind; empty when it holds none. */
  async rijen(op: string, provincie: string, soort: PeilingSoort): Promise<Record<string, unknown>[]> {
    const r = await this.db
      .selectFrom('peiling_deel')
      .select('rijen')
      .where('op', '=', op)
      .where('provincie', '=', provincie)
      .where('soort', '=', soort)
      .executeTakeFirst();
    return Array.isArray(r?.rijen) ? (r.rijen as Record<string, unknown>[]) : [];
  }

  /** The rows of a kind for a provincie in every measurement in [van, tot], by date. */
  async rijenTussen(
    van: string,
    tot: string,
    provincie: string,
    soort: PeilingSoort,
  ): Promise<{ peiling: Peiling; rijen: Record<string, unknown>[] }[]> {
    const r = await this.db
      .selectFrom('peiling')
      .innerJoin('peiling_deel', 'peiling_deel.op', 'peiling.op')
      .select(['peiling.op', 'peiling.genomen_op', 'peiling.gereconstrueerd', 'peiling_deel.rijen'])
      .where('peiling.op', '>=', van)
      .where('peiling.op', '<=', tot)
      .where('peiling_deel.provincie', '=', provincie)
      .where('peiling_deel.soort', '=', soort)
      .orderBy('peiling.op')
      .execute();
    return r.map((x) => ({
      peiling: { op: x.op, genomenOp: new Date(x.genomen_op), gereconstrueerd: x.gereconstrueerd },
      rijen: Array.isArray(x.rijen) ? (x.rijen as Record<string, unknown>[]) : [],
    }));
  }

  /** Removes the measurements older than `voor` (the retention); answers how many went. */
  async ruimOp(voor: string): Promise<number> {
    const r = await this.db.deleteFrom('peiling').where('op', '<', voor).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The bytes the measurements take on disk (tables, indexes and TOAST), for the README's estimate. */
  async bytes(): Promise<number> {
    const r = await sql<{
      n: string | number;
    }>`select pg_total_relation_size('peiling') + pg_total_relation_size('peiling_deel') as n`.execute(
      this.db,
    );
    return Number(r.rows[0]?.n ?? 0);
  }
}
