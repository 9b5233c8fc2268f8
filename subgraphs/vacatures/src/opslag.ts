import type { Database, Lease } from '@duaal-graph/store';
import type { Bevinding, Reden } from '@duaal-graph/subgraph-toolkit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { VdabVacatureSchema, type VdabVacature } from './vdab/schema.ts';

export const BevindingSchema = z.object({
  bron: z.literal('VDAB'),
  recordId: z.string().nullable(),
  veld: z.string().nullable(),
  regel: z.string(),
  waarde: z.string().nullable(),
});

/** One key of the index as the store keeps it: a vacature, a record left out with its finding, or neither (removed). */
export interface IndexRij {
  readonly sleutel: string;
  readonly record: VdabVacature | null;
  readonly bevinding: Bevinding | null;
}

/** Where the index in the store is up to. */
export interface Stand {
  readonly vdabUrl: string;
  /** End of the last `bulk` window applied (ms since 1970). */
  readonly tot: number;
  readonly versie: number;
  readonly generatie: number;
  /** Why the syncing replica's last sync failed; null after a successful one. */
  readonly reden: Reden | null;
}

export interface Lezing {
  readonly stand: Stand;
  /** Every key (`volledig`), or those written after the version asked. */
  readonly rijen: readonly IndexRij[];
  readonly volledig: boolean;
}

export interface Schrijving {
  readonly vdabUrl: string;
  readonly tot: number;
  readonly reden: Reden | null;
  readonly rijen: readonly IndexRij[];
  /** The whole index anew (after `initial`): every row replaced, and the replicas read it all again. */
  readonly volledig: boolean;
}

/** Rows a statement writes at most: PostgreSQL takes at most 65,535 parameters in one. */
const PER_KEER = 1_000;

/**
 * The VDAB index in the store: the truth every replica answers from. Only the
 * replica that holds the sync lease writes, fenced by it; every write bumps
 * the version, so that the others read only what changed since theirs.
 */
export class IndexOpslag {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (regel: string) => void = () => undefined,
  ) {}

  /**
   * The index since `sinds` (its version and generation), or all of it when
   * `sinds` is null or the index was written anew since; null when the store
   * holds no index. One snapshot of the store: rows and their stand agree.
   */
  async lees(sinds: { versie: number; generatie: number } | null): Promise<Lezing | null> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const rij = await trx
          .selectFrom('vdab_index_stand')
          .selectAll()
          .where('id', '=', 1)
          .executeTakeFirst();
        if (!rij) return null;
        const stand: Stand = {
          vdabUrl: rij.vdab_url,
          tot: Number(rij.tot),
          versie: Number(rij.versie),
          generatie: Number(rij.generatie),
          reden: rij.reden as Reden | null,
        };
        if (sinds && sinds.generatie === stand.generatie && sinds.versie === stand.versie)
          return { stand, rijen: [], volledig: false };
        const volledig = sinds === null || sinds.generatie !== stand.generatie;
        let vraag = trx.selectFrom('vdab_index').select(['sleutel', 'record', 'bevinding']);
        vraag = volledig
          ? vraag.where((eb) => eb.or([eb('record', 'is not', null), eb('bevinding', 'is not', null)]))
          : vraag.where('versie', '>', sinds.versie);
        const rijen = (await vraag.execute()).map((r) => this.rij(r.sleutel, r.record, r.bevinding));
        return { stand, rijen, volledig };
      });
  }

  /** A row as stored; a record that no longer fits the contract's schema is left out, and said so. */
  private rij(sleutel: string, record: unknown, bevinding: unknown): IndexRij {
    const r = record === null ? null : VdabVacatureSchema.safeParse(record);
    const b = bevinding === null ? null : BevindingSchema.safeParse(bevinding);
    if (r?.success === false || b?.success === false)
      this.log(`store: rij ${sleutel} onleesbaar, overgeslagen`);
    return { sleutel, record: r?.success ? r.data : null, bevinding: b?.success ? b.data : null };
  }

  /**
   * Writes what changed, in one transaction that first renews the lease: a
   * replica that lost it writes nothing (null). Returns the new stand.
   */
  async schrijf(lease: Lease | null, schrijving: Schrijving): Promise<Stand | null> {
    return this.db.transaction().execute(async (trx) => {
      if (lease && !(await lease.acquire(trx))) return null;
      const oud = await trx
        .selectFrom('vdab_index_stand')
        .select(['versie', 'generatie'])
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirst();
      const versie = Number(oud?.versie ?? 0) + 1;
      const generatie = Number(oud?.generatie ?? 0) + (schrijving.volledig || !oud ? 1 : 0);
      if (schrijving.volledig) await trx.deleteFrom('vdab_index').execute();
      for (let i = 0; i < schrijving.rijen.length; i += PER_KEER) {
        const deel = schrijving.rijen.slice(i, i + PER_KEER).map((r) => ({
          sleutel: r.sleutel,
          record: r.record === null ? null : JSON.stringify(r.record),
          bevinding: r.bevinding === null ? null : JSON.stringify(r.bevinding),
          versie,
        }));
        await trx
          .insertInto('vdab_index')
          .values(deel)
          .onConflict((oc) =>
            oc.column('sleutel').doUpdateSet((eb) => ({
              record: eb.ref('excluded.record'),
              bevinding: eb.ref('excluded.bevinding'),
              versie: eb.ref('excluded.versie'),
            })),
          )
          .execute();
      }
      const stand = {
        vdab_url: schrijving.vdabUrl,
        tot: schrijving.tot,
        versie,
        generatie,
        reden: schrijving.reden,
      };
      await trx
        .insertInto('vdab_index_stand')
        .values({ id: 1, ...stand })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...stand, bijgewerkt_op: new Date() }))
        .execute();
      return { vdabUrl: schrijving.vdabUrl, tot: schrijving.tot, versie, generatie, reden: schrijving.reden };
    });
  }
}
