import { takeUnregisteredErrorCodes } from '@duaal-graph/subgraph-toolkit';
import { afterEach } from 'vitest';

/**
 * Fails the test during which the graph answered an error code the registry does
 * not know (packages/subgraph-toolkit/src/error-codes.ts): in development and in
 * tests the error format reports each one, so a new code cannot slip past the
 * registry, its production visibility and its HTTP status.
 */
afterEach(() => {
  const codes = takeUnregisteredErrorCodes();
  if (codes.length > 0)
    throw new Error(
      `The graph answered unregistered error codes: ${[...new Set(codes)].join(', ')}. Declare them in packages/subgraph-toolkit/src/error-codes.ts.`,
    );
});
