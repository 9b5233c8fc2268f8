import { leesConfig } from './config.ts';
import { startVacatures } from './server.ts';

const config = leesConfig();
const dienst = await startVacatures(config);
const index = dienst.subgraaf.bestanden.vacatures.index;
console.log(
  `subgraph vacatures at ${dienst.url}/graphql (VDAB ${config.vdab.url}, ${index?.aantal ?? 0} vacatures, sync every ${config.syncIntervalMs / 1000} s)`,
);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
