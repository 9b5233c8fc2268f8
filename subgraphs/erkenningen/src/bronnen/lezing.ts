import { PartnerError, valideer, type Bron, type PartnerClientOptions } from '@duaal-graph/subgraph-toolkit';
import type { z } from 'zod';
import type { SectorLezing } from '../model.ts';

/** What every sector client needs besides its credentials: where the partner is, and the client's limits. */
export type ClientOpties = Omit<PartnerClientOptions, 'bron' | 'authenticatie'>;

/** A field of a raw record as the partner's own id, for findings on a record that may not even have the right shape. */
export function veldAlsId(record: unknown, veld: string): string | null {
  const waarde =
    typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[veld] : undefined;
  return typeof waarde === 'string' || typeof waarde === 'number' ? String(waarde) : null;
}

/**
 * Validates every record on its own: one that breaks the contract becomes a
 * finding and never costs the others. When most records break it, though, the
 * answer as a whole is broken (a changed format, a fault): the read fails, so
 * that the older copy keeps answering instead of an almost empty databank.
 */
export function alsLezing<T>(
  bron: Bron,
  ruw: readonly unknown[],
  schema: z.ZodType<T>,
  idVeld: string,
): SectorLezing<T> {
  const { records, bevindingen } = valideer(ruw, schema, (r) => veldAlsId(r, idVeld), bron);
  if (bevindingen.length * 2 > ruw.length) {
    const eerste = bevindingen[0];
    throw new PartnerError(
      bron,
      'INVALID_RESPONSE',
      `${bevindingen.length} van ${ruw.length} records breken het contract (eerste: ${eerste?.veld ?? '?'} = ${eerste?.waarde ?? 'null'})`,
    );
  }
  return { records, bevindingen, aantalRecords: ruw.length };
}
