import { join } from 'node:path';
import { openStore, type Store } from '@duaal-graph/store';
import type { Kysely } from 'kysely';
import type { Database } from '@duaal-graph/store';
import { badUserInput } from '../errors.ts';
import type { Bevinding } from '../findings.ts';
import type { SubgraphData } from '../subgraph.ts';
import type { Bron, WithSources } from '../source-status.ts';
import { FindingsLedger, type HistorischeBevinding } from './ledger.ts';

/** A report (`BronRapport`) as its resolver hands it on: which scopes of the history hold its findings. */
export interface MetBevindingenHistorie {
  readonly bron: Bron;
  readonly bevindingenBereiken: readonly string[];
}

/**
 * The findings history of one service: the ledger in the service's store. A
 * service that has a store of its own hands it over (`attach`); one that has
 * none opens the store in its data folder (`open`), as the others do.
 */
export class FindingsHistory {
  private ledger: FindingsLedger | undefined;
  private store: Store | undefined;
  /** The latest read of each scope made before the store was open, recorded once it is. */
  private readonly waiting = new Map<string, { findings: readonly Bevinding[]; atMs: number }>();
  /** A close while the store still opens (a stop during the start): the open gives up at once. */
  private readonly closing = new AbortController();

  constructor(
    private readonly service: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The store the service already has. */
  attach(db: Kysely<Database>): void {
    const ledger = new FindingsLedger(db, this.service, this.log);
    this.ledger = ledger;
    for (const [scope, read] of this.waiting) void ledger.record(scope, read.findings, read.atMs);
    this.waiting.clear();
  }

  /** Opens the store (PostgreSQL at `databaseUrl`, else PGlite in `dataDir/store`) for the history alone. */
  async open(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<void> {
    this.store = await openStore({
      databaseUrl: options.databaseUrl,
      dataDir: join(options.dataDir, 'store'),
      log: this.log,
      signal: this.closing.signal,
    });
    this.attach(this.store.db);
  }

  async close(): Promise<void> {
    this.closing.abort();
    const { store, ledger } = this;
    this.store = undefined;
    this.ledger = undefined;
    await ledger?.drain();
    await store?.close();
  }

  /**
   * Records one read of a source; one made while the store opens (the store
   * opens beside the first reads, not before them) is recorded once it is open.
   */
  record(scope: string, findings: readonly Bevinding[], atMs: number): void {
    if (this.ledger) void this.ledger.record(scope, findings, atMs);
    else this.waiting.set(scope, { findings, atMs });
  }

  /**
   * Records every read of a snapshot under `scope`, with the findings
   * `findings` makes of it; undefined when they cannot be judged yet (a
   * register they depend on was never read): then that read is not recorded,
   * so that it resolves nothing.
   */
  follow<T>(
    snapshot: { onRead(listener: (data: T, atMs: number) => void): void },
    scope: string,
    findings: (data: T) => readonly Bevinding[] | undefined,
  ): void {
    snapshot.onRead((data, atMs) => {
      try {
        const list = findings(data);
        if (list !== undefined) this.record(scope, list, atMs);
      } catch (error) {
        this.log(
          `bevindingen ${scope}: niet bepaald (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    });
  }

  /** The findings of a report for `BronRapport.bevindingen(first, opgelost)`. */
  async list(
    rapport: MetBevindingenHistorie,
    args: { first: number; opgelost?: boolean | null },
  ): Promise<HistorischeBevinding[]> {
    if (!Number.isInteger(args.first) || args.first < 0) throw badUserInput('first', 'een natuurlijk getal');
    if (!this.ledger) throw new Error(`${this.service}: the findings history is not open`);
    return this.ledger.list(rapport.bevindingenBereiken, {
      first: args.first,
      opgelost: args.opgelost ?? null,
    });
  }

  /**
   * The resolver of `BronRapport.bevindingen` every subgraph that reports
   * findings uses. The history changes at every read of the source, also one
   * that brings the same copy (a finding's last sighting moves): the answer is
   * reported as read live, so that no cache keeps it.
   */
  resolver(): (
    rapport: MetBevindingenHistorie,
    args: { first: number; opgelost?: boolean | null },
    ctx: WithSources,
  ) => Promise<HistorischeBevinding[]> {
    return (rapport, args, ctx) => {
      ctx.bronnen.meldLive(rapport.bron);
      return this.list(rapport, args);
    };
  }
}

/**
 * A subgraph's data with its findings history's own store: opened beside the
 * first reads of its sources (each read is recorded), closed after the last.
 */
export function withFindingsHistory(
  data: SubgraphData,
  historie: FindingsHistory,
  store: { readonly databaseUrl?: string | undefined; readonly dataDir: string },
): SubgraphData {
  return {
    ...data,
    // The store opens beside the first reads (each takes seconds); the service is ready with both.
    start: async () => {
      await Promise.all([historie.open(store), data.start()]);
    },
    stop: async () => {
      await data.stop();
      await historie.close();
    },
  };
}
