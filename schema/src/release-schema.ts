/**
 * `npm run schema:release -- "<label>"`: releases the schema as it composes
 * now. Writes its API schema to schema/released.graphql, the baseline of
 * `check:schema`, and closes the changelog's "Unreleased" section under the
 * label (e.g. "Release 2027-01 (issues 12 and 17)"). Run it when a version of
 * the graph goes to its clients, not at every merge.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CHANGELOG_FILE, composedApiSchema, RELEASED_FILE, releaseChangelog } from './schema-gate.ts';

const label = process.argv.slice(2).join(' ').trim();
if (label === '') {
  console.error('usage: npm run schema:release -- "<label of the release>"');
  process.exit(1);
}
writeFileSync(RELEASED_FILE, composedApiSchema());
writeFileSync(CHANGELOG_FILE, releaseChangelog(readFileSync(CHANGELOG_FILE, 'utf8'), label));
console.log(`released the schema as "${label}": schema/released.graphql and schema/CHANGELOG.md`);
