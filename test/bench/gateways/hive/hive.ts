/**
 * Hive Gateway with the Rust query planner (@graphql-hive/router-runtime), on
 * node:http, in front of the same subgraphs: the fastest Node gateway to compare with.
 * Its packages live in this folder's own node_modules (`npm run bench:gateways:setup`),
 * found first from here: Hive needs @graphql-tools/utils 11+, the workspace pins 10.
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';

// Imported by a name TypeScript does not follow: Hive's types augment graphql's GraphQLErrorExtensions
// (`http.headers` as a plain record), which would retype the project's own errors (Apollo's HeaderMap)
// wherever the test workspace is type-checked.
const laad = (naam: string): Promise<unknown> => import(naam);
const { createGatewayRuntime } = (await laad('@graphql-hive/gateway')) as {
  createGatewayRuntime: (opties: Record<string, unknown>) => RequestListener;
};
const { unifiedGraphHandler } = (await laad('@graphql-hive/router-runtime')) as {
  unifiedGraphHandler: unknown;
};

const poort = Number(process.env['BENCH_PORT']);
const supergraph = readFileSync(String(process.env['BENCH_SUPERGRAPH']), 'utf8');
const gateway = createGatewayRuntime({ supergraph, unifiedGraphHandler, logging: false });
createServer(gateway).listen(poort, '127.0.0.1', () => {
  console.log(`hive at http://127.0.0.1:${String(poort)}/graphql`);
});
