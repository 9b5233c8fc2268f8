import { existsSync } from 'node:fs';
import { readWebConfig, startWeb } from './server.ts';

const config = readWebConfig();
if (config.dist !== null && !existsSync(`${config.dist}/index.html`)) {
  console.error(`web: no built app in ${config.dist}: run \`npm run build -w @duaal-graph/web\` first.`);
  process.exit(1);
}
const web = await startWeb(config);
console.log(
  `Radar Duaal web app: ${web.url}/ (graph: ${config.gatewayUrl}/graphql${config.graphiql ? `, GraphiQL: ${web.url}/graphiql` : ''})`,
);
const stop = () => {
  void web.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
