import { configOrExit } from '@duaal-graph/domein/settings';
import { leesConfig } from './config.ts';
import { startMockServer } from './server.ts';
import { PARTNERS } from './wereld/vuil.ts';

const config = configOrExit('mock partners', () => leesConfig());
const begin = performance.now();
const mock = await startMockServer(config);
const wereld = mock.wereld;
console.log(
  `mock partners ready in ${Math.round(performance.now() - begin)} ms at ${mock.url} ` +
    `(scale ${String(config.schaal)}, seed ${config.seed}, reference date ${config.referentiedatum}, dirt ${config.vuil}, latency ${config.latentieMs} ms)`,
);
for (const partner of PARTNERS) console.log(`  ${mock.url}/${partner}`);
console.log(
  `  ${wereld.ondernemingen.erkend.length} ondernemingen in the sector databanks, ${wereld.onderwijs.instellingen.length} instellingen, ` +
    `${wereld.onderwijs.aanbod.length} aanbod rows, ${wereld.vdab.vacatures.length} vacatures, ${wereld.lerenden.length} lerenden, ${wereld.matches.length} matches`,
);
console.log(`  test hooks: ${mock.url}/_mock/health, /_mock/stats, /_mock/faults, /_mock/vuil`);

const stop = (signaal: string) => {
  console.log(`mock partners stopping (${signaal})`);
  void mock.stop().then(() => process.exit(0));
};
process.once('SIGINT', () => {
  stop('SIGINT');
});
process.once('SIGTERM', () => {
  stop('SIGTERM');
});
