import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  bouwSubgraaf,
  Momentopname,
  startSubgraaf,
  uitMomentopnamen,
  type GestarteDienst,
} from '@duaal-graph/domein/subgraaf';
import { parse, type GraphQLSchema } from 'graphql';
import { leesConfig, type MatchingConfig } from './config.ts';
import { maakContext, type MatchingContext } from './context.ts';
import { KaziClient } from './kazi/client.ts';
import { MatchRegister } from './matchregister.ts';
import { maakResolvers } from './resolvers.ts';
import { lerendeRegel, Toegang } from './toegang.ts';
import { leesZoekenden, type ZoekendenIndex } from './zoekenden.ts';

export { leesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface MatchingSubgraaf {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<MatchingContext>;
  /** The counts behind the radar; learners themselves are always read live. */
  readonly zoekenden: Momentopname<ZoekendenIndex>;
  readonly context: () => Promise<Omit<MatchingContext, 'gebruiker'>>;
}

/** Builds the subgraph: schema, Apollo server, the Kazi client and the snapshot; nothing is read and nothing listens yet. */
export function maakMatching(config: MatchingConfig = leesConfig()): MatchingSubgraaf {
  const kazi = new KaziClient({
    basisUrl: config.kazi.url,
    apiKey: config.kazi.apiKey,
    timeoutMs: config.partnerTimeoutMs,
  });
  const zoekenden = new Momentopname<ZoekendenIndex>({
    bron: 'KAZI',
    laad: () => leesZoekenden(kazi, VLAANDEREN),
    intervalMs: config.verversIntervalMs,
    // The partner's error only: Kazi's error bodies and our messages name ids, never a learner's data.
    log: (regel) => {
      console.warn(`matching: ${regel}`);
    },
  });
  const register = new MatchRegister();
  const toegang = new Toegang(lerendeRegel(typeDefs));
  const { schema, apollo } = bouwSubgraaf<MatchingContext>(typeDefs, maakResolvers(toegang, zoekenden));
  return { schema, apollo, zoekenden, context: () => Promise.resolve(maakContext(kazi, register)) };
}

/** Starts the subgraph: the first read of Kazi's lerenden and the listener. Port 0 picks a free port. */
export async function startMatching(
  config: MatchingConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: MatchingSubgraaf }> {
  const subgraaf = maakMatching(config);
  const dienst = await startSubgraaf({
    ...subgraaf,
    gegevens: uitMomentopnamen(subgraaf.zoekenden),
    poort: config.poort,
    host: config.host,
  });
  return { ...dienst, subgraaf };
}
