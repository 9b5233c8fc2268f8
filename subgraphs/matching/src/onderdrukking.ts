/** A count of people as the contract shows it: `waarde` null when suppressed. */
export interface Telling {
  readonly waarde: number | null;
  readonly onderdrukt: boolean;
}

export function isKlein(aantal: number): boolean {
  return aantal >= 1 && aantal <= 4;
}

/**
 * The contract's rule for learner counts: no one may learn a number of
 * learners from 1 to 4 from what the graph shows. The count itself is not
 * enough: a trajectbegeleider also sees its own school's learners, so the
 * count minus those (the learners of the other schools) must not be 1 to 4
 * either, for any school. The same trajectbegeleider can ask the count
 * without a token, so the rule cannot depend on who asks: a cell is
 * suppressed for everyone as soon as one school could derive a small count.
 * `perSchool` holds, per school, how many of the counted learners are its own.
 */
export function telling(aantal: number, perSchool: Iterable<number> = []): Telling {
  if (isKlein(aantal)) return { waarde: null, onderdrukt: true };
  for (const eigen of perSchool) {
    if (isKlein(aantal - eigen)) return { waarde: null, onderdrukt: true };
  }
  return { waarde: aantal, onderdrukt: false };
}

/**
 * A count that a caller can also ask more broadly (the same filter without one
 * of its fields): the difference with each broader count must not be 1 to 4
 * either, or asking both would give it away.
 */
export function tellingNaastRuimer(
  aantal: number,
  perSchool: Iterable<number>,
  ruimer: Iterable<number>,
): Telling {
  const t = telling(aantal, perSchool);
  if (t.onderdrukt) return t;
  for (const r of ruimer) if (isKlein(r - aantal)) return { waarde: null, onderdrukt: true };
  return t;
}
