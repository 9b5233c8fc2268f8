import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { MIGRATION_NAMES, migrations } from './migrations.ts';
import { holdsCluster, pgliteTemplate } from './pglite-template.ts';
import type { Database } from './schema.ts';

export interface StoreOptions {
  /** A real PostgreSQL server; unset, PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data folder; null keeps the database in memory (tests). */
  readonly dataDir: string | null;
  readonly log?: (line: string) => void;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: 'postgresql' | 'pglite';
  /** Where the store is, for logs: the server's host and database, or the folder; never a password. */
  readonly where: string;
  /** Gives the store back; the last user of a shared one closes it. */
  close(): Promise<void>;
}

interface Shared {
  readonly db: Kysely<Database>;
  users: number;
}

/**
 * PGlite is one PostgreSQL backend inside this process: two of them on one
 * folder would corrupt it. Replicas in one process (the tests) share one
 * instance per folder, behind one Kysely whose driver serialises the
 * connection, so that their transactions never interleave.
 */
const pglites = new Map<string, Promise<Shared>>();

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    const why =
      error instanceof Error
        ? error.message
        : failed
          ? `${failed.migrationName} did not run`
          : JSON.stringify(error);
    throw new Error(`store: migration failed: ${why}`);
  }
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

async function openPostgres(databaseUrl: string): Promise<Store> {
  // A few connections serve a subgraph: its reads are one query each, its writes one transaction.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (fout) {
    await db.destroy();
    throw fout;
  }
  return { db, kind: 'postgresql', where: describeUrl(databaseUrl), close: () => db.destroy() };
}

/** Made once per process (and kept on disk for the next ones): see pglite-template.ts. */
let template: Promise<Blob> | undefined;

function newPglite(folder?: string): Promise<PGlite> | PGlite {
  if (folder !== undefined && holdsCluster(folder)) return new PGlite(folder);
  template ??= pgliteTemplate(MIGRATION_NAMES, (pglite) =>
    migrate(new Kysely<Database>({ dialect: new PGliteDialect(pglite) })),
  );
  template.catch(() => {
    template = undefined;
  });
  return template.then((loadDataDir) => new PGlite(folder, { loadDataDir }));
}

async function openPglite(dataDir: string | null): Promise<Store> {
  if (dataDir === null) {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(await newPglite()) });
    await migrate(db);
    return { db, kind: 'pglite', where: 'PGlite in memory', close: () => db.destroy() };
  }
  const folder = resolve(dataDir);
  let shared = pglites.get(folder);
  if (!shared) {
    shared = (async () => {
      mkdirSync(folder, { recursive: true });
      const db = new Kysely<Database>({ dialect: new PGliteDialect(await newPglite(folder)) });
      await migrate(db);
      return { db, users: 0 };
    })();
    pglites.set(folder, shared);
    shared.catch(() => pglites.delete(folder));
  }
  const entry = await shared;
  entry.users += 1;
  let closed = false;
  return {
    db: entry.db,
    kind: 'pglite',
    where: `PGlite in ${folder}`,
    close: async () => {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      pglites.delete(folder);
      await entry.db.destroy();
    },
  };
}

/** Opens the store and brings its schema up to date (the migrations run at every start; done ones are skipped). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store =
    options.databaseUrl !== undefined
      ? await openPostgres(options.databaseUrl)
      : await openPglite(options.dataDir);
  options.log?.(`store: ${store.where}`);
  return store;
}
