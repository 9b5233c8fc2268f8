import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The one schema of the store, as Kysely migrations run in name order at start
 * by Kysely's Migrator (which locks, so replicas starting together migrate
 * once). Never edit a migration that has shipped: add the next one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_lease_and_vdab_index': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('vdab_index')
        .addColumn('sleutel', 'text', (c) => c.primaryKey())
        .addColumn('record', 'jsonb')
        .addColumn('bevinding', 'jsonb')
        .addColumn('versie', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vdab_index_versie').on('vdab_index').column('versie').execute();
      await db.schema
        .createTable('vdab_index_stand')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('vdab_url', 'text', (c) => c.notNull())
        .addColumn('tot', 'bigint', (c) => c.notNull())
        .addColumn('versie', 'bigint', (c) => c.notNull())
        .addColumn('generatie', 'bigint', (c) => c.notNull())
        .addColumn('reden', 'text')
        .addColumn('bijgewerkt_op', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0002_vdab_knelpunten': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('vdab_knelpunten')
        .addColumn('jaar', 'integer', (c) => c.primaryKey())
        .addColumn('records', 'jsonb', (c) => c.notNull())
        .addColumn('bevindingen', 'jsonb', (c) => c.notNull())
        .addColumn('gelezen_op', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0003_peilingen': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The date as ISO text, not `date`: node-postgres and PGlite would hand a `date` back as a Date at local midnight.
      await db.schema
        .createTable('peiling')
        .addColumn('op', 'text', (c) => c.primaryKey().check(sql`op ~ '^\\d{4}-\\d{2}-\\d{2}$'`))
        .addColumn('genomen_op', 'timestamptz', (c) => c.notNull())
        .addColumn('gereconstrueerd', 'boolean', (c) => c.notNull())
        .execute();
      // One row per provincie and kind of rows (cells per regio, per gemeente, regio totals): read whole, never searched inside.
      await db.schema
        .createTable('peiling_deel')
        .addColumn('op', 'text', (c) => c.notNull().references('peiling.op').onDelete('cascade'))
        .addColumn('provincie', 'text', (c) => c.notNull())
        .addColumn('soort', 'text', (c) => c.notNull())
        .addColumn('rijen', 'jsonb', (c) => c.notNull())
        .addPrimaryKeyConstraint('peiling_deel_pk', ['op', 'provincie', 'soort'])
        .execute();
    },
  },
  // Named apart from the other services' migrations (the KBO register's, say) so that branches never collide.
  '0004_bevindingen_historie': {
    async up(db: Kysely<unknown>): Promise<void> {
      // One row per finding a source's reports ever had; `bereik` names the service and the report, so services sharing a server never touch each other's.
      await db.schema
        .createTable('bevinding_historie')
        .addColumn('bereik', 'text', (c) => c.notNull())
        .addColumn('sleutel', 'text', (c) => c.notNull())
        .addColumn('bron', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('veld', 'text')
        .addColumn('regel', 'text', (c) => c.notNull())
        .addColumn('waarde', 'text')
        .addColumn('eerste_keer_gezien', 'timestamptz', (c) => c.notNull())
        .addColumn('laatst_gezien', 'timestamptz', (c) => c.notNull())
        .addColumn('opgelost_op', 'timestamptz')
        .addPrimaryKeyConstraint('bevinding_historie_pk', ['bereik', 'sleutel'])
        .execute();
      await db.schema
        .createIndex('bevinding_historie_lijst')
        .on('bevinding_historie')
        .columns(['bereik', 'eerste_keer_gezien'])
        .execute();
    },
  },
  // After 0004_bevindingen_historie, which main applied first: a migration is never renumbered once applied.
  '0005_kbo_register': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The company register: the rows of KBO Open Data's tables as its CSV gives them, per generation
      // (one per full extract read), so that a full extract is written beside the register it replaces.
      await db.schema
        .createTable('kbo_rij')
        // The order the rows came in: where two rows tie (two names in one language), the first counts.
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('generatie', 'bigint', (c) => c.notNull())
        .addColumn('tabel', 'text', (c) => c.notNull())
        .addColumn('entiteit', 'text', (c) => c.notNull())
        .addColumn('onderneming', 'text')
        .addColumn('rij', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('kbo_rij_entiteit')
        .on('kbo_rij')
        .columns(['generatie', 'entiteit'])
        .execute();
      await db.schema
        .createIndex('kbo_rij_onderneming')
        .on('kbo_rij')
        .columns(['generatie', 'onderneming'])
        .where(sql.ref('tabel'), '=', 'establishment')
        .execute();
      await db.schema
        .createTable('kbo_code')
        .addColumn('generatie', 'bigint', (c) => c.notNull())
        .addColumn('categorie', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('omschrijving', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('kbo_code_pk', ['generatie', 'categorie', 'code'])
        .execute();
      await db.schema
        .createTable('kbo_stand')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('generatie', 'bigint', (c) => c.notNull())
        .addColumn('nummer', 'integer', (c) => c.notNull())
        .addColumn('volledig', 'integer', (c) => c.notNull())
        .addColumn('datum', 'text', (c) => c.notNull())
        .addColumn('afgekeurd', 'integer', (c) => c.notNull())
        .addColumn('gat_na', 'integer')
        .addColumn('gat_gevonden', 'integer')
        .addColumn('bijgewerkt_op', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0006_kbo_feit': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The facts of every onderneming the register's lists need, per generation like kbo_rij, written with
      // the rows (a full extract at its end, an update for the entities it touches) instead of rebuilt from
      // every row at each start: the view reads these narrow rows only.
      await db.schema
        .createTable('kbo_feit')
        .addColumn('generatie', 'bigint', (c) => c.notNull())
        .addColumn('onderneming', 'text', (c) => c.notNull())
        .addColumn('naam', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hoofd_nace', 'text')
        .addColumn('postcodes', sql`text[]`, (c) => c.notNull())
        .addPrimaryKeyConstraint('kbo_feit_pk', ['generatie', 'onderneming'])
        .execute();
      // False for a register written before this table: the holder of the lease fills its facts once.
      await db.schema
        .alterTable('kbo_stand')
        .addColumn('feiten', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
    },
  },
};

export const migrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);
