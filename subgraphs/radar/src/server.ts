import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { referentiedatum, VLAANDEREN } from '@duaal-graph/domein';
import { Lease, openStore, type Store } from '@duaal-graph/store';
import {
  defineSubgraph,
  fromSnapshots,
  OnderwijsregisterClient,
  Snapshot,
  SourceUsage,
  type RegisterOpleiding,
} from '@duaal-graph/subgraph-toolkit';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { RADAR_SETTINGS, settings, type RadarConfig } from './config.ts';
import { PeilingDienst } from './peilingen/dienst.ts';
import { PeilingOpslag } from './peilingen/opslag.ts';
import { peilingResolvers } from './peilingen/resolvers.ts';
import { metVerleden } from './peilingen/verleden-resolvers.ts';
import { eenmaalPerVraag, graafSignalenLezer } from './filter.ts';
import { maakResolvers, type RadarContext } from './resolvers.ts';

export type { RadarConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The radar: the snapshot of the register's opleidingen that spans its cells, and the gemeenten and regio's. */
export const radar = defineSubgraph<
  typeof RADAR_SETTINGS,
  RadarContext,
  {
    readonly opleidingen: Snapshot<readonly RegisterOpleiding[]>;
    /** The measurements over time; `graafUrl` can be pointed at a gateway started after the radar (the tests). */
    readonly peilingen: { graafUrl: string; dienst: () => PeilingDienst; opslag: () => PeilingOpslag };
  }
>({
  name: 'radar',
  typeDefs,
  settings,
  build: (config: RadarConfig, { log }) => {
    const client = new OnderwijsregisterClient({
      basisUrl: config.onderwijsUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    const opleidingen = new Snapshot<readonly RegisterOpleiding[]>({
      bron: 'ONDERWIJS',
      laad: async () => (await client.opleidingen()).records,
      intervalMs: config.snapshotIntervalS * 1000,
      log,
    });
    // The graph a signal filter asks is the one a measurement reads (PEILING_GRAAF_URL); a gemeente-scale
    // radar of a province may take some seconds when nothing is cached, and must end before the gateway gives up
    // on this subgraph (SUBGRAPH_TIMEOUT_MS, 30 s by default).
    const signalen = graafSignalenLezer(() => peilingen.graafUrl, 25_000);
    const context = (): Promise<Omit<RadarContext, 'gebruiker'>> =>
      Promise.resolve({
        bronnen: new SourceUsage(),
        signalen: eenmaalPerVraag(signalen),
        gemeenteLader: new DataLoader((sleutels: readonly string[]) =>
          Promise.resolve(sleutels.map((k) => VLAANDEREN.gemeente(k) ?? null)),
        ),
        regioLader: new DataLoader((sleutels: readonly string[]) =>
          Promise.resolve(sleutels.map((k) => VLAANDEREN.regio(k) ?? null)),
        ),
      });
    const snapshots = fromSnapshots(opleidingen);
    let store: Store | undefined;
    let opslag: PeilingOpslag | undefined;
    let dienst: PeilingDienst | undefined;
    const peilingen = {
      graafUrl: config.peilingGraafUrl,
      dienst: (): PeilingDienst => {
        if (!dienst) throw new Error('radar: the store is not open');
        return dienst;
      },
      opslag: (): PeilingOpslag => {
        if (!opslag) throw new Error('radar: the store is not open');
        return opslag;
      },
    };
    const radarResolvers = metVerleden(maakResolvers(opleidingen), peilingen.opslag);
    const historie = peilingResolvers(peilingen);
    return {
      resolvers: {
        ...radarResolvers,
        ...historie,
        Query: { ...radarResolvers.Query, ...historie.Query },
      },
      data: {
        ...snapshots,
        start: async () => {
          store = await openStore({
            databaseUrl: config.databaseUrl,
            dataDir: join(config.dataDir, 'store'),
            log,
          });
          opslag = new PeilingOpslag(store.db);
          // One name per replica, also for two in one process (the tests).
          const houder = `${hostname()}:${String(process.pid)}:${randomUUID().slice(0, 8)}`;
          dienst = new PeilingDienst({
            opslag,
            graafUrl: () => peilingen.graafUrl,
            vandaag: () => referentiedatum(config.referenceDate),
            tijd: config.peilingTijd,
            bewaarDagen: config.peilingBewaarDagen,
            reconstructieVanaf: config.peilingReconstructieVanaf ?? null,
            timeoutMs: 120_000,
            // Long enough for one measurement; the lease is only taken once its day's measurement is due.
            lease: new Lease(store.db, 'radar-peiling', houder, 10 * 60_000),
            log,
          });
          dienst.start();
          await snapshots.start();
        },
        stop: async () => {
          dienst?.stop();
          await snapshots.stop();
          await store?.close();
          store = undefined;
        },
      },
      context,
      exposed: { opleidingen, peilingen },
    };
  },
  describe: (config) => `register ${config.onderwijsUrl}`,
});

export const leesConfig = radar.readConfig;
export const maakRadar = radar.build;
export const startRadar = radar.start;
export type RadarSubgraph = ReturnType<typeof maakRadar>;
