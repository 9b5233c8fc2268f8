import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { VdabVacatureSchema } from './vdab/schema.ts';

const BevindingSchema = z.object({
  bron: z.literal('VDAB'),
  recordId: z.string().nullable(),
  veld: z.string().nullable(),
  regel: z.string(),
  waarde: z.string().nullable(),
});

/** The index on disk: enough to answer again after a restart and to go on with `bulk` where it stopped. */
export const OpslagSchema = z.object({
  versie: z.literal(1),
  /** The VDAB it was read from: a copy of another VDAB (a mock of another scale, say) is no use. */
  vdabUrl: z.string(),
  /** Where the last successful sync ended (ms since 1970): the next window starts here. */
  tot: z.number().int(),
  records: z.array(VdabVacatureSchema),
  afgekeurd: z.array(BevindingSchema),
});
export type Opslag = z.infer<typeof OpslagSchema>;

const BESTAND = 'vdab-index.json';

/** Reads the snapshot; none, a broken one or one of another VDAB is null (and the index is read anew). */
export async function leesOpslag(
  map: string,
  vdabUrl: string,
  log: (regel: string) => void = () => undefined,
): Promise<Opslag | null> {
  let tekst: string;
  try {
    tekst = await readFile(join(map, BESTAND), 'utf8');
  } catch {
    return null;
  }
  let inhoud: unknown;
  try {
    inhoud = JSON.parse(tekst);
  } catch {
    log(`${BESTAND} is geen JSON; de index wordt opnieuw gelezen`);
    return null;
  }
  const resultaat = OpslagSchema.safeParse(inhoud);
  if (!resultaat.success) {
    log(`${BESTAND} heeft niet de verwachte vorm; de index wordt opnieuw gelezen`);
    return null;
  }
  if (resultaat.data.vdabUrl !== vdabUrl) {
    log(`${BESTAND} komt van ${resultaat.data.vdabUrl}, niet van ${vdabUrl}; de index wordt opnieuw gelezen`);
    return null;
  }
  return resultaat.data;
}

/**
 * Writes the snapshot atomically: to a file beside it, then a rename over the
 * old one, so that a crash mid-write leaves the older snapshot, never half a file.
 */
export async function schrijfOpslag(map: string, inhoud: Opslag): Promise<void> {
  await mkdir(map, { recursive: true });
  const doel = join(map, BESTAND);
  const tijdelijk = `${doel}.${process.pid}.tmp`;
  try {
    await writeFile(tijdelijk, JSON.stringify(inhoud));
    await rename(tijdelijk, doel);
  } catch (fout) {
    await rm(tijdelijk, { force: true });
    throw fout;
  }
}
