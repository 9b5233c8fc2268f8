/**
 * Writes the error registry's table into the README, between its markers:
 *   npm run errors:table
 * The unit test of the registry fails while the README's table differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { ERROR_TABLE_MARKERS, renderErrorTable } from '../src/error-codes.ts';

const readme = new URL('../../../README.md', import.meta.url);
const text = readFileSync(readme, 'utf8');
const [start, end] = ERROR_TABLE_MARKERS;
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
const updated = `${text.slice(0, from + start.length)}\n\n${renderErrorTable()}\n\n${text.slice(to)}`;
const options = JSON.parse(
  readFileSync(new URL('../../../.prettierrc.json', import.meta.url), 'utf8'),
) as object;
writeFileSync(readme, await format(updated, { ...options, parser: 'markdown' }));
console.log('README.md: error table written from packages/subgraph-toolkit/src/error-codes.ts');
