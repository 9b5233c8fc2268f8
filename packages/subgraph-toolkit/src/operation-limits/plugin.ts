import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { requestError } from '../error-codes.ts';
import type { CostDirectives } from './list-sizes.ts';
import { measureOperation } from './measure.ts';
import { MeasurementCache } from './measurement-cache.ts';
import { tooComplex, type OperationLimits } from './settings.ts';

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
}

/** A GET may carry queries only; Apollo says so itself, but only for an operation it resolved. */
function getNotAllowed(): GraphQLError {
  return requestError(
    'BAD_REQUEST',
    'Een GET-verzoek mag alleen queries bevatten; stuur een mutatie met POST.',
    {},
    { status: 405, headers: { allow: 'POST' } },
  );
}

function unresolved(operationName: string | undefined, operations: number): GraphQLError {
  const message =
    operationName === undefined
      ? `Het document bevat ${operations} operaties: noem in operationName de operatie die moet lopen.`
      : operationName === ''
        ? 'operationName is leeg: laat het weg, of noem een operatie van het document.'
        : `operationName "${operationName.slice(0, 100)}" noemt geen operatie van het document.`;
  return requestError('BAD_REQUEST', message);
}

/**
 * Resolves the operation and holds it to the limits, once, before anything runs
 * (before the gateway plans it; before a subgraph executes it):
 *
 * - a GET whose document holds a mutation is 405, whatever `operationName` says;
 * - Apollo resolves the operation from `operationName` (graphql-js's rule, which
 *   execution follows); the operation it resolves is measured, and passes or is
 *   QUERY_TOO_COMPLEX;
 * - when Apollo resolves none (an empty or unknown `operationName`, several
 *   operations and no name), every operation of the document is measured, so a
 *   hostile document is refused as QUERY_TOO_COMPLEX as it would be without the
 *   name, and otherwise the request is BAD_REQUEST: never run unmeasured. The
 *   gateway's executor reads an empty name as "no name", which is why refusing
 *   matters.
 *
 * The token limit is the parser's (`parseOptions.maxTokens`), the body limit the listener's.
 */
export function operationLimitsPlugin<C extends BaseContext>(options: {
  readonly limits: OperationLimits;
  /** The cost directives of the schema a request runs on. */
  readonly costDirectives: (schema: GraphQLSchema) => CostDirectives;
}): ApolloServerPlugin<C> {
  const { limits } = options;
  const cache = new MeasurementCache(limits);
  const refusal = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    request: { operationName?: string; variables?: Record<string, unknown>; http?: { method: string } },
  ): GraphQLError | null => {
    if (
      request.http?.method === 'GET' &&
      operationsOf(document).some((o) => o.operation !== OperationTypeNode.QUERY)
    )
      return getNotAllowed();
    const costs = options.costDirectives(schema);
    if (operation) {
      // Per operation and the values of the variables it reads, not per request (measurement-cache.ts).
      const excess = cache.excess(schema, costs, document, operation, request.variables);
      return excess ? tooComplex(excess.grens, excess.waarde, excess.maximum) : null;
    }
    const operations = operationsOf(document);
    for (const measured of operations) {
      const { excess } = measureOperation(schema, costs, document, measured, request.variables, limits);
      if (excess) return tooComplex(excess.grens, excess.waarde, excess.maximum);
    }
    return unresolved(request.operationName, operations.length);
  };
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, operation, request }) => {
          const error = refusal(schema, document, operation, request);
          return error ? Promise.reject(error) : Promise.resolve();
        },
      }),
  };
}
