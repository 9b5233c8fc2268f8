import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrate } from './migrate.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import { holdsCluster, pgliteTemplate } from './pglite-template.ts';
import type { Database } from './schema.ts';

export interface StoreOptions {
  /** A real PostgreSQL server; unset, PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data folder; null keeps the database in memory (tests). */
  readonly dataDir: string | null;
  readonly log?: (line: string) => void;
  /**
   * A stop during the start (a SIGTERM while the first PGlite is made): the open
   * gives up at once with an AbortError, and what it opened meanwhile is closed.
   */
  readonly signal?: AbortSignal | undefined;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: 'postgresql' | 'pglite';
  /** Where the store is, for logs: the server's host and database, or the folder; never a password. */
  readonly where: string;
  /**
   * Writes rows in PostgreSQL's COPY text format (one line a row, tab between values, `\N` for null:
   * `copyLine`) into the table, in the order given; outside any transaction, in its own. PGlite's
   * `COPY ... FROM '/dev/blob'`: no statement's parameters to build and parse, a third of the CPU of
   * the fastest INSERT (bench:kbo). Null with `DATABASE_URL` (node-postgres has no COPY of its own):
   * the caller inserts instead.
   */
  readonly copyInto: CopyInto | null;
  /** Gives the store back; the last user of a shared one closes it. */
  close(): Promise<void>;
}

export type CopyInto = (table: string, columns: readonly string[], lines: readonly string[]) => Promise<void>;

const COPY_ESCAPE = /[\\\t\n\r]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One row for `copyInto`: its values in the table's column order, escaped for COPY's text format. */
export function copyLine(values: readonly (string | number | null)[]): string {
  return `${values
    .map((v) => (v === null ? '\\N' : String(v).replace(COPY_ESCAPE, (c) => COPY_ESCAPES[c] ?? c)))
    .join('\t')}\n`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * COPY through PGlite, while holding Kysely's one connection: so it never runs inside another
 * caller's transaction (the driver serialises them on that connection).
 */
function pgliteCopy(db: Kysely<Database>, pglite: PGlite): CopyInto {
  return async (table, columns, lines) => {
    if (![table, ...columns].every((n) => IDENTIFIER.test(n)))
      throw new Error(`store: copy into ${table}: a bad name`);
    if (lines.length === 0) return;
    await db.connection().execute(async () => {
      await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
        blob: new Blob(lines as string[]),
      });
    });
  };
}

interface Shared {
  readonly db: Kysely<Database>;
  readonly copyInto: CopyInto;
  users: number;
}

/**
 * PGlite is one PostgreSQL backend inside this process: two of them on one
 * folder would corrupt it. Replicas in one process (the tests) share one
 * instance per folder, behind one Kysely whose driver serialises the
 * connection, so that their transactions never interleave.
 */
const pglites = new Map<string, Promise<Shared>>();

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
  return {
    db,
    kind: 'postgresql',
    where: describeUrl(databaseUrl),
    copyInto: null,
    close: () => db.destroy(),
  };
}

/** Made once per process (and kept on disk for the next ones): see pglite-template.ts. */
let template: Promise<Blob> | undefined;

function newPglite(folder?: string): Promise<PGlite> | PGlite {
  if (folder !== undefined && holdsCluster(folder)) return new PGlite(folder);
  template ??= pgliteTemplate(MIGRATION_NAMES);
  template.catch(() => {
    template = undefined;
  });
  return template.then((loadDataDir) => new PGlite(folder, { loadDataDir }));
}

async function openPglite(dataDir: string | null): Promise<Store> {
  if (dataDir === null) {
    const pglite = await newPglite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    await migrate(db);
    return {
      db,
      kind: 'pglite',
      where: 'PGlite in memory',
      copyInto: pgliteCopy(db, pglite),
      close: () => db.destroy(),
    };
  }
  const folder = resolve(dataDir);
  let shared = pglites.get(folder);
  if (!shared) {
    shared = (async () => {
      mkdirSync(folder, { recursive: true });
      const pglite = await newPglite(folder);
      const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
      await migrate(db);
      return { db, copyInto: pgliteCopy(db, pglite), users: 0 };
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
    copyInto: entry.copyInto,
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

/**
 * The store being opened, or an AbortError as soon as `signal` aborts: a stop
 * does not wait for an initdb or the migrations. The open goes on behind (a
 * PGlite half loaded into its folder is not cut off), and is closed once done.
 */
function unlessAborted(opening: Promise<Store>, signal: AbortSignal | undefined): Promise<Store> {
  if (!signal) return opening;
  const closeLater = () => {
    opening.then((store) => store.close()).catch(() => undefined);
  };
  if (signal.aborted) {
    closeLater();
    return Promise.reject(abortError(signal));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      closeLater();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(
      (store) => {
        signal.removeEventListener('abort', onAbort);
        resolve(store);
      },
      (fout: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(fout instanceof Error ? fout : new Error(String(fout)));
      },
    );
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('store: open aborted', 'AbortError');
}

/** Opens the store and brings its schema up to date (the migrations run at every start; done ones are skipped). */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.signal?.aborted) throw abortError(options.signal);
  const store = await unlessAborted(
    options.databaseUrl !== undefined ? openPostgres(options.databaseUrl) : openPglite(options.dataDir),
    options.signal,
  );
  options.log?.(`store: ${store.where}`);
  return store;
}
