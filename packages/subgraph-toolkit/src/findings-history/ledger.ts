import type { Database } from '@duaal-graph/store';
import { sql, type Kysely } from 'kysely';
import type { Bevinding } from '../findings.ts';

/** A finding with its history (`type Bevinding` with `eersteKeerGezien`, `laatstGezien`, `opgelost`). */
export interface HistorischeBevinding extends Bevinding {
  readonly eersteKeerGezien: string;
  readonly laatstGezien: string;
  readonly opgelost: boolean;
}

export interface LedgerQuery {
  readonly first: number;
  /** true: only resolved ones; false: only open ones; null: both. */
  readonly opgelost: boolean | null;
}

/**
 * A finding's identity across reads: its source, its record and what is wrong
 * with it (rule and field). Its value is no part of it (a record still wrong
 * with another value is the same finding), except for a finding that names no
 * record, which only its value tells apart.
 */
export function findingKey(b: Bevinding): string {
  return JSON.stringify([b.bron, b.recordId, b.regel, b.veld, b.recordId === null ? b.waarde : null]);
}

/** Rows per insert: ten parameters each, far under PostgreSQL's 65,535. */
const BATCH = 500;

/**
 * The history of the data-quality findings of one service's source reports,
 * in the store. Each read of a source is recorded under its scope: every
 * finding it has is upserted (first seen at its first read, last seen at this
 * one), and every open one it no longer has is resolved at this read. A
 * finding seen again after it was resolved is open again, first seen anew.
 * Reads are ordered by their time, not by the order they arrive in: a read
 * never moves a finding's last sighting back, and resolves only findings last
 * seen before it, so two replicas recording the same source do no harm.
 */
export class FindingsLedger {
  /** Per scope: the write under way, so that a read waits for the reads recorded before it. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Per scope: the findings last written, to only move the sightings forward when a read brings the same ones. */
  private readonly lastWritten = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    /** Prefixes every scope: the services sharing one PostgreSQL keep their rows apart. */
    private readonly service: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  private bereik(scope: string): string {
    return `${this.service}:${scope}`;
  }

  /**
   * Records one read of a source (its findings, read at `atMs`) under `scope`.
   * Queued behind the scope's earlier writes; a failed write is logged and
   * leaves the history as it was (the next read brings it up to date).
   */
  record(scope: string, findings: readonly Bevinding[], atMs: number): Promise<void> {
    const previous = this.pending.get(scope) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(scope, findings, new Date(atMs)))
      .catch((error: unknown) => {
        this.lastWritten.delete(scope);
        this.log(
          `bevindingen ${scope}: niet bewaard (${error instanceof Error ? error.message : String(error)})`,
        );
      });
    this.pending.set(scope, next);
    void next.finally(() => {
      if (this.pending.get(scope) === next) this.pending.delete(scope);
    });
    return next;
  }

  /** Waits for what is recorded under these scopes so far. */
  async settled(scopes: readonly string[]): Promise<void> {
    await Promise.all(scopes.map((s) => this.pending.get(s) ?? Promise.resolve()));
  }

  /** Waits for every write under way (before the store closes). */
  async drain(): Promise<void> {
    await Promise.all(this.pending.values());
  }

  private async write(scope: string, findings: readonly Bevinding[], at: Date): Promise<void> {
    const bereik = this.bereik(scope);
    const unique = new Map<string, Bevinding>();
    for (const b of findings) if (!unique.has(findingKey(b))) unique.set(findingKey(b), b);
    const signature = JSON.stringify([...unique.values()]);
    if (this.lastWritten.get(scope) === signature) {
      // The same findings as the last read: only their sighting moves.
      await this.db
        .updateTable('bevinding_historie')
        .set({ laatst_gezien: sql<Date>`greatest(laatst_gezien, ${at})` })
        .where('bereik', '=', bereik)
        .where('opgelost_op', 'is', null)
        .execute();
      return;
    }
    const rows = [...unique].map(([sleutel, b]) => ({
      bereik,
      sleutel,
      bron: b.bron,
      record_id: b.recordId,
      veld: b.veld,
      regel: b.regel,
      waarde: b.waarde,
      eerste_keer_gezien: at,
      laatst_gezien: at,
      opgelost_op: null,
    }));
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx
          .insertInto('bevinding_historie')
          .values(rows.slice(i, i + BATCH))
          .onConflict((oc) =>
            oc.columns(['bereik', 'sleutel']).doUpdateSet({
              bron: (eb) => eb.ref('excluded.bron'),
              record_id: (eb) => eb.ref('excluded.record_id'),
              veld: (eb) => eb.ref('excluded.veld'),
              regel: (eb) => eb.ref('excluded.regel'),
              waarde: (eb) => eb.ref('excluded.waarde'),
              // Resolved before this read: open again, seen first now.
              eerste_keer_gezien: sql<Date>`case when ${REOPENED} then excluded.eerste_keer_gezien
                else least(bevinding_historie.eerste_keer_gezien, excluded.eerste_keer_gezien) end`,
              laatst_gezien: sql<Date>`case when ${REOPENED} then excluded.laatst_gezien
                else greatest(bevinding_historie.laatst_gezien, excluded.laatst_gezien) end`,
              opgelost_op: sql<Date | null>`case when ${REOPENED} then null else bevinding_historie.opgelost_op end`,
            }),
          )
          .execute();
      }
      // Every open finding this read did not bring (it was seen last before it) is resolved by it.
      await trx
        .updateTable('bevinding_historie')
        .set({ opgelost_op: at })
        .where('bereik', '=', bereik)
        .where('opgelost_op', 'is', null)
        .where('laatst_gezien', '<', at)
        .execute();
    });
    this.lastWritten.set(scope, signature);
  }

  /**
   * The findings of these scopes, open ones first, then the newest first;
   * after the reads recorded so far.
   */
  async list(scopes: readonly string[], query: LedgerQuery): Promise<HistorischeBevinding[]> {
    if (scopes.length === 0 || query.first === 0) return [];
    await this.settled(scopes);
    let q = this.db
      .selectFrom('bevinding_historie')
      .selectAll()
      .where(
        'bereik',
        'in',
        scopes.map((s) => this.bereik(s)),
      );
    if (query.opgelost !== null) q = q.where('opgelost_op', query.opgelost ? 'is not' : 'is', null);
    const rows = await q
      .orderBy(sql`opgelost_op is not null`)
      .orderBy('eerste_keer_gezien', 'desc')
      .orderBy('bereik')
      .orderBy('sleutel')
      .limit(query.first)
      .execute();
    return rows.map((r) => ({
      bron: r.bron as Bevinding['bron'],
      recordId: r.record_id,
      veld: r.veld,
      regel: r.regel,
      waarde: r.waarde,
      eersteKeerGezien: new Date(r.eerste_keer_gezien).toISOString(),
      laatstGezien: new Date(r.laatst_gezien).toISOString(),
      opgelost: r.opgelost_op !== null,
    }));
  }
}

/** In the upsert: the finding was resolved by a read no later than this one. */
const REOPENED = sql`bevinding_historie.opgelost_op is not null and excluded.laatst_gezien >= bevinding_historie.opgelost_op`;
