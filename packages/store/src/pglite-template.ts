import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker's file beside this one: `.ts` from the sources (tsx), `.js` when compiled. */
const WORKER = new URL(
  `./template-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * From the sources (a test runner, `tsx src/index.ts`) the worker registers
 * tsx before it imports its `.ts` file: a worker inherits neither tsx's
 * loader nor a test runner's transform. Compiled, it is the `.js` file itself.
 */
function startWorker(): Worker {
  if (!WORKER.pathname.endsWith('.ts')) return new Worker(WORKER);
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER.href)}); })`,
    { eval: true },
  );
}

/** Runs template-worker.ts: the migrated empty cluster, dumped. */
function dumpInWorker(): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let dump: ArrayBuffer | undefined;
    worker.once('message', (bytes: ArrayBuffer) => {
      dump = bytes;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (dump) resolve(dump);
      else reject(new Error(`store: the PGlite template's worker ended with ${String(code)} and no dump`));
    });
  });
}

/**
 * A new PGlite cluster costs an initdb in WebAssembly: seconds, tens of them
 * on a busy machine, for every new data folder (every test's). A dump of an
 * empty cluster with the schema already migrated is made once per machine
 * (in the temporary folder, named after PGlite's version and the migrations)
 * and loaded into every new folder instead, which is several times faster.
 * It is made in a worker thread: the initdb is one synchronous call, which on
 * the main thread would hold a SIGTERM during a service's first start for as
 * long (13.6 s with a grace of 4 s).
 */
export async function pgliteTemplate(migrationNames: readonly string[]): Promise<Blob> {
  const key = createHash('sha256')
    .update(JSON.stringify([PGLITE_VERSION, migrationNames]))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `duaal-pglite-template-${key}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const dump = await dumpInWorker();
  // Beside it first, then a rename: another process never reads half a file.
  const partial = `${file}.${String(process.pid)}.tmp`;
  await writeFile(partial, Buffer.from(dump));
  await rename(partial, file).catch(async () => rm(partial, { force: true }));
  return new Blob([dump]);
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
