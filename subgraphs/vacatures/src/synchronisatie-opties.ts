import type { Gebied } from '@duaal-graph/domein';
import type { Lease } from '@duaal-graph/store';
import type { IndexOpslag } from './opslag.ts';
import type { VdabClient } from './vdab/client.ts';

/** VDAB refuses `bulk` windows of more than 24 hours. */
export const MAX_VENSTER_MS = 24 * 60 * 60 * 1000;

export interface SynchronisatieOpties {
  readonly client: Pick<VdabClient, 'initial' | 'bulk' | 'aantalGepubliceerd'> &
    Partial<Pick<VdabClient, 'currentFailure'>>;
  /** Names the VDAB an index in the store belongs to. */
  readonly vdabUrl: string;
  /** The store the index lives in, the truth of every replica; null keeps it in memory only. */
  readonly opslag: IndexOpslag | null;
  /** Decides which replica syncs; null: this one always does (one replica, or tests). */
  readonly lease?: Lease | null;
  /** Where a JSON snapshot of the index from before the store may lie: moved into the store once. */
  readonly oudeMap?: string | null;
  readonly intervalMs: number;
  /** What the index may be older than two intervals and still be ACTUEEL: the contract's minute by default. */
  readonly graceMs?: number;
  /**
   * How often a replica looks at the store (a new version to read, the lease
   * to take or renew): at most every second, or every interval if shorter.
   */
  readonly kijkMs?: number;
  /**
   * Each sync reads again this much before where the last one ended: a change
   * VDAB logs a moment after its own timestamp is still met, and applying it
   * again changes nothing.
   */
  readonly overlapMs?: number;
  readonly nu?: () => number;
  readonly log?: (regel: string) => void;
  readonly gebied?: Gebied;
}

/** Even without changes the store's window end is brought up to date this often, so a restart reads little. */
export const BEWAAR_MINSTENS_ELKE_MS = 10 * 60_000;

/**
 * How long the sync lease lasts unless renewed (every look at the store): long
 * enough to ride out a few missed looks, short enough that after a crash
 * another replica takes over within an interval of the default 60 s (a
 * replica that stops gives the lease back, and another takes it at its next look).
 */
export function leaseMs(intervalMs: number, kijkMs: number): number {
  return Math.max(3 * kijkMs, Math.min(intervalMs / 2, 30_000));
}
