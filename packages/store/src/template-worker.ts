import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';

/*
 * The template's initdb and migrations, off the service's main thread: initdb
 * in WebAssembly is one synchronous call of 20 s and more on a busy machine,
 * during which the main thread would not even see a SIGTERM.
 */
const pglite = new PGlite();
try {
  await migrate(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }));
  const dump = await (await pglite.dumpDataDir('gzip')).arrayBuffer();
  parentPort?.postMessage(dump, [dump]);
} finally {
  await pglite.close();
}
