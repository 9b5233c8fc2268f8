import type { ColumnType, Generated } from 'kysely';

/**
 * A bigint column: PostgreSQL answers int8 as text (node-postgres) or as a
 * number (PGlite), so it is read through `Number()` and written as a number.
 */
type Int8 = ColumnType<string | number | bigint, number, number>;
/** A jsonb column: written as JSON text, read back as the parsed value. */
type Json = ColumnType<unknown, string | null, string | null>;

/** Which replica does a job that must run once (the VDAB sync), and until when. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: ColumnType<Date, never, never>;
}

/**
 * The VDAB index, one row per key of the index: a published vacature
 * (`record`), a record left out with its finding (`bevinding`), or neither (a
 * vacature VDAB removed, kept so that a replica reading changes learns it).
 * `versie` is the store version that last wrote the row.
 */
export interface VdabIndexTable {
  sleutel: string;
  record: Json;
  bevinding: Json;
  versie: Int8;
}

/** The one row (`id` 1) saying where the VDAB index is up to. */
export interface VdabIndexStandTable {
  id: ColumnType<number, number, never>;
  /** The VDAB it was read from: an index of another VDAB is no use. */
  vdab_url: string;
  /** End of the last `bulk` window applied (ms since 1970). */
  tot: Int8;
  /** Bumped by every write; a replica reads the rows newer than the version it holds. */
  versie: Int8;
  /** Bumped when the index is written anew from `initial`: a replica then reads it all again. */
  generatie: Int8;
  /** Why the last sync failed (a `BronReden`), null after a successful one. */
  reden: string | null;
  bijgewerkt_op: Generated<Date>;
}

/** VDAB's knelpuntberoepen of a year as the syncing replica last read them, for the others to answer from. */
export interface VdabKnelpuntenTable {
  jaar: number;
  records: Json;
  bevindingen: Json;
  gelezen_op: Generated<Date>;
}

/** A measurement of the radar (`peiling`): its date, when it was taken, and whether it was reconstructed. */
export interface PeilingTable {
  /** The date, `YYYY-MM-DD`. */
  op: string;
  genomen_op: ColumnType<Date, Date, Date>;
  gereconstrueerd: boolean;
}

/** The rows of one measurement for one provincie and kind (`REGIO`, `GEMEENTE` cells or `TOTALEN`): counts only. */
export interface PeilingDeelTable {
  op: string;
  provincie: string;
  soort: string;
  rijen: Json;
}

/**
 * Every data-quality finding a source's report (`BronRapport`) ever had, with
 * when it was first and last seen; resolved (`opgelost_op`) at the first read
 * that no longer had it. Identity: `bereik` (service and report) and `sleutel`
 * (source, record, rule and field).
 */
export interface BevindingHistorieTable {
  bereik: string;
  sleutel: string;
  bron: string;
  record_id: string | null;
  veld: string | null;
  regel: string;
  waarde: string | null;
  eerste_keer_gezien: ColumnType<Date, Date, Date>;
  laatst_gezien: ColumnType<Date, Date, Date>;
  opgelost_op: ColumnType<Date | null, Date | null, Date | null>;
}

/**
 * One row of the company register (KBO Open Data) as its CSV gives it:
 * `tabel` the CSV it came from (`enterprise`, `establishment`, `denomination`,
 * `address`, `activity`), `entiteit` the number a delete file names, and
 * `onderneming` the enterprise an establishment row belongs to (null for the
 * other tables). `generatie` is the full extract it descends from.
 */
export interface KboRijTable {
  /** The order the rows were written in. */
  id: ColumnType<string | number | bigint, never, never>;
  generatie: Int8;
  tabel: string;
  entiteit: string;
  onderneming: string | null;
  rij: Json;
}

/** The Dutch meaning of a code of the register (`code.csv`), per generation. */
export interface KboCodeTable {
  generatie: Int8;
  categorie: string;
  code: string;
  omschrijving: string;
}

/** The one row (`id` 1) saying which extract the register in the store stands at. */
export interface KboStandTable {
  id: ColumnType<number, number, never>;
  /** The generation the graph reads; rows of any other are a full extract being written, or left over. */
  generatie: Int8;
  /** The last extract applied. */
  nummer: number;
  /** The full extract the generation was read from. */
  volledig: number;
  /** Its `SnapshotDate`, ISO. */
  datum: string;
  /** Rows left out (a number in no notation of the register), over the extracts applied. */
  afgekeurd: number;
  /** An update whose number did not follow: the register waits for a newer full extract. */
  gat_na: number | null;
  gat_gevonden: number | null;
  bijgewerkt_op: Generated<Date>;
  /** Whether `kbo_feit` holds the facts of this generation (false for a register written before that table). */
  feiten: Generated<boolean>;
}

/**
 * The facts of one onderneming that the register's lists need (the view's
 * overview), kept with the rows they come from: written by the same
 * transaction, per generation. `postcodes`: of its valid Belgian seat, then
 * of its vestigingen's valid Belgian addresses, by vestigingsnummer.
 */
export interface KboFeitTable {
  generatie: Int8;
  onderneming: string;
  /** The legal name, Dutch first; null when it has none. */
  naam: string | null;
  /** `AC` active, `ST` stopped. */
  status: string;
  /** The code of its MAIN activity, NACE-BEL 2025 where given, else 2008; null without either. */
  hoofd_nace: string | null;
  postcodes: string[];
}

/** The schema of the store, as the migrations (migrations.ts) leave it. */
export interface Database {
  lease: LeaseTable;
  vdab_index: VdabIndexTable;
  vdab_index_stand: VdabIndexStandTable;
  vdab_knelpunten: VdabKnelpuntenTable;
  peiling: PeilingTable;
  peiling_deel: PeilingDeelTable;
  bevinding_historie: BevindingHistorieTable;
  kbo_rij: KboRijTable;
  kbo_code: KboCodeTable;
  kbo_stand: KboStandTable;
  kbo_feit: KboFeitTable;
}
