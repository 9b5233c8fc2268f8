import { readFileSync } from 'node:fs';
import { VLAANDEREN } from '@duaal-graph/domein';
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
import { maakResolvers, type RadarContext } from './resolvers.ts';

export type { RadarConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The radar: the snapshot of the register's opleidingen that spans its cells, and the gemeenten and regio's. */
export const radar = defineSubgraph<
  typeof RADAR_SETTINGS,
  RadarContext,
  { readonly opleidingen: Snapshot<readonly RegisterOpleiding[]> }
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
    const context = (): Promise<Omit<RadarContext, 'gebruiker'>> =>
      Promise.resolve({
        bronnen: new SourceUsage(),
        gemeenteLader: new DataLoader((sleutels: readonly string[]) =>
          Promise.resolve(sleutels.map((k) => VLAANDEREN.gemeente(k) ?? null)),
        ),
        regioLader: new DataLoader((sleutels: readonly string[]) =>
          Promise.resolve(sleutels.map((k) => VLAANDEREN.regio(k) ?? null)),
        ),
      });
    return {
      resolvers: maakResolvers(opleidingen),
      data: fromSnapshots(opleidingen),
      context,
      exposed: { opleidingen },
    };
  },
  describe: (config) => `register ${config.onderwijsUrl}`,
});

export const leesConfig = radar.readConfig;
export const maakRadar = radar.build;
export const startRadar = radar.start;
export type RadarSubgraph = ReturnType<typeof maakRadar>;
