/**
 * `npm run check:schema` (part of `npm test`): composes the supergraph and
 * compares its API schema with the last released one (schema/released.graphql).
 * Fails on a breaking change that schema/CHANGELOG.md does not record under
 * "Unreleased" with its reason, and prints the lines to add; lists the
 * dangerous changes. See the README, "Changelog of the schema".
 */
import { readFileSync } from 'node:fs';
import {
  CHANGELOG_FILE,
  changesBetween,
  composedApiSchema,
  entryFor,
  judge,
  readChangelog,
  RELEASED_FILE,
} from './schema-gate.ts';

const verdict = judge(
  await changesBetween(readFileSync(RELEASED_FILE, 'utf8'), composedApiSchema()),
  readChangelog(readFileSync(CHANGELOG_FILE, 'utf8')),
);

for (const c of verdict.dangerous) console.log(`dangerous: ${c.path} ${c.type}: ${c.message}`);
for (const e of verdict.stale)
  console.log(`changelog entry that matches no change since the release: ${e.path} ${e.type}`);
console.log(
  `${String(verdict.breaking.length)} breaking change(s) since the release, ${String(verdict.breaking.length - verdict.unrecorded.length)} recorded; ${String(verdict.dangerous.length)} dangerous.`,
);
if (verdict.unrecorded.length > 0) {
  console.error(
    'Breaking changes to the public schema without an entry in schema/CHANGELOG.md. Add under "## Unreleased", each with its reason:',
  );
  for (const c of verdict.unrecorded) console.error(entryFor(c));
  process.exit(1);
}
