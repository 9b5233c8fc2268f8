import { erkenningen } from './server.ts';

await erkenningen.listen();
