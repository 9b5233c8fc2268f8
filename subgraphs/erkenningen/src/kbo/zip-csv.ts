import { parse } from 'csv-parse';
import { openPromise } from 'yauzl';

/** One CSV row keyed by the file's header. */
export type CsvRij = Readonly<Record<string, string>>;

/**
 * Reads the CSV files of a zip on disk one after the other, each row as it
 * comes: yauzl inflates one entry at a time from the file and csv-parse parses
 * the stream, so memory holds a row and the buffers of the streams, whatever
 * the size of the file. `lees` gets every file the zip holds; a file it does
 * not want it leaves unread (`false`), and its bytes are never inflated.
 */
export async function leesZipCsv(
  pad: string,
  wil: (bestand: string) => boolean,
  lees: (bestand: string, rijen: AsyncIterable<CsvRij>) => Promise<void>,
): Promise<string[]> {
  const zip = await openPromise(pad, { lazyEntries: true, autoClose: true });
  const bestanden: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      bestanden.push(entry.fileName);
      if (entry.fileName.endsWith('/') || !wil(entry.fileName)) continue;
      const stroom = await zip.openReadStreamPromise(entry);
      // The header names the columns; every value is a quoted string, empty ones included.
      const rijen = stroom.pipe(parse({ bom: true, columns: true, skip_empty_lines: true }));
      try {
        await lees(entry.fileName, rijen as AsyncIterable<CsvRij>);
      } finally {
        stroom.destroy();
      }
    }
  } finally {
    zip.close();
  }
  return bestanden;
}
