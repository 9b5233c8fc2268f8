import { leesConfig } from './config.ts';
import { startMatching } from './server.ts';

const config = leesConfig();
const dienst = await startMatching(config);
console.log(`subgraph matching at ${dienst.url}/graphql (Kazi ${config.kazi.url})`);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
