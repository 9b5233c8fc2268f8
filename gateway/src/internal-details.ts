import type { GraphQLFormattedError } from 'graphql';

/** Extensions that tell about the inside of the graph: which subgraph, which line of code. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'serviceName', 'subgraph'];

/**
 * An error as production shows it: without the extensions above, and a
 * PARTNER_UNAVAILABLE worded from its source and reason alone, since the
 * message a subgraph or a partner client wrote may carry a subgraph's name, a
 * host or a path (a refused connection names its address).
 */
export function withoutInternalDetails(error: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = Object.fromEntries(
    Object.entries(error.extensions ?? {}).filter(([name]) => !INTERNAL_EXTENSIONS.includes(name)),
  );
  const { code, bron, reden } = extensions;
  const message =
    code === 'PARTNER_UNAVAILABLE' && typeof bron === 'string' && typeof reden === 'string'
      ? `Bron ${bron} is niet beschikbaar (${reden}).`
      : code === 'PARTNER_UNAVAILABLE'
        ? 'Een bron is niet beschikbaar.'
        : error.message;
  return { ...error, message, extensions };
}
