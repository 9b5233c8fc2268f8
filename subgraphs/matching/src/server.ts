import { readFileSync } from 'node:fs';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  defineSubgraph,
  fromSnapshots,
  OnderwijsregisterClient,
  Snapshot,
} from '@duaal-graph/subgraph-toolkit';
import { parse } from 'graphql';
import { kaziRapportClient, leesActievePlekken, type ActievePlekkenIndex } from './actieve-plekken.ts';
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
  { readonly zoekenden: Snapshot<ZoekendenIndex>; readonly actief: Snapshot<ActievePlekkenIndex> }
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
      // The partner's error only: Kazi's error bodies and our messages name ids, never a learner's data.
      log,
    });
    const registerClient = new OnderwijsregisterClient({
      basisUrl: config.onderwijsUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    // Only the codes: a filter on an opleiding the register does not hold is a mistake, not zero learners.
    const opleidingscodes = new Snapshot<ReadonlySet<string>>({
      bron: 'ONDERWIJS',
      laad: async () => new Set((await registerClient.opleidingen()).records.map((o) => o.opleidingscode)),
      intervalMs: config.snapshotIntervalS * 1000,
      log,
    });
    const rapportering = kaziRapportClient({
      basisUrl: config.kaziUrl,
      apiKey: config.kaziApiKey,
      timeoutMs: config.partnerTimeoutMs,
    });
    const actief = new Snapshot<ActievePlekkenIndex>({
      bron: 'KAZI',
      laad: () => leesActievePlekken(rapportering, VLAANDEREN),
      intervalMs: config.snapshotIntervalS * 1000,
      log,
    });
    const register = new MatchRegister();
    const toegang = new Toegang(lerendeRegel(typeDefs));
    const bronnen = fromSnapshots(zoekenden, opleidingscodes, actief);
    return {
      resolvers: maakResolvers(toegang, zoekenden, opleidingscodes, actief),
      // Ready with Kazi's counts, as before: the codes only sharpen an error.
      data: { ...bronnen, gereed: () => zoekenden.data !== undefined && actief.data !== undefined },
      context: () => Promise.resolve(maakContext(kazi, register)),
      exposed: { zoekenden, actief },
    };
  },
  describe: (config) => `Kazi ${config.kaziUrl}`,
});

export const leesConfig = matching.readConfig;
export const maakMatching = matching.build;
export const startMatching = matching.start;
export type MatchingSubgraph = ReturnType<typeof maakMatching>;
