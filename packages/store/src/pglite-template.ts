import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A new PGlite cluster costs an initdb in WebAssembly: seconds, tens of them
 * on a busy machine, for every new data folder (every test's). A dump of an
 * empty cluster with the schema already migrated is made once per machine
 * (in the temporary folder, named after PGlite's version and the migrations)
 * and loaded into every new folder instead, which is several times faster.
 */
export async function pgliteTemplate(
  migrationNames: readonly string[],
  migrate: (pglite: PGlite) => Promise<void>,
): Promise<Blob> {
  const key = createHash('sha256')
    .update(JSON.stringify([PGLITE_VERSION, migrationNames]))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `duaal-pglite-template-${key}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const pglite = new PGlite();
  try {
    await migrate(pglite);
    const dump = await pglite.dumpDataDir('gzip');
    // Beside it first, then a rename: another process never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file).catch(async () => rm(partial, { force: true }));
    return dump;
  } finally {
    await pglite.close();
  }
}

/** Whether a folder already holds a cluster (PostgreSQL writes PG_VERSION first). */
export function holdsCluster(folder: string): boolean {
  return existsSync(join(folder, 'PG_VERSION'));
}

const PGLITE_VERSION: string = (() => {
  try {
    // The package exports no package.json: it lies one folder above its entry point (dist/index.js).
    const url = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    // Without the version the template is still keyed by the migrations; a new PGlite may then reuse an old dump.
    return 'unknown';
  }
})();
