import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import {
  bouwSubgraaf,
  Momentopname,
  OnderwijsregisterClient,
  startSubgraaf,
  type GestarteDienst,
} from '@duaal-graph/domein/subgraaf';
import { parse, type GraphQLSchema } from 'graphql';
import { leesConfig, type VacaturesConfig } from './config.ts';
import { maakContext, type Bestanden, type VacaturesContext } from './context.ts';
import { leesKnelpunten, type Knelpuntlijst } from './knelpunten.ts';
import { leesBeroepenPerOpleiding, type BeroepenPerOpleiding } from './register.ts';
import { maakResolvers } from './resolvers.ts';
import { Vacaturebestand } from './synchronisatie.ts';
import { VdabClient } from './vdab/client.ts';

export { leesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface VacaturesSubgraaf {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<VacaturesContext>;
  readonly bestanden: Bestanden;
  readonly client: VdabClient;
  readonly context: () => Promise<Omit<VacaturesContext, 'gebruiker'>>;
}

const log = (regel: string) => {
  console.warn(`vacatures: ${regel}`);
};

/** Builds the subgraph: schema, Apollo server, the VDAB client and the sources; nothing is read and nothing listens yet. */
export function maakVacatures(config: VacaturesConfig = leesConfig()): VacaturesSubgraaf {
  const client = new VdabClient({
    basisUrl: config.vdab.url,
    clientId: config.vdab.clientId,
    clientSecret: config.vdab.clientSecret,
    limietPerSeconde: config.vdab.limietPerSeconde,
    timeoutMs: config.partnerTimeoutMs,
  });
  const registerClient = new OnderwijsregisterClient({
    basisUrl: config.onderwijsUrl,
    timeoutMs: config.partnerTimeoutMs,
  });
  const jaar = Number(config.referentiedatum.slice(0, 4));
  const bestanden: Bestanden = {
    vacatures: new Vacaturebestand({
      client,
      vdabUrl: config.vdab.url,
      dataMap: config.dataMap,
      intervalMs: config.syncIntervalMs,
      log,
    }),
    knelpunten: new Momentopname<Knelpuntlijst>({
      bron: 'VDAB',
      laad: () => leesKnelpunten(client, jaar),
      intervalMs: config.verversIntervalMs,
      log,
    }),
    register: new Momentopname<BeroepenPerOpleiding>({
      bron: 'ONDERWIJS',
      laad: () => leesBeroepenPerOpleiding(registerClient),
      intervalMs: config.verversIntervalMs,
      log,
    }),
  };
  const { schema, apollo } = bouwSubgraaf<VacaturesContext>(typeDefs, maakResolvers());
  return { schema, apollo, bestanden, client, context: () => Promise.resolve(maakContext(bestanden)) };
}

/** Starts the subgraph: the index (from disk or VDAB), the list, the register, and the listener. Port 0 picks a free port. */
export async function startVacatures(
  config: VacaturesConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: VacaturesSubgraaf }> {
  const subgraaf = maakVacatures(config);
  const { vacatures, knelpunten, register } = subgraaf.bestanden;
  const gegevens = {
    start: async () => {
      await Promise.all([vacatures.start(), knelpunten.start(), register.start()]);
    },
    stop: () => {
      vacatures.stop();
      knelpunten.stop();
      register.stop();
    },
    // Ready once the index is in and the register read (without it no cell counts); the list was at least tried.
    gereed: () => vacatures.index !== undefined && register.data !== undefined && knelpunten.geprobeerd,
    toestand: () => [vacatures.status(), knelpunten.status(), register.status()],
  };
  const dienst = await startSubgraaf({ ...subgraaf, gegevens, poort: config.poort, host: config.host });
  return { ...dienst, subgraaf };
}
