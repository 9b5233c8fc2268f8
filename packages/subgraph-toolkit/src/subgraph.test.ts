import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSubgraph } from './subgraph.ts';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  "Een vraag."
  type Query { "Een antwoord." hallo: String }
`);

describe('buildSubgraph', () => {
  const nodeEnv = process.env['NODE_ENV'];
  afterEach(() => {
    process.env['NODE_ENV'] = nodeEnv;
  });

  // Outside tests Apollo would stop itself on SIGTERM beside closeOnTerm, whose own stop() then never
  // returned (a bench's subgraphs hung after their drain until killed). Vitest sets NODE_ENV=test, under
  // which Apollo never listens: the service's own setting is what is asked here.
  it.each(['production', 'development'])(
    'leaves SIGTERM and SIGINT to the service (NODE_ENV=%s)',
    async (env) => {
      process.env['NODE_ENV'] = env;
      const voor = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
      const { apollo } = buildSubgraph(typeDefs, { Query: { hallo: () => 'dag' } }, { production: false });
      await apollo.start();
      try {
        expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(voor);
      } finally {
        await apollo.stop();
      }
    },
  );
});
