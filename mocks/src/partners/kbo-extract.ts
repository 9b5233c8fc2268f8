import { Readable } from 'node:stream';
import { plusDagen } from '@duaal-graph/domein';
import { stringify } from 'csv-stringify';
import { ZipFile } from 'yazl';
import { naceCodes, VASTE_CODES } from '../wereld/kbo-codes.ts';
import {
  entiteitVan,
  KBO_KOLOMMEN,
  KBO_TABELLEN,
  kboDatum,
  type KboExtract,
  type KboTabel,
  type KboWijziging,
} from '../wereld/kbo.ts';

/**
 * Writes a KBO Open Data extract as the zip of CSV files that kbo.md
 * describes, as a stream: rows are turned into CSV and compressed as the zip
 * is read, so no extract, however large, is ever held whole in memory.
 */

type Row = Readonly<Record<string, string>>;

interface ZipEntry {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: () => Iterable<Row>;
}

/** UTF-8, comma-separated, every value quoted, a header row. */
function csvStream(entry: ZipEntry): Readable {
  return Readable.from(entry.rows()).pipe(
    stringify({ header: true, columns: [...entry.columns], quoted: true, quoted_empty: true }),
  );
}

function metaRows(extract: KboExtract): Row[] {
  return [
    { Variable: 'SnapshotDate', Value: kboDatum(extract.datum) },
    // The register builds an extract in the night after its snapshot date.
    { Variable: 'ExtractTimestamp', Value: `${kboDatum(plusDagen(extract.datum, 1))} 03:15:00` },
    { Variable: 'ExtractType', Value: extract.soort },
    { Variable: 'ExtractNumber', Value: String(extract.nummer) },
    { Variable: 'Version', Value: '1.0.0' },
  ];
}

function* codeRows(): Generator<Row> {
  for (const [category, code, nl, fr] of VASTE_CODES) {
    yield { Category: category, Code: code, Language: 'NL', Description: nl };
    yield { Category: category, Code: code, Language: 'FR', Description: fr };
  }
  for (const { versie, nace } of naceCodes())
    yield { Category: `Nace${versie}`, Code: nace.code, Language: 'NL', Description: nace.omschrijving };
}

/**
 * Per table, what an update holds: the entities whose rows changed (to delete
 * first) and their rows as they now are (to insert). An entity that gained its
 * first rows is only inserted.
 */
export function updateRows(
  changes: readonly KboWijziging[],
  table: KboTabel,
): { deletes: string[]; inserts: Row[] } {
  const deletes: string[] = [];
  const inserts: Row[] = [];
  for (const change of changes) {
    const before: readonly Row[] = change.oud?.[table] ?? [];
    const after: readonly Row[] = change.nieuw?.[table] ?? [];
    const entities = new Set([...before, ...after].map((r) => entiteitVan(table, r)));
    for (const entity of entities) {
      const old = before.filter((r) => entiteitVan(table, r) === entity);
      const now = after.filter((r) => entiteitVan(table, r) === entity);
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      if (old.length > 0) deletes.push(entity);
      inserts.push(...now);
    }
  }
  return { deletes, inserts };
}

function entries(extract: KboExtract): ZipEntry[] {
  const meta: ZipEntry = { name: 'meta.csv', columns: ['Variable', 'Value'], rows: () => metaRows(extract) };
  if (extract.soort === 'full') {
    return [
      meta,
      { name: 'code.csv', columns: ['Category', 'Code', 'Language', 'Description'], rows: codeRows },
      ...KBO_TABELLEN.map((table) => ({
        name: `${table}.csv`,
        columns: KBO_KOLOMMEN[table],
        rows: function* () {
          for (const record of extract.records) yield* record[table] as readonly Row[];
        },
      })),
    ];
  }
  return [
    meta,
    ...KBO_TABELLEN.flatMap((table) => [
      {
        name: `${table}_delete.csv`,
        columns: ['EntityNumber'],
        rows: () => updateRows(extract.wijzigingen, table).deletes.map((e) => ({ EntityNumber: e })),
      },
      {
        name: `${table}_insert.csv`,
        columns: KBO_KOLOMMEN[table],
        rows: () => updateRows(extract.wijzigingen, table).inserts,
      },
    ]),
  ];
}

/** The zip of an extract as a stream; the same extract gives the same bytes. */
export function extractStream(extract: KboExtract): NodeJS.ReadableStream {
  const zip = new ZipFile();
  // A fixed time, without the extended UTC field, so that the bytes repeat.
  const mtime = new Date(`${extract.datum}T00:00:00`);
  for (const entry of entries(extract)) {
    zip.addReadStreamLazy(entry.name, { mtime, forceDosTimestamp: true, compress: true }, (cb) => {
      cb(null, csvStream(entry));
    });
  }
  zip.end();
  return zip.outputStream;
}
