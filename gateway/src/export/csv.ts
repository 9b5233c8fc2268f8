import { stringify } from 'csv-stringify/sync';

/** A byte-order mark, so that Excel reads the file as UTF-8 (it assumes the local code page otherwise). */
const BOM = '\uFEFF';

/** One row of an export: a column name (a dotted field path) and its value. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * A number the way Excel in Flanders reads it: a decimal comma. Integers are
 * written as they are; a float keeps every digit the graph gave.
 */
function numberCell(waarde: number): string {
  return String(waarde).replace('.', ',');
}

/**
 * A text that Excel would run as a formula (a partner's name "=HYPERLINK(…)")
 * gets a leading apostrophe, as OWASP advises against CSV injection; numbers
 * are written as numbers, so a negative count is never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(waarde: unknown): string {
  if (waarde === null || waarde === undefined) return '';
  if (typeof waarde === 'number') return numberCell(waarde);
  if (typeof waarde === 'boolean') return waarde ? 'true' : 'false';
  if (Array.isArray(waarde)) return waarde.map(cell).join(', ');
  if (typeof waarde === 'string') return FORMULA_START.test(waarde) ? `'${waarde}` : waarde;
  return JSON.stringify(waarde);
}

/**
 * Writes rows as CSV the way Excel in Flanders opens it: `;` between fields,
 * UTF-8 with a byte-order mark, CRLF line ends, a header row of the column
 * names. The columns are the union of the rows' keys in first-seen order, so a
 * field that is absent from the first row still gets its column.
 */
export function toCsv(rows: readonly Row[], columns: readonly string[] = columnsOf(rows)): string {
  const records = rows.map((row) => columns.map((kolom) => cell(row[kolom])));
  return (
    BOM +
    stringify([columns, ...records], {
      delimiter: ';',
      record_delimiter: 'windows',
    })
  );
}

/**
 * The columns of the rows in first-seen order. A null object (a cell without a
 * gemeente) is a column of its own only when no row has its fields: where
 * another row has `vestiging.vestigingsnummer`, a bare `vestiging` column would
 * say nothing the empty field columns do not.
 */
export function columnsOf(rows: readonly Row[]): string[] {
  const kolommen = new Set<string>();
  for (const row of rows) for (const kolom of Object.keys(row)) kolommen.add(kolom);
  const ouders = new Set(
    [...kolommen].flatMap((k) =>
      k
        .split('.')
        .slice(0, -1)
        .map((_, i, d) => d.slice(0, i + 1).join('.')),
    ),
  );
  return [...kolommen].filter((k) => !ouders.has(k));
}
