import { leesConfig } from './config.ts';
import { startErkenningen } from './server.ts';

const config = leesConfig();
const dienst = await startErkenningen(config);
console.log(`subgraph erkenningen at ${dienst.url}/graphql (reference date ${config.referentiedatum()})`);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
