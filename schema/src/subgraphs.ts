import { readFileSync } from 'node:fs';

/** A subgraph of the graph: where its SDL lives and where it answers by default. */
export interface SubgraphDefinitie {
  readonly naam: string;
  readonly sdl: URL;
  readonly standaardPoort: number;
  /** The environment variable that points the gateway at another address. */
  readonly urlVariabele: string;
}

export const SUBGRAPHS: readonly SubgraphDefinitie[] = [
  { naam: 'erkenningen', standaardPoort: 4001 },
  { naam: 'onderwijsaanbod', standaardPoort: 4002 },
  { naam: 'vacatures', standaardPoort: 4003 },
  { naam: 'matching', standaardPoort: 4004 },
  { naam: 'radar', standaardPoort: 4005 },
].map(({ naam, standaardPoort }) => ({
  naam,
  sdl: new URL(`../../subgraphs/${naam}/src/schema.graphql`, import.meta.url),
  standaardPoort,
  urlVariabele: `${naam.toUpperCase()}_SUBGRAPH_URL`,
}));

export function defaultRoutingUrl(definitie: SubgraphDefinitie): string {
  return `http://localhost:${definitie.standaardPoort}/graphql`;
}

export function readSdl(definitie: SubgraphDefinitie): string {
  return readFileSync(definitie.sdl, 'utf8');
}

export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);
