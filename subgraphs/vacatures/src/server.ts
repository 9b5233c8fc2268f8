import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { referentiedatum } from '@duaal-graph/domein';
import { Lease, openStore, type Store } from '@duaal-graph/store';
import {
  defineSubgraph,
  OnderwijsregisterClient,
  PartnerError,
  readyState,
  Snapshot,
} from '@duaal-graph/subgraph-toolkit';
import { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { parse } from 'graphql';
import { settings, VACATURES_SETTINGS } from './config.ts';
import { maakContext, type Bestanden, type VacaturesContext } from './context.ts';
import { KnelpuntenOpslag, leesKnelpunten, type Knelpuntlijst } from './knelpunten.ts';
import { leesBeroepenPerOpleiding, type BeroepenPerOpleiding } from './register.ts';
import { maakResolvers } from './resolvers.ts';
import { IndexOpslag } from './opslag.ts';
import { leaseMs } from './synchronisatie-opties.ts';
import { Vacaturebestand } from './synchronisatie.ts';
import { VdabClient } from './vdab/client.ts';

export type { VacaturesConfig } from './config.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** VDAB's vacatures from an index kept in sync, the knelpuntberoepen, and the register behind the radar counts. */
export const vacatures = defineSubgraph<
  typeof VACATURES_SETTINGS,
  VacaturesContext,
  { readonly bestanden: Bestanden; readonly client: VdabClient; readonly historie: FindingsHistory }
>({
  name: 'vacatures',
  typeDefs,
  settings,
  build: (config, { log, telemetry }) => {
    const client = new VdabClient({
      basisUrl: config.vdabUrl,
      clientId: config.vdabClientId,
      clientSecret: config.vdabClientSecret,
      limietPerSeconde: config.vdabRateLimit,
      timeoutMs: config.partnerTimeoutMs,
    });
    const registerClient = new OnderwijsregisterClient({
      basisUrl: config.onderwijsUrl,
      timeoutMs: config.partnerTimeoutMs,
    });
    // The knelpuntberoepen are those of the reference date's year.
    const jaar = Number(referentiedatum(config.referenceDate).slice(0, 4));
    const intervalMs = config.snapshotIntervalS * 1000;
    const syncMs = config.vdabSyncIntervalS * 1000;
    let knelpuntOpslag: KnelpuntenOpslag | undefined;
    const bestanden: Bestanden = {
      vacatures: new Vacaturebestand({
        client,
        vdabUrl: config.vdabUrl,
        opslag: null,
        oudeMap: config.dataDir,
        intervalMs: syncMs,
        graceMs: config.vdabFreshnessGraceS * 1000,
        log,
      }),
      knelpunten: new Snapshot<Knelpuntlijst>({
        bron: 'VDAB',
        kopie: 'knelpuntberoepen',
        tel: (lijst) => lijst.beroepen.size,
        // Only the replica that syncs reads VDAB; the others take the list it stored.
        laad: async () => {
          if (!knelpuntOpslag || bestanden.vacatures.synchroniseert)
            return leesKnelpunten(client, jaar, knelpuntOpslag);
          const bewaard = await knelpuntOpslag.lees(jaar);
          if (bewaard) return bewaard;
          throw new PartnerError('VDAB', 'ERROR', 'knelpuntberoepen nog niet in de store');
        },
        intervalMs,
        log,
      }),
      register: new Snapshot<BeroepenPerOpleiding>({
        bron: 'ONDERWIJS',
        laad: () => leesBeroepenPerOpleiding(registerClient),
        intervalMs,
        log,
      }),
    };
    const { vacatures: index, knelpunten, register } = bestanden;
    // How far the index lags behind VDAB: the time since the end of the last window applied.
    telemetry.metrics.gauge(
      'duaal_vdab_sync_lag_seconds',
      'seconds between now and the end of the last VDAB window applied to the vacatures index',
      [],
      (set) => {
        const tot = index.venstereinde;
        if (tot !== null) set({}, (Date.now() - tot) / 1000);
      },
    );
    let store: Store | undefined;
    // The index's findings and the knelpuntberoepen's, each in a scope of VDAB's report.
    const historie = new FindingsHistory('vacatures', log);
    index.onSync((vacatureIndex, atMs) => {
      historie.record('VDAB', vacatureIndex.afgeleid().kwaliteit.bevindingen, atMs);
    });
    historie.follow(knelpunten, 'VDAB/knelpunten', (lijst) => lijst.bevindingen);
    return {
      resolvers: maakResolvers(historie),
      data: {
        start: async () => {
          // The store is the index's truth: without DATABASE_URL an embedded PGlite beside the old snapshot.
          store = await openStore({
            databaseUrl: config.databaseUrl,
            dataDir: join(config.dataDir, 'store'),
            log,
          });
          // One name per replica, also for two in one process (the tests).
          const houder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
          index.koppel(
            new IndexOpslag(store.db, log),
            new Lease(store.db, 'vdab-sync', houder, leaseMs(syncMs, Math.min(syncMs, 1_000))),
          );
          knelpuntOpslag = new KnelpuntenOpslag(store.db);
          historie.attach(store.db);
          // The index's first look decides which replica reads VDAB, the knelpuntberoepen included.
          await Promise.all([index.start().then(() => knelpunten.start()), register.start()]);
        },
        stop: async () => {
          knelpunten.stop();
          register.stop();
          await index.stop();
          await historie.close();
          await store?.close();
          store = undefined;
        },
        // Ready once the index is in and the register read (without it no cell counts); the list was at least tried.
        gereed: () => index.index !== undefined && register.data !== undefined && knelpunten.geprobeerd,
        toestand: () => [readyState(index), readyState(knelpunten), readyState(register)],
        kopieen: () => [
          {
            bron: 'VDAB',
            kopie: 'vacatures',
            toestand: index.status().toestand,
            bijgewerktOpMs: index.index ? index.venstereinde : null,
            aantal: index.index?.aantal ?? null,
          },
          knelpunten.kopie(),
          register.kopie(),
        ],
      },
      context: () => Promise.resolve(maakContext(bestanden)),
      exposed: { bestanden, client, historie },
    };
  },
  describe: (config, { bestanden }) =>
    `VDAB ${config.vdabUrl}, ${bestanden.vacatures.index?.aantal ?? 0} vacatures, sync every ${config.vdabSyncIntervalS} s`,
});

export const leesConfig = vacatures.readConfig;
export const maakVacatures = vacatures.build;
export const startVacatures = vacatures.start;
export type VacaturesSubgraph = ReturnType<typeof maakVacatures>;
