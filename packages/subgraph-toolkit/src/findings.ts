import type { z } from 'zod';
import type { Bron } from './source-status.ts';

/** A data-quality finding on one partner record (`type Bevinding`). */
export interface Bevinding {
  readonly bron: Bron;
  readonly recordId: string | null;
  readonly veld: string | null;
  readonly regel: string;
  readonly waarde: string | null;
}

/** The findings of one read of a source, and how many records it read and rejected. */
export interface Kwaliteit {
  readonly aantalRecords: number;
  readonly aantalAfgekeurd: number;
  readonly bevindingen: readonly Bevinding[];
}

export function waardeAlsTekst(waarde: unknown): string | null {
  if (waarde === undefined || waarde === null) return null;
  return typeof waarde === 'string' ? waarde : JSON.stringify(waarde);
}

/** A finding for a record that does not have the contract's shape, naming the first field that fails. */
export function vormBevinding(
  bron: Bron,
  recordId: string | null,
  fout: z.ZodError,
  record: unknown,
): Bevinding {
  const eerste = fout.issues[0];
  const pad = eerste?.path.map(String) ?? [];
  let waarde: unknown = record;
  for (const stap of pad)
    waarde =
      typeof waarde === 'object' && waarde !== null ? (waarde as Record<string, unknown>)[stap] : undefined;
  return { bron, recordId, veld: pad.join('.') || null, regel: 'VORM', waarde: waardeAlsTekst(waarde) };
}
