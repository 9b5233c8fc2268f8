import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BevindingSchema } from './opslag.ts';
import { VdabVacatureSchema } from './vdab/schema.ts';

/**
 * The JSON snapshot the index was kept in before the store: read once, to
 * move it into the store, and then put aside (renamed), never read again.
 */
const OudeSnapshotSchema = z.object({
  versie: z.literal(1),
  vdabUrl: z.string(),
  tot: z.number().int(),
  records: z.array(VdabVacatureSchema),
  afgekeurd: z.array(BevindingSchema),
});
export type OudeSnapshot = z.infer<typeof OudeSnapshotSchema>;

export const OUDE_SNAPSHOT = 'vdab-index.json';
/** What the snapshot is renamed to once the store holds it. */
export const OVERGEZET = 'vdab-index.json.overgezet';

/** The old snapshot in `map`; none, a broken one or one of another VDAB is null. */
export async function leesOudeSnapshot(
  map: string,
  vdabUrl: string,
  log: (regel: string) => void = () => undefined,
): Promise<OudeSnapshot | null> {
  let tekst: string;
  try {
    tekst = await readFile(join(map, OUDE_SNAPSHOT), 'utf8');
  } catch {
    return null;
  }
  let inhoud: unknown;
  try {
    inhoud = JSON.parse(tekst);
  } catch {
    log(`${OUDE_SNAPSHOT} is geen JSON; niet overgezet`);
    return null;
  }
  const resultaat = OudeSnapshotSchema.safeParse(inhoud);
  if (!resultaat.success || resultaat.data.vdabUrl !== vdabUrl) {
    log(`${OUDE_SNAPSHOT} is geen index van ${vdabUrl}; niet overgezet`);
    return null;
  }
  return resultaat.data;
}

/** Puts the old snapshot aside once the store holds it, so that no start reads it again. */
export async function zetOudeSnapshotOpzij(map: string): Promise<void> {
  await rename(join(map, OUDE_SNAPSHOT), join(map, OVERGEZET)).catch(() => undefined);
}
