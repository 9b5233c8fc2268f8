import type { KaziLerende, LerendeStatus } from './kazi/schema.ts';
import { tellingNaastRuimer, type Telling } from './onderdrukking.ts';

/** A learner filter in Kazi's terms, normalised; null asks every value. */
export interface TelFilter {
  readonly instellingsnummer: string | null;
  readonly opleidingscode: string | null;
  readonly status: LerendeStatus | null;
}

const VELDEN = ['instellingsnummer', 'opleidingscode', 'status'] as const;

function past(l: KaziLerende, f: TelFilter): boolean {
  return VELDEN.every((veld) => f[veld] === null || l[veld] === f[veld]);
}

/**
 * `Query.lerendenTelling`: how many learners match the filter, suppressed by
 * the rules of ./onderdrukking.ts: 1 to 4, or 1 to 4 apart from what a school
 * counts of its own, or from the same count with one filter field less.
 */
export function telLerenden(lerenden: readonly KaziLerende[], filter: TelFilter): Telling {
  const perSchool = new Map<string, number>();
  let aantal = 0;
  for (const l of lerenden) {
    if (!past(l, filter)) continue;
    aantal += 1;
    perSchool.set(l.instellingsnummer, (perSchool.get(l.instellingsnummer) ?? 0) + 1);
  }
  const ruimer = VELDEN.filter((veld) => filter[veld] !== null).map(
    (veld) => lerenden.filter((l) => past(l, { ...filter, [veld]: null })).length,
  );
  return tellingNaastRuimer(aantal, perSchool.values(), ruimer);
}
