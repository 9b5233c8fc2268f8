import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KaziMatch } from '../wereld/kazi.ts';

/** What Kazi keeps across its own restarts: every match written (through the API or a test hook), the removed ones, and the idempotency keys. */
export interface KaziOpslag {
  readonly matches: KaziMatch[];
  readonly verwijderd: string[];
  readonly sleutels: Record<string, { bodyHash: string; matchId: string }>;
  volgnummer: number;
}

export function leesOpslag(bestand: string): KaziOpslag | null {
  try {
    const opslag = JSON.parse(readFileSync(bestand, 'utf8')) as Partial<KaziOpslag>;
    return {
      matches: opslag.matches ?? [],
      verwijderd: opslag.verwijderd ?? [],
      sleutels: opslag.sleutels ?? {},
      volgnummer: opslag.volgnummer ?? 0,
    };
  } catch (fout) {
    if ((fout as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Kazi's opslag in ${bestand} is onleesbaar`, { cause: fout });
  }
}

/** Writes the whole store to a temporary file and renames it, so a crash never leaves half a file. */
export function schrijfOpslag(bestand: string, opslag: KaziOpslag): void {
  mkdirSync(dirname(bestand), { recursive: true });
  const tijdelijk = `${bestand}.${process.pid}.tmp`;
  writeFileSync(tijdelijk, JSON.stringify(opslag));
  renameSync(tijdelijk, bestand);
}
