import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on the server of `DATABASE_URL`, so that test files
 * running side by side never see each other's rows; dropped by `drop()`.
 */
export async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `duaal_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The real server the tests may use, from `DATABASE_URL` (set by `.ci/run`); unset, those tests are skipped. */
export const TEST_DATABASE_URL: string | undefined = process.env['DATABASE_URL'] || undefined;
