/**
 * `npm run settings:table`: writes the README's settings table and turbo's
 * pass-through list for `start` from the services' settings schemas.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { SERVICES } from './catalogue.ts';
import { passThrough, renderTable, settingRows, withTable } from './table.ts';

const ROOT = new URL('../../', import.meta.url);

async function write(file: URL, text: string): Promise<void> {
  const config = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...config, filepath: file.pathname }));
}

const readmeFile = new URL('README.md', ROOT);
await write(readmeFile, withTable(readFileSync(readmeFile, 'utf8'), renderTable(settingRows(SERVICES))));

const turboFile = new URL('turbo.json', ROOT);
const turbo = JSON.parse(readFileSync(turboFile, 'utf8')) as { tasks: { start: { env: string[] } } };
turbo.tasks.start.env = passThrough(SERVICES);
await write(turboFile, JSON.stringify(turbo, null, 2));

console.log(`settings: ${turbo.tasks.start.env.length} names in README.md and turbo.json`);
