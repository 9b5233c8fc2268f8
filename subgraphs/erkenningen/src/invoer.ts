/** The identifier checks of this subgraph's arguments: the shared ones. */
export {
  controleerNis,
  controleerOndernemingsnummer,
  controleerRegio,
  controleerVestigingsnummer,
  opleidingscode,
} from '@duaal-graph/subgraph-toolkit';
