import { copyLine, type CopyInto, type Database, type Lease } from '@duaal-graph/store';
import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import { schrijfFeiten } from './feiten.ts';
import type { CsvRij } from './zip-csv.ts';
import {
  codeSleutel,
  isOndernemingsnummer,
  rijSleutels,
  type KboExtractSchrijver,
  type KboExtractStand,
  type KboOpslag,
  type KboStand,
  type KboTabel,
} from './register.ts';

/**
 * Rows one statement writes. They go as four arrays (`unnest`), not as a
 * VALUES list of five parameters a row: one statement of a few parameters
 * is parsed once, whatever the batch, which is what made a write in PGlite
 * slow (bench:kbo). Memory holds one batch: a few MB.
 */
const PER_KEER = 5_000;
/** Deletes and codes: a list of parameters each, far under PostgreSQL's 65,535. */
const PER_LIJST = 1_000;

/** The register in the store, with the generation the graph reads. */
export interface KboStoreStand extends KboStand {
  readonly generatie: number;
  /** Whether `kbo_feit` holds this generation's facts: false only for a register written before that table. */
  readonly feiten: boolean;
}

type Db = Kysely<Database>;

/** The one replica that applies extracts holds the lease: another that writes is refused, and stops. */
const leaseKwijt = () =>
  new PartnerError('KBO', 'ERROR', 'de lease op het register ging naar een andere replica');

/**
 * The company register in the store (packages/store, tables `kbo_*`): a full
 * extract is written in batches while it streams, as a new generation beside
 * the one the graph reads, and switched to in one transaction at its end; an
 * update is applied to the current generation in one transaction with the
 * number it brings the register to. So a restart goes on from the last
 * extract applied, and a question never sees half an extract. Every write is
 * fenced by the lease (when one is given): a replica that lost it writes nothing.
 */
export class KboStoreOpslag implements KboOpslag {
  /** `copyInto`: the store's COPY (PGlite), which a full extract's rows take when it has one. */
  constructor(
    private readonly db: Db,
    private readonly lease: Lease | null = null,
    private readonly copyInto: CopyInto | null = null,
  ) {}

  async stand(): Promise<KboStoreStand | null> {
    return leesStand(this.db);
  }

  async nieuw(): Promise<KboExtractSchrijver> {
    if (this.lease && !(await this.lease.acquire())) throw leaseKwijt();
    const huidig = await leesStand(this.db);
    // Rows of any other generation are a full extract that was never finished: gone before a new one starts.
    await verwijderBehalve(this.db, huidig?.generatie ?? null);
    const generatie = (huidig?.generatie ?? 0) + 1;
    return new StoreSchrijver(this.db, generatie, this.lease, null, this.copyInto);
  }

  async verder(vanaf: KboExtractStand): Promise<KboExtractSchrijver> {
    const trx = await this.db.startTransaction().execute();
    try {
      if (this.lease && !(await this.lease.acquire(trx))) throw leaseKwijt();
      const huidig = await leesStand(trx);
      if (huidig?.stand.nummer !== vanaf.nummer)
        throw new Error(`het register staat op ${huidig?.stand.nummer ?? '(geen)'}, niet op ${vanaf.nummer}`);
      return new StoreSchrijver(trx, huidig.generatie, this.lease, trx, null);
    } catch (f) {
      await trx.rollback().execute();
      throw f;
    }
  }

  /**
   * Fills the facts of a register written before `kbo_feit` existed, once,
   * under the lease: from then on every write keeps them. Says whether the
   * register now has them (false: no register, or the lease is another's).
   */
  async vulFeitenAan(): Promise<boolean> {
    const huidig = await leesStand(this.db);
    if (huidig === null) return false;
    if (huidig.feiten) return true;
    return this.db.transaction().execute(async (trx) => {
      if (this.lease && !(await this.lease.acquire(trx))) return false;
      const nu = await leesStand(trx);
      if (nu?.generatie !== huidig.generatie) return false;
      await schrijfFeiten(trx, huidig.generatie, null);
      await trx.updateTable('kbo_stand').set({ feiten: true }).where('id', '=', 1).execute();
      return true;
    });
  }

  async bewaarGat(gat: NonNullable<KboStand['gat']>): Promise<void> {
    await this.db
      .updateTable('kbo_stand')
      .set({ gat_na: gat.na, gat_gevonden: gat.gevonden })
      .where('id', '=', 1)
      .execute();
  }
}

