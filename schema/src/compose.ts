/**
 * Composes the subgraph SDLs into schema/supergraph.graphql with Apollo's
 * composition. `--check` composes in memory and fails when the committed file
 * differs, so that the supergraph in the repository is always the composed one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultRoutingUrl, readSdl, SUBGRAPHS, SUPERGRAPH_FILE } from './subgraphs.ts';

const controle = process.argv.includes('--check');

const resultaat = composeServices(
  SUBGRAPHS.map((s) => ({ name: s.naam, url: defaultRoutingUrl(s), typeDefs: parse(readSdl(s)) })),
);

for (const hint of resultaat.hints ?? []) console.log(`hint ${hint.definition.code}: ${hint.message}`);
if (resultaat.errors) {
  for (const fout of resultaat.errors) console.error(`composition error: ${fout.message}`);
  process.exit(1);
}
const supergraph = `${resultaat.supergraphSdl.trimEnd()}\n`;

if (controle) {
  let vastgelegd = '';
  try {
    vastgelegd = readFileSync(SUPERGRAPH_FILE, 'utf8');
  } catch {
    // no committed file yet: differs
  }
  if (vastgelegd !== supergraph) {
    console.error('schema/supergraph.graphql is out of date: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is up to date.');
} else {
  writeFileSync(SUPERGRAPH_FILE, supergraph);
  console.log(`wrote schema/supergraph.graphql (${SUBGRAPHS.map((s) => s.naam).join(', ')})`);
}
