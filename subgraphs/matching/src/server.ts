import { readFileSync } from 'node:fs';
import { VLAANDEREN } from '@duaal-graph/domein';
import { defineSubgraph, fromSnapshots, Snapshot } from '@duaal-graph/subgraph-toolkit';
import { parse } from 'graphql';
import { MATCHING_SETTINGS, settings } from './config.ts';
import { maakContext, type MatchingContext } from './context.ts';
import { KaziClient } from './kazi/client.ts';
import { MatchRegister } from './matchregister.ts';
import { maakResolvers } from './resolvers.ts';
import { lerendeRegel, Toegang } from './toegang.ts';
import { leesZoekenden, type ZoekendenIndex } from './zoekenden.ts';

export type { MatchingConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Kazi's lerenden, suggesties and matches, read live; only the radar's counts come from a snapshot. */
export const matching = defineSubgraph<
  typeof MATCHING_SETTINGS,
  MatchingContext,
  /** The counts behind the radar; learners themselves are always read live. */
  { readonly zoekenden: Snapshot<ZoekendenIndex> }
>({
  name: 'matching',
  typeDefs,
  settings,
  build: (config, { log }) => {
    const kazi = new KaziClient({
      basisUrl: config.kaziUrl,
      apiKey: config.kaziApiKey,
      timeoutMs: config.partnerTimeoutMs,
    });
    const zoekenden = new Snapshot<ZoekendenIndex>({
      bron: 'KAZI',
      laad: () => leesZoekenden(kazi, VLAANDEREN),
      intervalMs: config.snapshotIntervalS * 1000,
      // The copy keeps counts per cell, not learners: its records are its cells.
      tel: (index) => index.perCel.size,
      // The partner's error only: Kazi's error bodies and our messages name ids, never a learner's data.
      log,
    });
    const register = new MatchRegister();
    const toegang = new Toegang(lerendeRegel(typeDefs));
    return {
      resolvers: maakResolvers(toegang, zoekenden),
      data: fromSnapshots(zoekenden),
      context: () => Promise.resolve(maakContext(kazi, register)),
      exposed: { zoekenden },
    };
  },
  describe: (config) => `Kazi ${config.kaziUrl}`,
});

export const leesConfig = matching.readConfig;
export const maakMatching = matching.build;
export const startMatching = matching.start;
export type MatchingSubgraph = ReturnType<typeof maakMatching>;
