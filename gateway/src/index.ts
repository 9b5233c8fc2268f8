import { configOrExit } from '@duaal-graph/domein/settings';
import { closeOnTerm } from '@duaal-graph/subgraph-toolkit';
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
const { logger } = dienst.gateway.telemetry;
logger.info({ url }, `gateway at ${url} (supergraph ${config.supergraphPad})`);
if (!config.productie)
  logger.info(
    `try:  curl -s ${url} -H 'content-type: application/json' -d '${JSON.stringify({ query: VOORBEELD.replace(/\s+/g, ' ') })}'`,
  );
closeOnTerm(dienst, config.shutdownGraceS, dienst.gateway.telemetry);
