import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import {
  bouwSubgraaf,
  BronGebruik,
  Momentopname,
  OnderwijsregisterClient,
  startSubgraaf,
  uitMomentopnamen,
  type GestarteDienst,
} from '@duaal-graph/domein/subgraaf';
import DataLoader from 'dataloader';
import { parse, type GraphQLSchema } from 'graphql';
import { leesConfig, type OnderwijsaanbodConfig } from './config.ts';
import { leesRegister, type OnderwijsIndex } from './onderwijsindex.ts';
import { maakResolvers, opleidingNaarGraaf, type OnderwijsContext } from './resolvers.ts';

export { leesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface OnderwijsaanbodSubgraaf {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<OnderwijsContext>;
  readonly register: Momentopname<OnderwijsIndex>;
  readonly context: () => Promise<Omit<OnderwijsContext, 'gebruiker'>>;
}

/** Builds the subgraph: schema, Apollo server and the snapshot of the register; nothing listens yet. */
export function maakOnderwijsaanbod(config: OnderwijsaanbodConfig = leesConfig()): OnderwijsaanbodSubgraaf {
  const client = new OnderwijsregisterClient({
    basisUrl: config.onderwijsUrl,
    timeoutMs: config.partnerTimeoutMs,
  });
  const register = new Momentopname<OnderwijsIndex>({
    bron: 'ONDERWIJS',
    laad: () => leesRegister(client, config.schooljaar),
    intervalMs: config.verversIntervalMs,
    log: (regel) => {
      console.warn(`onderwijsaanbod: ${regel}`);
    },
  });
  const { schema, apollo } = bouwSubgraaf<OnderwijsContext>(
    typeDefs,
    maakResolvers(register, config.schooljaar),
  );
  const context = (): Promise<Omit<OnderwijsContext, 'gebruiker'>> => {
    const bronnen = new BronGebruik();
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
  return { schema, apollo, register, context };
}

/** Starts the subgraph: the first read of the register and the listener. Port 0 picks a free port. */
export async function startOnderwijsaanbod(
  config: OnderwijsaanbodConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: OnderwijsaanbodSubgraaf }> {
  const subgraaf = maakOnderwijsaanbod(config);
  const dienst = await startSubgraaf({
    ...subgraaf,
    gegevens: uitMomentopnamen(subgraaf.register),
    poort: config.poort,
    host: config.host,
  });
  return { ...dienst, subgraaf };
}
