import type { MatchingContext } from './context.ts';
import type { KaziLerende, KaziMatch } from './kazi/schema.ts';
import type { Toegang } from './toegang.ts';

export interface GevondenMatch {
  readonly match: KaziMatch;
  readonly lerende: KaziLerende;
}

/**
 * Finds a match by its id. Kazi lists matches per learner only, so: the learner
 * the graph remembers for this match, else the learners of the caller's own
 * school one by one. Null when neither holds it: for this caller the match does
 * not exist. A found match may belong to another school; the caller judges that.
 */
export async function vindMatch(
  ctx: MatchingContext,
  toegang: Toegang,
  matchId: string,
): Promise<GevondenMatch | null> {
  const bekend = ctx.register.lerendeVan(matchId);
  if (bekend !== undefined) {
    const [lerende, matches] = await Promise.all([
      ctx.lerende.load(bekend),
      ctx.matchesVanLerende.load(bekend),
    ]);
    const match = matches.find((m) => m.matchId === matchId);
    if (lerende && match) return { match, lerende };
  }
  const school = toegang.eigenSchool(ctx.gebruiker);
  if (school === null) return null;
  const lerenden = await ctx.lerendenVanSchool.load(school);
  const lijsten = await ctx.matchesVanLerende.loadMany(lerenden.map((l) => l.lerendeId));
  for (const [i, lijst] of lijsten.entries()) {
    if (lijst instanceof Error) throw lijst;
    const match = lijst.find((m) => m.matchId === matchId);
    const lerende = lerenden[i];
    if (match && lerende) return { match, lerende };
  }
  return null;
}
