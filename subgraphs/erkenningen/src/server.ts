import { readFileSync } from 'node:fs';
import { referentiedatum, VLAANDEREN } from '@duaal-graph/domein';
import {
  defineSubgraph,
  readyState,
  OnderwijsregisterClient,
  PUBLIC_CALLER,
  Snapshot,
  typeRule,
  type AccessRule,
  type Gebruiker,
} from '@duaal-graph/subgraph-toolkit';
import { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { parse } from 'graphql';
import { Erkenningsbestand, sectorBron, type SectorBron } from './bestand.ts';
import { volgBevindingen } from './bevindingen-historie.ts';
import { ConstructivClient } from './bronnen/constructiv.ts';
import { EducamClient, type EducamLezing } from './bronnen/educam.ts';
import { MtechClient } from './bronnen/mtech.ts';
import { leesRegisterKennis } from './bronnen/register.ts';
import { VoltaClient } from './bronnen/volta.ts';
import { WoodwizeClient } from './bronnen/woodwize.ts';
import { ERKENNINGEN_SETTINGS, settings, type ErkenningenConfig } from './config.ts';
import { maakContext, type ErkenningenContext } from './context.ts';
import { join } from 'node:path';
import { KboBron } from './kbo/bron.ts';
import { KboClient } from './kbo/client.ts';
import type { Genormaliseerd, RegisterKennis, Sector, SectorLezing } from './model.ts';
import { normaliseerConstructiv } from './normaliseer/constructiv.ts';
import { normaliseerEducam } from './normaliseer/educam.ts';
import { normaliseerMtech } from './normaliseer/mtech.ts';
import type { NormContext } from './normaliseer/regels.ts';
import { normaliseerVolta } from './normaliseer/volta.ts';
import { normaliseerWoodwize } from './normaliseer/woodwize.ts';
import { maakResolvers } from './resolvers.ts';
import { visibilityFor, type Visibility } from './visibility.ts';

export type { ErkenningenConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The five sector snapshots, each on its own client and rules. */
function maakSectoren(config: ErkenningenConfig, log: (regel: string) => void): SectorBron[] {
  const basis = { timeoutMs: config.partnerTimeoutMs };
  const bron = <L extends SectorLezing<unknown>>(
    sector: Sector,
    laad: (vorige: L | undefined) => Promise<L>,
    normaliseer: (lezing: L, ctx: NormContext) => Genormaliseerd,
  ) =>
    sectorBron(
      sector,
      new Snapshot<L>({ bron: sector, laad, intervalMs: config.snapshotIntervalS * 1000, log }),
      normaliseer,
    );

  const volta = new VoltaClient({ ...basis, basisUrl: config.voltaUrl, apiKey: config.voltaApiKey });
  const educam = new EducamClient({ ...basis, basisUrl: config.educamUrl, token: config.educamToken });
  const constructiv = new ConstructivClient({
    ...basis,
    basisUrl: config.constructivUrl,
    gebruiker: config.constructivUser,
    wachtwoord: config.constructivPassword,
  });
  const mtech = new MtechClient({ ...basis, basisUrl: config.mtechUrl, apiKey: config.mtechApiKey });
  const woodwize = new WoodwizeClient({ ...basis, basisUrl: config.woodwizeUrl });
  return [
    bron('VOLTA', () => volta.leesAlles(), normaliseerVolta),
    // Educam's export is conditional: with the copy it has, the client asks whether it changed.
    bron<EducamLezing>('EDUCAM', (vorige) => educam.leesAlles(vorige), normaliseerEducam),
    bron('CONSTRUCTIV', () => constructiv.leesAlles(), normaliseerConstructiv),
    bron('MTECH', () => mtech.leesAlles(), normaliseerMtech),
    bron('WOODWIZE', () => woodwize.leesAlles(), normaliseerWoodwize),
  ];
}

/** The company register, kept in the store (a PGlite in the data folder without DATABASE_URL). */
function maakKbo(config: ErkenningenConfig, log: (regel: string) => void): KboBron {
  const client = new KboClient({
    basisUrl: config.kboUrl,
    gebruiker: config.kboUser,
    wachtwoord: config.kboPassword,
    // The register is read in the background, never while a question waits: its calls get the time a bulk read needs.
    timeoutMs: config.kboTimeoutS * 1000,
  });
  return new KboBron({
    client,
    store: { databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'store') },
    gebied: VLAANDEREN,
    intervalMs: config.snapshotIntervalS * 1000,
    log,
  });
}

/**
 * The reference date, asked anew at every rebuild of the index: without
 * DUAAL_REFERENTIEDATUM it is today, and a service that runs past midnight
 * must judge validity on the new day.
 */
const referentiedatumVan = (config: ErkenningenConfig) => () => referentiedatum(config.referenceDate);

/** Ondernemingen, vestigingen and erkenningen, merged from the five sector snapshots and the register. */
export const erkenningen = defineSubgraph<
  typeof ERKENNINGEN_SETTINGS,
  ErkenningenContext,
  {
    readonly bestand: Erkenningsbestand;
    /** Which erkenningen a caller sees, by the `@toegang` rule of Erkenning in the SDL. */
    readonly visibility: (gebruiker: Gebruiker) => Visibility;
    readonly historie: FindingsHistory;
  }
>({
  name: 'erkenningen',
  typeDefs,
  settings,
  build: (config, { log, schema }) => {
    const registerClient = new OnderwijsregisterClient({
      basisUrl: config.onderwijsUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    const register = new Snapshot<RegisterKennis>({
      bron: 'ONDERWIJS',
      laad: () => leesRegisterKennis(registerClient),
      intervalMs: config.snapshotIntervalS * 1000,
      log,
    });
    const bestand = new Erkenningsbestand(
      maakSectoren(config, log),
      register,
      referentiedatumVan(config),
      VLAANDEREN,
      maakKbo(config, log),
    );
    const historie = new FindingsHistory('erkenningen', log);
    volgBevindingen(bestand, historie);
    // Read from the built schema at the first use, at start at the latest (the public's view is built then).
    let rule: AccessRule | undefined;
    const visibility = (gebruiker: Gebruiker) => {
      rule ??= typeRule(schema(), 'Erkenning') ?? undefined;
      if (!rule) throw new Error('schema.graphql: Erkenning carries no @toegang');
      return visibilityFor(rule, gebruiker);
    };
    return {
      resolvers: maakResolvers(historie),
      data: {
        // The public's view is the one most questions need: built now, so that the first does not wait for it.
        start: async () => {
          // Beside the first reads (each takes seconds): a read before it is open is recorded once it is.
          await Promise.all([historie.open(config), bestand.start()]);
          bestand.afgebroken.throwIfAborted();
          bestand.index(visibility(PUBLIC_CALLER));
        },
        stop: async () => {
          await bestand.stop();
          await historie.close();
        },
        gereed: () => bestand.gereed(),
        toestand: () => [
          ...bestand.sectoren.map((s) => readyState(s.snapshot)),
          readyState(bestand.register),
          ...(bestand.kbo ? [readyState(bestand.kbo)] : []),
        ],
        kopieen: () => [
          ...bestand.sectoren.map((s) => s.snapshot.kopie()),
          bestand.register.kopie(),
          ...(bestand.kbo ? [bestand.kbo.kopie()] : []),
        ],
      },
      context: (gebruiker) => Promise.resolve(maakContext(bestand, visibility(gebruiker))),
      exposed: { bestand, visibility, historie },
    };
  },
  describe: (config) => `reference date ${referentiedatumVan(config)()}`,
});

export const leesConfig = erkenningen.readConfig;
export const maakErkenningen = erkenningen.build;
export const startErkenningen = erkenningen.start;
export type ErkenningenSubgraph = ReturnType<typeof maakErkenningen>;
