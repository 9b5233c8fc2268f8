import { onderwijsaanbod } from './server.ts';

await onderwijsaanbod.listen();
