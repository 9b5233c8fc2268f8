import { radar } from './server.ts';

await radar.listen();
