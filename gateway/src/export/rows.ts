import type { Row } from './csv.ts';

type Json = Record<string, unknown>;

const isObject = (waarde: unknown): waarde is Json =>
  typeof waarde === 'object' && waarde !== null && !Array.isArray(waarde);

/** A `Telling` (a count that may be suppressed): its cell is the number, empty when suppressed or unknown. */
const isTelling = (waarde: Json): boolean => {
  const sleutels = Object.keys(waarde);
  return sleutels.length === 2 && 'waarde' in waarde && 'onderdrukt' in waarde;
};

/**
 * One item of an answer as one row: nested objects become dotted columns
 * (`opleiding.naam`), a `Telling` becomes its number, a list of scalars one
 * cell. The columns follow the operation's selection, as the answer does.
 */
export function flatten(item: Json, prefix = '', row: Record<string, unknown> = {}): Row {
  for (const [veld, waarde] of Object.entries(item)) {
    const kolom = prefix === '' ? veld : `${prefix}.${veld}`;
    if (isObject(waarde)) {
      if (isTelling(waarde)) row[kolom] = waarde['waarde'];
      else flatten(waarde, kolom, row);
    } else row[kolom] = waarde;
  }
  return row;
}

/** The list at a root field, each item flattened; an absent or null list has no rows. */
export function rowsAt(data: Json, veld: string): Row[] {
  const lijst = data[veld];
  return Array.isArray(lijst) ? lijst.filter(isObject).map((item) => flatten(item)) : [];
}

/** The nodes of a connection at a root field (`edges { node }`), each flattened. */
export function connectionRows(data: Json, veld: string): Row[] {
  const connectie = data[veld];
  if (!isObject(connectie) || !Array.isArray(connectie['edges'])) return [];
  return connectie['edges']
    .filter(isObject)
    .map((edge) => edge['node'])
    .filter(isObject)
    .map((node) => flatten(node));
}

/**
 * Unnests a list within each item: one row per element of `lijst` in every
 * item, the item's own fields first (the item's other lists left out), the
 * element's under `soort`. For `inDeBuurt`: one row per aanbod, vestiging and
 * vacature of each opleiding.
 */
export function unnest(
  items: readonly Json[],
  lijsten: readonly { readonly veld: string; readonly soort: string }[],
): Row[] {
  const rows: Row[] = [];
  const lijstvelden = new Set(lijsten.map((l) => l.veld));
  for (const item of items) {
    const eigen = Object.fromEntries(Object.entries(item).filter(([veld]) => !lijstvelden.has(veld)));
    const basis = flatten(eigen);
    for (const { veld, soort } of lijsten) {
      const lijst = item[veld];
      if (!Array.isArray(lijst)) continue;
      for (const element of lijst.filter(isObject)) rows.push({ ...basis, soort, ...flatten(element) });
    }
  }
  return rows;
}

export { isObject };
