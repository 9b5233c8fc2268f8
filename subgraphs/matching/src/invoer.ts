import { ondernemingsnummerCijfers, vestigingsnummerCijfers } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { MatchStatus } from './kazi/schema.ts';

/**
 * Checks of what callers send, before anything reaches Kazi: a wrong value is
 * BAD_USER_INPUT naming the field, in the usual notations normalised. Kazi's
 * ids go into URL paths, so they are held to a safe alphabet.
 */

const LERENDE_ID = /^L-[A-Za-z0-9_-]{1,64}$/;
const MATCH_ID = /^M-[A-Za-z0-9_-]{1,64}$/;

const lerendeId = z.string().trim().regex(LERENDE_ID, 'een lerende-id van Kazi, bv. `L-7f3a9c`');

const opleidingscode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'een opleidingscode, bv. `DS-ELT-3`');

const ondernemingsnummer = z.string().transform((waarde, ctx) => {
  const cijfers = ondernemingsnummerCijfers(waarde);
  if (cijfers === null) {
    ctx.addIssue({ code: 'custom', message: 'geen geldig ondernemingsnummer (KBO, mod 97)' });
    return z.NEVER;
  }
  return cijfers;
});

const vestigingsnummer = z.string().transform((waarde, ctx) => {
  const cijfers = vestigingsnummerCijfers(waarde);
  if (cijfers === null) {
    ctx.addIssue({ code: 'custom', message: 'geen geldig vestigingsnummer (mod 97)' });
    return z.NEVER;
  }
  return cijfers;
});

export const StelMatchVoorSchema = z.object({
  lerendeId,
  ondernemingsnummer,
  vestigingsnummer: vestigingsnummer.nullish().transform((v) => v ?? null),
  opleidingscode,
  // Sent to Kazi as a header: visible ASCII only, so it can never split or smuggle one.
  idempotencyKey: z
    .string()
    .trim()
    .regex(/^[\x21-\x7E]{1,200}$/, 'een sleutel van 1 tot 200 zichtbare tekens, bv. een UUID'),
});
export type StelMatchVoor = z.infer<typeof StelMatchVoorSchema>;

/** The statuses a change may name: a match only starts VOORGESTELD, through stelMatchVoor. */
const DOELSTATUSSEN = [
  'IN_GESPREK',
  'OVEREENKOMST',
  'GESTART',
  'AFGEWEZEN',
] as const satisfies readonly MatchStatus[];

export const WijzigMatchStatusSchema = z.object({
  matchId: z.string().trim().regex(MATCH_ID, 'een match-id van Kazi, bv. `M-000481`'),
  versie: z.number().int().min(1, 'een versie is 1 of meer'),
  status: z.enum(DOELSTATUSSEN, 'een match wordt IN_GESPREK, OVEREENKOMST, GESTART of AFGEWEZEN'),
  reden: z
    .string()
    .trim()
    .max(500, 'hoogstens 500 tekens')
    .nullish()
    .transform((r) => (r ? r : null)),
});
export type WijzigMatchStatus = z.infer<typeof WijzigMatchStatusSchema>;

function fout(argument: string, error: z.ZodError): GraphQLError {
  const eerste = error.issues[0];
  const veld = eerste?.path[0];
  return badUserInput(
    veld === undefined ? argument : `${argument}.${String(veld)}`,
    eerste?.message ?? 'ongeldig',
  );
}

/** Parses an input object; throws BAD_USER_INPUT naming the first field that fails. */
export function valideer<S extends z.ZodType>(schema: S, waarde: unknown, argument = 'input'): z.infer<S> {
  const resultaat = schema.safeParse(waarde);
  if (!resultaat.success) throw fout(argument, resultaat.error);
  return resultaat.data;
}

/** A lerende-id argument of a query. */
export function controleerLerendeId(waarde: string, argument = 'id'): string {
  const resultaat = lerendeId.safeParse(waarde);
  if (!resultaat.success) throw badUserInput(argument, resultaat.error.issues[0]?.message ?? 'ongeldig');
  return resultaat.data;
}

/** A match-id from another subgraph or a caller, or null when it cannot be one of Kazi's. */
export function alsMatchId(waarde: string): string | null {
  const id = waarde.trim();
  return MATCH_ID.test(id) ? id : null;
}

/** Opleidingscodes are upper case in the register and in Kazi. */
export function normaliseerOpleidingscode(waarde: string): string {
  return waarde.trim().toUpperCase();
}
