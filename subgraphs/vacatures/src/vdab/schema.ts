import { z } from 'zod';

/**
 * VDAB's contract (../shared/partners/vdab.md) as zod schemas. A vacature keeps
 * only the fields the graph uses: zod strips the rest, so the index and its
 * snapshot on disk stay small.
 */

const tijdstip = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'geen ISO-tijdstip');

export const ARBEIDSCONTRACTEN = [
  'VAST',
  'TIJDELIJK',
  'INTERIM',
  'DUAAL_LEREN',
  'STUDENTENJOB',
  'FLEXIJOB',
] as const;

export const VdabVacatureSchema = z.object({
  vacatureReferentie: z.object({ vdabReferentie: z.number().int().positive() }),
  publicatieDatum: tijdstip,
  wijzigingsDatum: tijdstip,
  functie: z.object({
    functieTitel: z.string().min(1),
    beroepsprofiel: z.object({ code: z.string().min(1), label: z.string() }),
  }),
  arbeidsovereenkomst: z.object({ arbeidsContract: z.enum(ARBEIDSCONTRACTEN) }),
  // The postcode is checked against the reference table by the rules, not here: an unknown one is kept.
  tewerkstellingsadres: z.object({ postcode: z.string() }),
  leverancier: z.object({
    naam: z.string().min(1),
    // Missing or failing its check: kept, the rules report it.
    kboNummer: z.string().nullable().optional(),
    type: z.enum(['WERKGEVER', 'INTERIMKANTOOR']),
  }),
  aantalPosten: z.number().int().positive(),
});
export type VdabVacature = z.infer<typeof VdabVacatureSchema>;

export const WIJZIGINGEN = ['NIEUW', 'GEWIJZIGD', 'VERWIJDERD'] as const;
export type Wijzigingssoort = (typeof WIJZIGINGEN)[number];

/** What every `bulk` item carries, a removed one nothing else. */
export const WijzigingKopSchema = z.object({
  vacatureReferentie: z.object({ vdabReferentie: z.number().int().positive() }),
  wijziging: z.enum(WIJZIGINGEN),
});

export const PaginaSchema = z.object({
  totaal: z.number().int().nonnegative(),
  resultaten: z.array(z.unknown()),
});

export const TokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});
export type Token = z.infer<typeof TokenSchema>;

export const KnelpuntberoepSchema = z.object({
  beroepsprofielCode: z.string().min(1),
  naam: z.string(),
  oorzaken: z.array(z.enum(['KWANTITATIEF', 'KWALITATIEF', 'ARBEIDSOMSTANDIGHEDEN'])),
});
export type Knelpuntberoep = z.infer<typeof KnelpuntberoepSchema>;

export const KnelpuntlijstSchema = z.object({
  jaar: z.number().int(),
  beroepen: z.array(z.unknown()),
});

/** The reference of a raw record, for findings on a record that may not even have the contract's shape. */
export function referentieVan(record: unknown): string | null {
  const ref =
    typeof record === 'object' && record !== null
      ? (record as { vacatureReferentie?: { vdabReferentie?: unknown } }).vacatureReferentie?.vdabReferentie
      : undefined;
  return typeof ref === 'number' || typeof ref === 'string' ? String(ref) : null;
}
