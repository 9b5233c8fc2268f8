import { isIsoDatum } from '@duaal-graph/domein';
import { z } from 'zod';

/** Kazi's records as ../shared/partners/kazi.md describes them: every answer is checked against these. */

export const LERENDE_STATUSSEN = ['ZOEKEND', 'IN_GESPREK', 'GEMATCHT', 'GESTART', 'GESTOPT'] as const;
export type LerendeStatus = (typeof LERENDE_STATUSSEN)[number];

export const MATCH_STATUSSEN = ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART', 'AFGEWEZEN'] as const;
export type MatchStatus = (typeof MATCH_STATUSSEN)[number];

/** Kazi's transition rules; `GESTART` and `AFGEWEZEN` are final. */
export const TOEGELATEN_OVERGANGEN: Readonly<Record<MatchStatus, readonly MatchStatus[]>> = {
  VOORGESTELD: ['IN_GESPREK', 'AFGEWEZEN'],
  IN_GESPREK: ['OVEREENKOMST', 'AFGEWEZEN'],
  OVEREENKOMST: ['GESTART', 'AFGEWEZEN'],
  GESTART: [],
  AFGEWEZEN: [],
};

/** The fields that are a learner's personal data: never in a finding, a log line or an error. */
export const PERSOONSGEGEVENS: ReadonlySet<string> = new Set(['voornaam', 'familienaam', 'geboortejaar']);

const tienCijfers = z.string().regex(/^\d{10}$/);
const datum = z.string().refine(isIsoDatum, 'geen datum YYYY-MM-DD');
const tijdstip = z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'geen ISO 8601-tijdstip');

export const KaziLerendeSchema = z.object({
  lerendeId: z.string().min(1),
  // Personal data may be missing without making the learner unusable: the graph's fields are nullable.
  voornaam: z.string().nullable().optional(),
  familienaam: z.string().nullable().optional(),
  geboortejaar: z.number().int().nullable().optional(),
  instellingsnummer: z.string().regex(/^\d{6}$/),
  opleidingscode: z.string().min(1),
  woonplaatsNisCode: z.string().regex(/^[1-9]\d{4}$/),
  mobiliteitKm: z.number().int().nonnegative(),
  status: z.enum(LERENDE_STATUSSEN),
  gewensteStartdatum: datum.nullable().optional(),
});
export type KaziLerende = z.infer<typeof KaziLerendeSchema>;

export const LerendenPaginaSchema = z.object({
  items: z.array(z.unknown()),
  page: z.number().int().positive(),
  totalPages: z.number().int().nonnegative(),
  totalItems: z.number().int().nonnegative(),
});

export const ZoekAntwoordSchema = z.object({ items: z.array(KaziLerendeSchema) });

export const KaziSuggestieSchema = z.object({
  ondernemingsnummer: tienCijfers,
  vestigingsnummer: tienCijfers.nullable().optional(),
  opleidingscode: z.string().min(1),
  score: z.number(),
  afstandKm: z.number().nonnegative(),
});
export type KaziSuggestie = z.infer<typeof KaziSuggestieSchema>;

export const SuggestiesSchema = z.object({ suggesties: z.array(KaziSuggestieSchema) });

export const GebeurtenisSchema = z.object({
  status: z.enum(MATCH_STATUSSEN),
  op: tijdstip,
  door: z.string().min(1),
  reden: z.string().nullable().optional(),
});

export const KaziMatchSchema = z.object({
  matchId: z.string().min(1),
  versie: z.number().int().positive(),
  lerendeId: z.string().min(1),
  ondernemingsnummer: tienCijfers,
  vestigingsnummer: tienCijfers.nullable().optional(),
  opleidingscode: z.string().min(1),
  status: z.enum(MATCH_STATUSSEN),
  historiek: z.array(GebeurtenisSchema),
});
export type KaziMatch = z.infer<typeof KaziMatchSchema>;

export const MatchesSchema = z.object({ items: z.array(KaziMatchSchema) });
