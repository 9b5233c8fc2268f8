import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

/** Brings a database's schema up to date; done migrations are skipped. */
export async function migrate(db: Kysely<Database>): Promise<void> {
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
