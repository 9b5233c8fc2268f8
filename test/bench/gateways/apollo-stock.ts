/**
 * Stock @apollo/gateway on @apollo/server's standalone server, in front of the
 * same subgraphs as the project's gateway: the baseline of `bench:gateways`.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const poort = Number(process.env['BENCH_PORT']);
const supergraphSdl = readFileSync(String(process.env['BENCH_SUPERGRAPH']), 'utf8');
const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ url }) => new RemoteGraphQLDataSource({ url: url ?? '' }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: poort, host: '127.0.0.1' } });
console.log(`apollo-stock at ${url}`);
