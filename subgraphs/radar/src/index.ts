import { leesConfig } from './config.ts';
import { startRadar } from './server.ts';

const config = leesConfig();
const dienst = await startRadar(config);
console.log(`subgraph radar at ${dienst.url}/graphql (register ${config.onderwijsUrl})`);
const stop = () => void dienst.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
