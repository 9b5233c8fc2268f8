import { readFileSync } from 'node:fs';
import { referentiedatum, schooljaarVan } from '@duaal-graph/domein';
import {
  defineSubgraph,
  fromSnapshots,
  OnderwijsregisterClient,
  Snapshot,
  SourceUsage,
} from '@duaal-graph/subgraph-toolkit';
import DataLoader from 'dataloader';
import { FindingsHistory, withFindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { parse } from 'graphql';
import { BeroepslabelsClient, type Beroepslabels } from './beroepsprofielen.ts';
import { ONDERWIJSAANBOD_SETTINGS, settings } from './config.ts';
import { leesRegister, type OnderwijsIndex } from './onderwijsindex.ts';
import { maakResolvers, opleidingNaarGraaf, type OnderwijsContext } from './resolvers.ts';

export type { OnderwijsaanbodConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The school year whose aanbod the subgraph serves: the one of the reference date. */
const schooljaar = (config: { readonly referenceDate: string | undefined }) =>
  schooljaarVan(referentiedatum(config.referenceDate));

/** Opleidingen, scholen and aanbod from one snapshot of the register. */
export const onderwijsaanbod = defineSubgraph<
  typeof ONDERWIJSAANBOD_SETTINGS,
  OnderwijsContext,
  {
    readonly register: Snapshot<OnderwijsIndex>;
    readonly labels: Snapshot<Beroepslabels>;
    readonly historie: FindingsHistory;
  }
>({
  name: 'onderwijsaanbod',
  typeDefs,
  settings,
  build: (config, { log }) => {
    const jaar = schooljaar(config);
    const client = new OnderwijsregisterClient({
      basisUrl: config.onderwijsUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    const register = new Snapshot<OnderwijsIndex>({
      bron: 'ONDERWIJS',
      laad: () => leesRegister(client, jaar),
      intervalMs: config.snapshotIntervalS * 1000,
      tel: (index) => index.opleidingen.size,
      log,
    });
    const labelsClient = new BeroepslabelsClient({
      url: config.beroepsprofielenUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    const labels = new Snapshot<Beroepslabels>({
      bron: 'VDAB',
      laad: () => labelsClient.lees(),
      intervalMs: config.snapshotIntervalS * 1000,
      log,
    });
    // The labels serve `zoekterm` only: the subgraph is ready with the register, whatever the labels' state.
    const bronnen = fromSnapshots(register, labels);
    const historie = new FindingsHistory('onderwijsaanbod', log);
    historie.follow(register, 'ONDERWIJS', (index) => index.kwaliteit.bevindingen);
    const context = (): Promise<Omit<OnderwijsContext, 'gebruiker'>> => {
      const bronnen = new SourceUsage();
      const metIndex = <T>(kies: (index: OnderwijsIndex, sleutel: string) => T | undefined) =>
        new DataLoader<string, T | null>((sleutels) => {
          bronnen.meld(register.status(), register.reden());
          const index = register.data;
          return Promise.resolve(sleutels.map((k) => (index ? (kies(index, k) ?? null) : null)));
        });
      return Promise.resolve({
        bronnen,
        opleidingLader: metIndex((index, code) => {
          const o = index.opleidingen.get(code);
          return o ? opleidingNaarGraaf(o) : undefined;
        }),
        schoolLader: metIndex((index, nummer) => index.instellingen.get(nummer)),
      });
    };
    return {
      resolvers: maakResolvers(register, labels, jaar, historie),
      data: withFindingsHistory({ ...bronnen, gereed: () => register.data !== undefined }, historie, config),
      context,
      exposed: { register, labels, historie },
    };
  },
  describe: (config) => `register ${config.onderwijsUrl}, school year ${schooljaar(config)}`,
});

export const leesConfig = onderwijsaanbod.readConfig;
export const maakOnderwijsaanbod = onderwijsaanbod.build;
export const startOnderwijsaanbod = onderwijsaanbod.start;
export type OnderwijsaanbodSubgraph = ReturnType<typeof maakOnderwijsaanbod>;
