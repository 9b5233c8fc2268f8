import type { ApolloGateway } from '@apollo/gateway';
import { readCostDirectives, type CostDirectives } from '@duaal-graph/subgraph-toolkit';
import { parse, type GraphQLSchema } from 'graphql';

/**
 * The list sizes and weights (`@listSize`, `@cost`) of the supergraph the gateway
 * runs, for the operation limits. The API schema Apollo hands the plugins has
 * lost its applied directives, so they are read from the supergraph's text at
 * every load, and kept per API schema: a request under way on the old schema
 * is measured with the old sizes.
 */
export function supergraphCostDirectives(gateway: ApolloGateway): (schema: GraphQLSchema) => CostDirectives {
  const bySchema = new WeakMap<GraphQLSchema, CostDirectives>();
  let latest: CostDirectives = new Map();
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    latest = readCostDirectives(parse(coreSupergraphSdl));
    bySchema.set(apiSchema, latest);
  });
  return (schema) => bySchema.get(schema) ?? latest;
}
