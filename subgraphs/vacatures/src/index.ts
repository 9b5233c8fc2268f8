import { vacatures } from './server.ts';

await vacatures.listen();