/** Where the register in the store stands; null when it holds none. */
export async function leesStand(db: Db): Promise<KboStoreStand | null> {
  const rij = await db.selectFrom('kbo_stand').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!rij) return null;
  return {
    generatie: Number(rij.generatie),
    stand: { nummer: rij.nummer, volledig: rij.volledig, datum: rij.datum },
    gat:
      rij.gat_na === null || rij.gat_gevonden === null
        ? null
        : { na: rij.gat_na, gevonden: rij.gat_gevonden },
    aantalAfgekeurd: rij.afgekeurd,
    feiten: rij.feiten,
  };
}

async function verwijderBehalve(db: Db, generatie: number | null): Promise<void> {
  await db
    .deleteFrom('kbo_rij')
    .where('generatie', '<>', generatie ?? -1)
    .execute();
  await db
    .deleteFrom('kbo_code')
    .where('generatie', '<>', generatie ?? -1)
    .execute();
  await db
    .deleteFrom('kbo_feit')
    .where('generatie', '<>', generatie ?? -1)
    .execute();
}

interface NieuweRij {
  generatie: number;
  tabel: string;
  entiteit: string;
  onderneming: string | null;
  rij: string;
}

/**
 * Writes one extract: rows and deletes are gathered and written a thousand at
 * a time, in the order they came (a delete before the rows after it), so that
 * memory holds one batch whatever the size of the file. `trx` is the update's
 * transaction; without it (a full extract) each batch commits on its own and
 * renews the lease, which a read of minutes would otherwise outlive.
 */
