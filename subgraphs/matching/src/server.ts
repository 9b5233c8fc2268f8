import { FindingsHistory, withFindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { readFileSync } from 'node:fs';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  breakerGauge,
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
  /**
   * The counts behind the radar (learners themselves are always read live), and
   * the Kazi client, whose breaker state a metrics endpoint reads.
   */
  {
    readonly zoekenden: Snapshot<ZoekendenIndex>;
    readonly actief: Snapshot<ActievePlekkenIndex>;
    readonly kazi: KaziClient;
    readonly historie: FindingsHistory;
  }
>({
  name: 'matching',
  typeDefs,
  settings,
  build: (config, { log, telemetry }) => {
    const kazi = new KaziClient({
      basisUrl: config.kaziUrl,
      apiKey: config.kaziApiKey,
      timeoutMs: config.partnerTimeoutMs,
      // Kazi is read live in every request: once it keeps failing, fail at once rather than make every request wait.
      breaker: { threshold: config.kaziBreakerThreshold, halfOpenAfterMs: config.kaziBreakerCooldownMs },
    });
    // The radar's copy is read in the background, all pages at once: a client of its own without the
    // breaker, so that one slow bulk read (eight calls failing together) does not stop the live reads.
    breakerGauge(telemetry.metrics, 'KAZI', () => kazi.breakerState);
    const kaziBulk = new KaziClient({
      basisUrl: config.kaziUrl,
      apiKey: config.kaziApiKey,
      timeoutMs: config.partnerTimeoutMs,
    });
    const zoekenden = new Snapshot<ZoekendenIndex>({
      bron: 'KAZI',
      laad: () => leesZoekenden(kaziBulk, VLAANDEREN),
      intervalMs: config.snapshotIntervalS * 1000,
      // The copy keeps counts per cell, not learners: its records are its cells.
      tel: (index) => index.perCel.size,
      // The partner's error only: Kazi's error bodies and our messages name ids, never a learner's data.
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
    const register = new MatchRegister();
    const toegang = new Toegang(lerendeRegel(typeDefs));
    const bronnen = fromSnapshots(zoekenden, actief, opleidingscodes);
    const historie = new FindingsHistory('matching', log);
    historie.follow(zoekenden, 'KAZI', (index) => index.kwaliteit.bevindingen);
    return {
      resolvers: maakResolvers(toegang, zoekenden, opleidingscodes, actief, historie),
      // Ready with Kazi's counts: the codes only sharpen an error.
      data: withFindingsHistory(
        { ...bronnen, gereed: () => zoekenden.data !== undefined && actief.data !== undefined },
        historie,
        config,
      ),
      context: () => Promise.resolve(maakContext(kazi, register)),
      exposed: { zoekenden, actief, kazi, historie },
    };
  },
  describe: (config) => `Kazi ${config.kaziUrl}`,
});

export const leesConfig = matching.readConfig;
export const maakMatching = matching.build;
export const startMatching = matching.start;
export type MatchingSubgraph = ReturnType<typeof maakMatching>;
