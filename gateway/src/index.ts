import { configOrExit } from '@duaal-graph/domein/settings';
import { leesConfig } from './config.ts';
import { startGateway } from './server.ts';

const VOORBEELD = `{
  ondernemingen(first: 2, filter: { sector: VOLTA }) {
    edges { node {
      ondernemingsnummer naam
      erkenningen { sector status geldigTot opleiding { naam aanbod { school { naam } gemeente { naam } } } }
    } }
  }
  radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR) {
    regio { naam } opleiding { naam } aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken witteVlek signalen
  }
}`;

const config = configOrExit('gateway', () => leesConfig());
const dienst = await startGateway(config);
const url = `${dienst.url}/graphql`;
console.log(`gateway at ${url} (supergraph ${config.supergraphPad})`);
console.log(
  `try:\n  curl -s ${url} -H 'content-type: application/json' -d '${JSON.stringify({ query: VOORBEELD.replace(/\s+/g, ' ') })}'`,
);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
