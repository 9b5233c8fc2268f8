import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as wacht } from 'node:timers/promises';
import type { Gebied } from '@duaal-graph/domein';
import { Lease, openStore, type Store, type StoreOptions } from '@duaal-graph/store';
import { PartnerError, Snapshot } from '@duaal-graph/subgraph-toolkit';
import type { KboClient } from './client.ts';
import { KboLezer } from './lezer.ts';
import { KboStoreOpslag, leesStand } from './opslag.ts';
import { leesWeergave, type KboWeergave } from './weergave.ts';

/** How often a replica that starts while another writes the first register looks whether it is there. */
const WACHT_OP_REGISTER_MS = 500;

export interface KboBronOpties {
  readonly client: KboClient;
  readonly store: StoreOptions;
  readonly gebied: Gebied;
  readonly intervalMs: number;
  readonly log: (regel: string) => void;
}

/**
 * The company register as a source of the subgraph: kept in the store, where
 * one replica (the holder of the lease) applies KBO's extracts and every
 * replica reads, each refresh, the view of what the store holds now. A view
 * is read anew only when the store's stand moved. At a start the store's
 * register answers at once, also when KBO cannot be read then.
 */
export class KboBron {
  readonly snapshot: Snapshot<KboWeergave>;
  private store: Store | undefined;
  private lease: Lease | undefined;
  private lezer: KboLezer | undefined;
  private opslag: KboStoreOpslag | undefined;
  private bezig: Promise<unknown> | null = null;
  private gestopt = false;
  /** A stop during the start: the store's open (an initdb, the migrations) and a read under way give up at once. */
  private readonly afbreken = new AbortController();

  constructor(private readonly opties: KboBronOpties) {
    this.snapshot = new Snapshot<KboWeergave>({
      bron: 'KBO',
      laad: (vorige) => {
        const laden = this.laad(vorige);
        this.bezig = laden.catch(() => undefined);
        return laden;
      },
      tel: (w) => w.overzicht.aantalOndernemingen,
      intervalMs: opties.intervalMs,
      log: opties.log,
    });
  }

  /** Opens the store (its migrations run) and starts reading. */
  async start(): Promise<void> {
    const store = await openStore({
      ...this.opties.store,
      log: this.opties.log,
      signal: this.afbreken.signal,
    });
    if (this.gestopt) {
      await store.close();
      return;
    }
    this.store = store;
    // One name per replica, also for two in one process (the tests).
    const houder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // Renewed with every batch a full extract writes; a holder that died is replaced after this.
    const ttlMs = Math.max(60_000, 2 * this.opties.intervalMs);
    this.lease = new Lease(store.db, 'kbo-register', houder, ttlMs);
    this.opslag = new KboStoreOpslag(store.db, this.lease, store.copyInto);
    this.lezer = new KboLezer(this.opties.client, this.opslag, this.opties.log, this.afbreken.signal);
    await this.snapshot.start();
  }

  /** Stops reading, waits for a read under way, gives the lease back and closes the store. */
  async stop(): Promise<void> {
    this.gestopt = true;
    this.afbreken.abort();
    this.snapshot.stop();
    await this.bezig;
    await this.lease?.release().catch(() => undefined);
    await this.store?.close();
    this.store = undefined;
  }

  private async laad(vorige: KboWeergave | undefined): Promise<KboWeergave> {
    const { store, lease, lezer, opslag } = this;
    if (!store || !lease || !lezer || !opslag)
      throw new PartnerError('KBO', 'ERROR', 'de store is niet open');
    let fout: Error | null = null;
    let stand: Awaited<ReturnType<typeof leesStand>>;
    for (;;) {
      if (await lease.acquire()) {
        try {
          // A register written before its facts were kept gets them first: it answers while KBO is read.
          await opslag.vulFeitenAan();
          await lezer.lees();
        } catch (f) {
          fout = f instanceof Error ? f : new PartnerError('KBO', 'ERROR', String(f));
        }
      }
      stand = await leesStand(store.db);
      // A register without its facts (written before they were kept) is not there yet for the view.
      if (stand?.feiten === false) stand = null;
      // A replica that starts while another writes the first register waits for it (or for the lease, should
      // that writer stop), as the writer's own first read waits, instead of failing and backing off for minutes.
      if (stand !== null || fout !== null || vorige !== undefined || this.gestopt) break;
      await wacht(WACHT_OP_REGISTER_MS);
    }
    // A failed read with a register already answering keeps that one, VEROUDERD; at a start the store's answers.
    if (fout !== null && (vorige !== undefined || stand === null)) throw fout;
    if (fout !== null)
      this.opties.log(
        `bron KBO: lezen mislukt (${fout instanceof PartnerError ? fout.reden : 'ERROR'}); het register uit de store`,
      );
    if (!stand) throw new PartnerError('KBO', 'ERROR', 'het register staat nog niet in de store');
    if (vorige?.generatie === stand.generatie && vorige.stand.nummer === stand.stand.nummer)
      return vorige.gat?.gevonden === stand.gat?.gevonden ? vorige : { ...vorige, gat: stand.gat };
    return leesWeergave(store.db, stand, this.opties.gebied);
  }
}
