import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A lease on a job that one replica at a time must do (the VDAB sync): a row
 * naming the holder and until when, in the store's clock, so that the
 * replicas' clocks do not matter. The holder renews it; when the holder stops
 * it gives it back, and when it dies the lease runs out and another takes it.
 * Works the same on PGlite, where every user shares one session and an
 * advisory lock would not tell them apart.
 */
export class Lease {
  constructor(
    private readonly db: Kysely<Database>,
    readonly name: string,
    readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /**
   * Takes the lease when it is free or ran out, or renews it when this holder
   * has it; true when this holder holds it now. Pass a transaction to fence a
   * write: the row stays locked until it commits, so no other replica takes
   * the lease in between.
   */
  async acquire(db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await sql<{ holder: string }>`
      insert into lease (name, holder, expires_at)
      values (${this.name}, ${this.holder}, now() + ${this.ttlMs} * interval '1 millisecond')
      on conflict (name) do update
        set holder = excluded.holder, expires_at = excluded.expires_at
        where lease.holder = excluded.holder or lease.expires_at < now()
      returning holder`.execute(db);
    return result.rows.length === 1;
  }

  /** Gives the lease back, if this holder has it, so that another replica takes it at once. */
  async release(): Promise<void> {
    await this.db
      .deleteFrom('lease')
      .where('name', '=', this.name)
      .where('holder', '=', this.holder)
      .execute();
  }

  /** Who holds the lease now, if anyone (for tests and logs). */
  async currentHolder(): Promise<string | null> {
    const row = await this.db
      .selectFrom('lease')
      .select('holder')
      .where('name', '=', this.name)
      .where(sql<boolean>`expires_at >= now()`)
      .executeTakeFirst();
    return row?.holder ?? null;
  }
}
