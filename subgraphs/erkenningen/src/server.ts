import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import {
  bouwSubgraaf,
  Momentopname,
  OnderwijsregisterClient,
  PUBLIEK,
  startSubgraaf,
  typeRule,
  type Gebruiker,
  type GestarteDienst,
} from '@duaal-graph/domein/subgraaf';
import { parse, type GraphQLSchema } from 'graphql';
import { Erkenningsbestand, sectorBron, type SectorBron } from './bestand.ts';
import { ConstructivClient } from './bronnen/constructiv.ts';
import { EducamClient, type EducamLezing } from './bronnen/educam.ts';
import { MtechClient } from './bronnen/mtech.ts';
import { leesRegisterKennis } from './bronnen/register.ts';
import { VoltaClient } from './bronnen/volta.ts';
import { WoodwizeClient } from './bronnen/woodwize.ts';
import { leesConfig, type ErkenningenConfig } from './config.ts';
import { maakContext, type ErkenningenContext } from './context.ts';
import type { Genormaliseerd, RegisterKennis, Sector, SectorLezing } from './model.ts';
import { normaliseerConstructiv } from './normaliseer/constructiv.ts';
import { normaliseerEducam } from './normaliseer/educam.ts';
import { normaliseerMtech } from './normaliseer/mtech.ts';
import type { NormContext } from './normaliseer/regels.ts';
import { normaliseerVolta } from './normaliseer/volta.ts';
import { normaliseerWoodwize } from './normaliseer/woodwize.ts';
import { maakResolvers } from './resolvers.ts';
import { visibilityFor, type Visibility } from './visibility.ts';

export { leesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface ErkenningenSubgraaf {
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<ErkenningenContext>;
  readonly bestand: Erkenningsbestand;
  /** Which erkenningen a caller sees, by the `@toegang` rule of Erkenning in the SDL. */
  readonly visibility: (gebruiker: Gebruiker) => Visibility;
  readonly context: (gebruiker: Gebruiker) => Promise<Omit<ErkenningenContext, 'gebruiker'>>;
}

const log = (regel: string) => {
  console.warn(`erkenningen: ${regel}`);
};

/** The five sector snapshots, each on its own client and rules. */
function maakSectoren(config: ErkenningenConfig): SectorBron[] {
  const basis = { timeoutMs: config.partnerTimeoutMs };
  const bron = <L extends SectorLezing<unknown>>(
    sector: Sector,
    laad: (vorige: L | undefined) => Promise<L>,
    normaliseer: (lezing: L, ctx: NormContext) => Genormaliseerd,
  ) =>
    sectorBron(
      sector,
      new Momentopname<L>({ bron: sector, laad, intervalMs: config.verversIntervalMs, log }),
      normaliseer,
    );

  const volta = new VoltaClient({ ...basis, basisUrl: config.volta.url, apiKey: config.volta.apiKey });
  const educam = new EducamClient({ ...basis, basisUrl: config.educam.url, token: config.educam.token });
  const constructiv = new ConstructivClient({
    ...basis,
    basisUrl: config.constructiv.url,
    ...config.constructiv,
  });
  const mtech = new MtechClient({ ...basis, basisUrl: config.mtech.url, apiKey: config.mtech.apiKey });
  const woodwize = new WoodwizeClient({ ...basis, basisUrl: config.woodwize.url });
  return [
    bron('VOLTA', () => volta.leesAlles(), normaliseerVolta),
    // Educam's export is conditional: with the copy it has, the client asks whether it changed.
    bron<EducamLezing>('EDUCAM', (vorige) => educam.leesAlles(vorige), normaliseerEducam),
    bron('CONSTRUCTIV', () => constructiv.leesAlles(), normaliseerConstructiv),
    bron('MTECH', () => mtech.leesAlles(), normaliseerMtech),
    bron('WOODWIZE', () => woodwize.leesAlles(), normaliseerWoodwize),
  ];
}

/** Builds the subgraph: schema, Apollo server and the snapshots; nothing is read and nothing listens yet. */
export function maakErkenningen(config: ErkenningenConfig = leesConfig()): ErkenningenSubgraaf {
  const registerClient = new OnderwijsregisterClient({
    basisUrl: config.onderwijsUrl,
    timeoutMs: config.partnerTimeoutMs,
  });
  const register = new Momentopname<RegisterKennis>({
    bron: 'ONDERWIJS',
    laad: () => leesRegisterKennis(registerClient),
    intervalMs: config.verversIntervalMs,
    log,
  });
  const bestand = new Erkenningsbestand(maakSectoren(config), register, config.referentiedatum);
  const { schema, apollo } = bouwSubgraaf<ErkenningenContext>(typeDefs, maakResolvers());
  const rule = typeRule(schema, 'Erkenning');
  if (!rule) throw new Error('schema.graphql: Erkenning carries no @toegang');
  const visibility = (gebruiker: Gebruiker) => visibilityFor(rule, gebruiker);
  return {
    schema,
    apollo,
    bestand,
    visibility,
    context: (gebruiker) => Promise.resolve(maakContext(bestand, visibility(gebruiker))),
  };
}

/** Starts the subgraph: the first round of reads and the listener. Port 0 picks a free port. */
export async function startErkenningen(
  config: ErkenningenConfig = leesConfig(),
): Promise<GestarteDienst & { subgraaf: ErkenningenSubgraaf }> {
  const subgraaf = maakErkenningen(config);
  const { bestand } = subgraaf;
  const gegevens = {
    // The public's view is the one most questions need: built now, so that the first does not wait for it.
    start: async () => {
      await bestand.start();
      bestand.index(subgraaf.visibility(PUBLIEK));
    },
    stop: () => {
      bestand.stop();
    },
    gereed: () => bestand.gereed(),
    toestand: () => [...bestand.sectoren.map((s) => s.momentopname.status()), bestand.register.status()],
  };
  const dienst = await startSubgraaf({ ...subgraaf, gegevens, poort: config.poort, host: config.host });
  return { ...dienst, subgraaf };
}
