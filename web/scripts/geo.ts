/**
 * Writes public/geo/<PROVINCIE>.json from the municipality polygons of
 * ../shared/domain/geo: per provincie its gemeenten (polygon, nisCode, naam,
 * regioCode) and its regio's, each the outline of the union of its gemeenten
 * by the glossary's region table. `--check` fails when a committed file is
 * not what the generator writes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geoForProvince, PROVINCES_OF_GEO } from './geo-build.ts';

const source = fileURLToPath(
  new URL('../../../shared/domain/geo/gemeenten-vlaanderen.geojson', import.meta.url),
);
const target = fileURLToPath(new URL('../public/geo/', import.meta.url));
const check = process.argv.includes('--check');

const collection = JSON.parse(readFileSync(source, 'utf8')) as unknown;
let stale = 0;
mkdirSync(target, { recursive: true });
for (const provincie of PROVINCES_OF_GEO) {
  const text = `${JSON.stringify(geoForProvince(collection, provincie))}\n`;
  const path = `${target}${provincie}.json`;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      // missing: differs
    }
    if (committed !== text) {
      console.error(
        `web/public/geo/${provincie}.json is out of date: run \`npm run geo -w @duaal-graph/web\`.`,
      );
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote web/public/geo/${provincie}.json (${text.length} bytes)`);
  }
}
if (stale > 0) process.exit(1);
if (check) console.log('the map data of every provincie is up to date.');
