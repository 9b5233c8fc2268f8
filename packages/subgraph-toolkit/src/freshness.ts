import type { BronToestand, Reden } from './source-status.ts';

/**
 * The contract's grace on top of two refresh intervals: a copy is ACTUEEL only
 * while its last successful read is younger than `2 x interval + grace`.
 */
export const FRESHNESS_GRACE_MS = 60_000;

/** What a copy of a partner knows about itself, for judging how fresh it is. */
export interface FreshnessFacts {
  /** Whether there is any copy to answer from. */
  readonly hasCopy: boolean;
  /** When the copy was last read successfully (ms since the epoch); null when it never was. */
  readonly lastSuccessMs: number | null;
  readonly intervalMs: number;
  /** Why the last read failed; null when it succeeded (or none ended yet). */
  readonly lastFailure: Reden | null;
  /** What a read under way is held by (429s waited out, say); null when nothing holds one. */
  readonly waitingOn: Reden | null;
  /** Whether a read is under way now. */
  readonly readUnderWay: boolean;
  readonly nowMs: number;
  readonly graceMs?: number;
}

export interface Freshness {
  readonly toestand: BronToestand;
  /** Why the source is not ACTUEEL: one of the PARTNER_UNAVAILABLE reasons; absent when it is. */
  readonly reden?: Reden;
}

/**
 * ACTUEEL only while the last read succeeded and is young enough; a failed last
 * read, or a copy older than two intervals plus the grace (also while a read
 * that will complete is still under way), is VEROUDERD with the reason; no copy
 * at all is ONBESCHIKBAAR. So a copy that silently ages never says ACTUEEL.
 */
export function judgeFreshness(facts: FreshnessFacts): Freshness {
  // A read that is merely slow, held by nothing the client can name, is late: TIMEOUT says that best.
  const underWayReason: Reden | null = facts.waitingOn ?? (facts.readUnderWay ? 'TIMEOUT' : null);
  if (!facts.hasCopy)
    return { toestand: 'ONBESCHIKBAAR', reden: facts.lastFailure ?? underWayReason ?? 'ERROR' };
  if (facts.lastFailure !== null) return { toestand: 'VEROUDERD', reden: facts.lastFailure };
  const maxAgeMs = 2 * facts.intervalMs + (facts.graceMs ?? FRESHNESS_GRACE_MS);
  if (facts.lastSuccessMs === null || facts.nowMs - facts.lastSuccessMs >= maxAgeMs)
    return { toestand: 'VEROUDERD', reden: underWayReason ?? 'ERROR' };
  return { toestand: 'ACTUEEL' };
}
