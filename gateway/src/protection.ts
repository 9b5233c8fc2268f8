import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import { operationLimitsPlugin, type CostDirectives } from '@duaal-graph/subgraph-toolkit';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './subgraph-sources.ts';
import type { GatewayConfig } from './config.ts';
import { makeErrorFormatter } from './error-formatting.ts';
import { manifestStore, readManifest, trustedDocumentsPlugin, type Manifest } from './trusted-documents.ts';
import { EXPORTS } from './export/definitions.ts';
import { scalarLiteralsRule } from './scalar-literals.ts';

/** The gateway's own export operations are code of this repository: trusted beside the clients' manifest. */
const withExports = (manifest: Manifest): Manifest => ({
  opId: manifest.opId,
  teksten: new Set([...manifest.teksten, ...EXPORTS.map((e) => e.document)]),
});

type Opties = Omit<ApolloServerOptionsWithGateway<GatewayContext>, 'gateway' | 'plugins'>;

/**
 * The gateway's protection against abuse, as Apollo options and plugins: the
 * operation limits, trusted documents, CSRF prevention, no batching, no
 * introspection, suggestions or internals in production. The request log is
 * the toolkit's observability plugin (server.ts).
 * The rate limit and the body limit sit in front of Apollo (server.ts, the listener).
 */
export function protection(
  config: GatewayConfig,
  costDirectives: (schema: GraphQLSchema) => CostDirectives,
): {
  readonly opties: Opties;
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
} {
  const manifest = config.vertrouwdeManifest ? withExports(readManifest(config.vertrouwdeManifest)) : null;
  return {
    opties: {
      ...(config.productie ? { nodeEnv: 'production' } : {}),
      introspection: !config.productie,
      hideSchemaDetailsFromClientErrors: config.productie,
      includeStacktraceInErrorResponses: !config.productie,
      formatError: makeErrorFormatter({ productie: config.productie, alleenVertrouwd: manifest !== null }),
      // A browser may send a "simple" request (text/plain, a form, a GET) cross-site without asking: refuse those.
      csrfPrevention: true,
      // One operation per request, so that every operation passes the limits and the rate limit on its own.
      allowBatchedHttpRequests: false,
      parseOptions: { maxLexicalTokens: config.grenzen.tokens },
      validationRules: [scalarLiteralsRule],
      ...(manifest ? { persistedQueries: manifestStore(manifest) } : {}),
    },
    plugins: [
      // The trusted-documents check first: an unregistered operation is refused as that, whatever its size.
      ...(manifest ? [trustedDocumentsPlugin<GatewayContext>(manifest)] : []),
      operationLimitsPlugin<GatewayContext>({ limits: config.grenzen, costDirectives }),
    ],
  };
}
