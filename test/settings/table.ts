import type { Setting } from '@duaal-graph/domein/settings';
import type { Service } from './catalogue.ts';

/**
 * The README's settings table and turbo's pass-through list, derived from the
 * services' settings schemas, and the check that the committed files say the same.
 */

export const TABLE_START =
  '<!-- settings:start: `npm run settings:table` writes this table from the schemas -->';
export const TABLE_END = '<!-- settings:end -->';

/** One row of the table: a setting and the services that read it. */
export type Row = readonly [variable: string, standaard: string, readBy: string, meaning: string];

const HEADER: Row = ['variable', 'default', 'read by', 'meaning'];

function readers(names: readonly string[], services: readonly Service[]): string {
  const subgraphs = services.filter((s) => s.subgraph).map((s) => s.name);
  if (!subgraphs.every((n) => names.includes(n))) return names.join(', ');
  const others = names.filter((n) => !subgraphs.includes(n));
  return [...others, 'every subgraph'].join(', ');
}

/** Every setting once, in the order the services declare them; a name declared twice must mean the same. */
export function settingRows(services: readonly Service[]): Row[] {
  const found = new Map<string, { setting: Setting<unknown>; services: string[] }>();
  for (const service of services) {
    for (const setting of service.settings.settings) {
      const earlier = found.get(setting.name);
      if (!earlier) {
        found.set(setting.name, { setting, services: [service.name] });
      } else if (
        earlier.setting.documentedDefault !== setting.documentedDefault ||
        earlier.setting.description !== setting.description
      ) {
        throw new Error(
          `${setting.name} is declared differently by ${earlier.services.join(', ')} and ${service.name}`,
        );
      } else {
        earlier.services.push(service.name);
      }
    }
  }
  return [...found.values()].map(({ setting, services: names }) => [
    `\`${setting.name}\``,
    setting.documentedDefault,
    readers(names, services),
    setting.description,
  ]);
}

/** Every name turbo must pass through to `npm start`'s tasks: the settings and their old names. */
export function passThrough(services: readonly Service[]): string[] {
  const names = services.flatMap((s) => s.settings.settings.flatMap((x) => [x.name, ...x.aliases]));
  return [...new Set(names)];
}

/** The table as Markdown (Prettier aligns it afterwards). */
export function renderTable(rows: readonly Row[]): string {
  const line = (row: Row) => `| ${row.join(' | ')} |`;
  return [line(HEADER), line(['---', '---', '---', '---']), ...rows.map(line)].join('\n');
}

/** The rows of the table between the markers, cells trimmed; null when the markers are missing. */
export function parseTable(readme: string): Row[] | null {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return null;
  return readme
    .slice(start + TABLE_START.length, end)
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    )
    .filter((cells) => cells.length === 4 && !/^-+$/.test(cells[0] ?? ''))
    .slice(1) // the header
    .map((cells) => cells as unknown as Row);
}

/** The README with the table between the markers replaced. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the README lacks the markers ${TABLE_START} … ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

interface Turbo {
  readonly tasks: { readonly start: { readonly env: readonly string[] } };
}

/** What the README and turbo.json lack, or have that no schema declares: empty when they agree. */
export function drift(services: readonly Service[], readme: string, turboJson: string): string[] {
  const problems: string[] = [];
  const expected = settingRows(services);
  const documented = parseTable(readme);
  if (documented === null) return [`the README lacks the settings table markers`];
  const byName = (rows: readonly Row[]) => new Map(rows.map((r) => [r[0], r]));
  const want = byName(expected);
  const have = byName(documented);
  for (const [name, row] of want) {
    const got = have.get(name);
    if (!got) problems.push(`README: ${name} is read but not documented`);
    else if (got.join('|') !== row.join('|'))
      problems.push(`README: ${name} reads "${got.join(' | ')}", the schema says "${row.join(' | ')}"`);
  }
  for (const name of have.keys())
    if (!want.has(name)) problems.push(`README: ${name} is documented but no service reads it`);
  if (problems.length === 0 && documented.map((r) => r[0]).join() !== expected.map((r) => r[0]).join())
    problems.push('README: the settings are not in the order of the schemas');

  const turbo = (JSON.parse(turboJson) as Turbo).tasks.start.env;
  const names = passThrough(services);
  for (const n of names)
    if (!turbo.includes(n)) problems.push(`turbo.json: start does not pass ${n} through`);
  for (const n of turbo)
    if (!names.includes(n)) problems.push(`turbo.json: start passes ${n}, which no service reads`);
  return problems;
}
