import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * With `DUAAL_E2E_CODE=compiled` the e2e tests run the services' `dist/`: a
 * `dist/` older than its sources would test yesterday's code and pass, so the
 * run stops here and says to build first.
 */
const ROOT = new URL('../../', import.meta.url).pathname;

/** Every workspace that `npm run build` compiles: those with a tsconfig.build.json, and the web server. */
const COMPILED: readonly (readonly [source: string, output: string])[] = [
  ...['gateway', 'mocks', 'schema', 'packages', 'subgraphs'].flatMap((top) =>
    existsSync(join(ROOT, top, 'tsconfig.build.json'))
      ? [[join(top, 'src'), join(top, 'dist')] as const]
      : readdirSync(join(ROOT, top))
          .filter((name) => existsSync(join(ROOT, top, name, 'tsconfig.build.json')))
          .map((name) => [join(top, name, 'src'), join(top, name, 'dist')] as const),
  ),
  ['web/server', 'web/dist-server'],
];

/** Unit tests live beside the sources but are not compiled: changing one does not make `dist/` stale. */
const NOT_COMPILED = /\.test\.tsx?$|test-helpers\.ts$/;

function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || NOT_COMPILED.test(entry.name)) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * An export with no `compiled` entry would load a package's sources beside its
 * `dist/`: two copies of one module (a log sink, a registry) that do not see
 * each other. Only the unit tests' helpers may stay sources.
 */
const sourceOnly = ['packages', 'subgraphs']
  .flatMap((top) => readdirSync(join(ROOT, top)).map((name) => join(top, name)))
  .concat(['gateway', 'mocks', 'schema', 'web'])
  .filter((dir) => existsSync(join(ROOT, dir, 'package.json')))
  .flatMap((dir) => {
    const { exports } = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      exports?: Record<string, unknown>;
    };
    return Object.entries(exports ?? {})
      .filter(([name, target]) => typeof target === 'string' && name !== './test-helpers')
      .map(([name]) => `${dir} ${name}`);
  });
if (sourceOnly.length > 0)
  throw new Error(
    `DUAAL_E2E_CODE=compiled, but these exports have no \`compiled\` entry: ${sourceOnly.join(', ')}`,
  );

const stale = COMPILED.filter(([source, output]) => {
  const dist = join(ROOT, output);
  return !existsSync(dist) || newest(join(ROOT, source)) > newest(dist);
}).map(([, output]) => output);
if (stale.length > 0)
  throw new Error(
    `DUAAL_E2E_CODE=compiled, but ${stale.join(', ')} is missing or older than its sources: run \`npm run build\` first.`,
  );
