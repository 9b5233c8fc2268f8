import { leesConfig } from './config.ts';
import { startOnderwijsaanbod } from './server.ts';

const config = leesConfig();
const dienst = await startOnderwijsaanbod(config);
console.log(
  `subgraph onderwijsaanbod at ${dienst.url}/graphql (register ${config.onderwijsUrl}, school year ${config.schooljaar})`,
);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
