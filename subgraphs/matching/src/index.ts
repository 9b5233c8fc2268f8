import { matching } from './server.ts';

await matching.listen();
