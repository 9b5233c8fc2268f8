/**
 * Writes persisted-operations.json (Apollo's persisted query manifest, which the
 * gateway takes as PERSISTED_DOCUMENTS_MANIFEST) and src/graph/hashes.ts from the
 * app's operations in src/graph/operaties, after validating them against
 * schema/supergraph.graphql. `--check` fails when an operation is not valid or a
 * committed file is not what the generator writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiSchema, buildManifest, hashModule, readOperations } from './operations.ts';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const check = process.argv.includes('--check');

const schema = apiSchema(readFileSync(at('../../schema/supergraph.graphql'), 'utf8'));
const manifest = buildManifest(readOperations(at('../src/graph/operaties')), schema);
if ('errors' in manifest) {
  for (const error of manifest.errors) console.error(`operation error: ${error}`);
  process.exit(1);
}
const files = {
  'web/persisted-operations.json': [
    at('../persisted-operations.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  ],
  'web/src/graph/hashes.ts': [at('../src/graph/hashes.ts'), hashModule(manifest)],
} as const;
let stale = false;
for (const [name, [path, text]] of Object.entries(files)) {
  if (!check) {
    writeFileSync(path, text);
    console.log(`wrote ${name}`);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // missing: differs
  }
  if (committed !== text) {
    console.error(
      `${name} is out of date: run \`npm run operations -w @duaal-graph/web\` and commit the result.`,
    );
    stale = true;
  }
}
if (stale) process.exit(1);
if (check)
  console.log(
    `the app's ${manifest.operations.length} operations are valid and their manifest is up to date.`,
  );