class StoreSchrijver implements KboExtractSchrijver {
  private rijen: NieuweRij[] = [];
  private weg: { tabel: KboTabel; entiteiten: string[] } | null = null;
  private codes = new Map<string, { categorie: string; code: string; omschrijving: string }>();
  /**
   * An update's entities touched, and the ondernemingen its vestigingen left: whose facts it writes anew at
   * its end. A full extract keeps none (its end writes every onderneming's).
   */
  private readonly geraakt = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly generatie: number,
    private readonly lease: Lease | null,
    private readonly trx: ControlledTransaction<Database> | null,
    private readonly copyInto: CopyInto | null,
  ) {}

  async verwijder(tabel: KboTabel, entiteit: string): Promise<void> {
    if (this.rijen.length > 0) await this.schrijfRijen();
    if (this.weg && this.weg.tabel !== tabel) await this.schrijfWeg();
    if (this.trx) this.geraakt.add(entiteit);
    this.weg ??= { tabel, entiteiten: [] };
    this.weg.entiteiten.push(entiteit);
    if (this.weg.entiteiten.length >= PER_LIJST) await this.schrijfWeg();
  }

  async voegToe(tabel: KboTabel, rij: CsvRij): Promise<boolean> {
    const sleutels = rijSleutels(tabel, rij);
    if (!sleutels) return false;
    if (this.weg) await this.schrijfWeg();
    if (this.trx) {
      this.geraakt.add(sleutels.entiteit);
      if (sleutels.onderneming !== null) this.geraakt.add(sleutels.onderneming);
    }
    this.rijen.push({ generatie: this.generatie, tabel, ...sleutels, rij: JSON.stringify(rij) });
    if (this.rijen.length >= PER_KEER) await this.schrijfRijen();
    return true;
  }

  async voegCodeToe(rij: CsvRij): Promise<void> {
    const c = codeSleutel(rij);
    if (c) this.codes.set(`${c.categorie}|${c.code}`, c);
    return Promise.resolve();
  }

  async klaar(stand: KboExtractStand, aantalAfgekeurd: number): Promise<void> {
    await this.schrijfWeg();
    await this.schrijfRijen();
    const waarden = {
      generatie: this.generatie,
      nummer: stand.nummer,
      volledig: stand.volledig,
      datum: stand.datum,
      afgekeurd: aantalAfgekeurd,
      gat_na: null,
      gat_gevonden: null,
      feiten: true,
    };
    const zet = async (trx: Db) => {
      const codes = [...this.codes.values()].map((c) => ({ generatie: this.generatie, ...c }));
      for (let i = 0; i < codes.length; i += PER_LIJST)
        await trx
          .insertInto('kbo_code')
          .values(codes.slice(i, i + PER_LIJST))
          .onConflict((oc) =>
            oc
              .columns(['generatie', 'categorie', 'code'])
              .doUpdateSet((eb) => ({ omschrijving: eb.ref('excluded.omschrijving') })),
          )
          .execute();
      await trx
        .insertInto('kbo_stand')
        .values({ id: 1, ...waarden })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...waarden, bijgewerkt_op: new Date() }))
        .execute();
    };
    if (this.trx) {
      await schrijfFeiten(this.trx, this.generatie, await this.geraakteOndernemingen(this.trx));
      await zet(this.trx);
      await this.trx.commit().execute();
      return;
    }
    // The new generation becomes the register in one step; the old one is dropped after.
    await this.db.transaction().execute(async (trx) => {
      if (this.lease && !(await this.lease.acquire(trx))) throw leaseKwijt();
      await schrijfFeiten(trx, this.generatie, null);
      await zet(trx);
    });
    await verwijderBehalve(this.db, this.generatie);
  }

  async breekAf(): Promise<void> {
    this.rijen = [];
    this.weg = null;
    if (this.trx) await this.trx.rollback().execute();
    else await this.db.deleteFrom('kbo_rij').where('generatie', '=', this.generatie).execute();
  }

  /** The ondernemingen an update touched: named, or owning (now) a vestiging it touched. */
  private async geraakteOndernemingen(trx: Db): Promise<string[]> {
    const nummers = [...this.geraakt];
    const ondernemingen = new Set(nummers.filter((n) => isOndernemingsnummer(n)));
    const vestigingen = nummers.filter((n) => !isOndernemingsnummer(n));
    for (let i = 0; i < vestigingen.length; i += PER_LIJST)
      for (const r of await trx
        .selectFrom('kbo_rij')
        .select('onderneming')
        .distinct()
        .where('generatie', '=', this.generatie)
        .where('tabel', '=', 'establishment')
        .where('entiteit', 'in', vestigingen.slice(i, i + PER_LIJST))
        .execute())
        if (r.onderneming !== null) ondernemingen.add(r.onderneming);
    return [...ondernemingen];
  }

  private async schrijfRijen(): Promise<void> {
    if (this.rijen.length === 0) return;
    let deel = this.rijen;
    this.rijen = [];
    if (!this.trx && this.lease && !(await this.lease.acquire())) throw leaseKwijt();
    if (this.trx) {
      // An update: a vestiging given again replaces the one before it (it may name another onderneming
      // now), also one given twice in this batch, where the later counts.
      const vestigingen = new Map<string, number>();
      deel.forEach((r, i) => {
        if (r.tabel === 'establishment') vestigingen.set(r.entiteit, i);
      });
      if (vestigingen.size > 0) {
        const weg = [...vestigingen.keys()];
        for (let i = 0; i < weg.length; i += PER_LIJST)
          await this.verwijderNu('establishment', weg.slice(i, i + PER_LIJST));
        deel = deel.filter((r, i) => r.tabel !== 'establishment' || vestigingen.get(r.entiteit) === i);
      }
    }
    if (this.copyInto) {
      // COPY keeps the lines' order, so the ids follow the order the rows came in, which reads rely on.
      await this.copyInto(
        'kbo_rij',
        ['generatie', 'tabel', 'entiteit', 'onderneming', 'rij'],
        deel.map((r) => copyLine([this.generatie, r.tabel, r.entiteit, r.onderneming, r.rij])),
      );
      return;
    }
    // `ORDER BY ordinality`: the ids follow the order the rows came in, which reads rely on.
    await sql`
      INSERT INTO kbo_rij (generatie, tabel, entiteit, onderneming, rij)
      SELECT ${this.generatie}, t.tabel, t.entiteit, t.onderneming, t.rij
      FROM unnest(
        ${deel.map((r) => r.tabel)}::text[],
        ${deel.map((r) => r.entiteit)}::text[],
        ${deel.map((r) => r.onderneming)}::text[],
        ${deel.map((r) => r.rij)}::jsonb[]
      ) WITH ORDINALITY AS t(tabel, entiteit, onderneming, rij, volgorde)
      ORDER BY t.volgorde`.execute(this.db);
  }

  private async schrijfWeg(): Promise<void> {
    if (!this.weg) return;
    const { tabel, entiteiten } = this.weg;
    this.weg = null;
    await this.verwijderNu(tabel, entiteiten);
  }

  private async verwijderNu(tabel: KboTabel, entiteiten: readonly string[]): Promise<void> {
    if (this.rijen.length > 0) await this.schrijfRijen();
    const weg = this.db
      .deleteFrom('kbo_rij')
      .where('generatie', '=', this.generatie)
      .where('tabel', '=', tabel)
      .where('entiteit', 'in', entiteiten);
    if (!this.trx || tabel !== 'establishment') {
      await weg.execute();
      return;
    }
    // A vestiging an update deletes or moves leaves its onderneming's facts to write anew too.
    for (const r of await weg.returning('onderneming').execute())
      if (r.onderneming !== null) this.geraakt.add(r.onderneming);
  }
}
