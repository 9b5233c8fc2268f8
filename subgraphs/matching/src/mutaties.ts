import { forbidden } from '@duaal-graph/subgraph-toolkit';
import type { MatchingContext } from './context.ts';
import { alsGraphQLFout, conflict, versieConflict } from './fouten.ts';
import { StelMatchVoorSchema, valideer, WijzigMatchStatusSchema } from './invoer.ts';
import { TOEGELATEN_OVERGANGEN } from './kazi/schema.ts';
import { vindMatch } from './matchzoeker.ts';
import { matchObject, type MatchObject } from './model.ts';
import type { Toegang } from './toegang.ts';

/**
 * The two writes of the graph. The order is the point: validate the input,
 * know the caller, look the learner up to know its school, refuse what the
 * rules forbid, and only then write to Kazi, with the caller's verified `sub`
 * as `door`.
 */
export function maakMutaties(toegang: Toegang) {
  /** The caller's user id, for a caller who may act for learners at all; FORBIDDEN otherwise (no token included). */
  const schrijver = (ctx: MatchingContext, wat: string): string => {
    const g = ctx.gebruiker;
    if (g.soort !== 'aangemeld' || !toegang.kanLerendenZien(g)) throw forbidden(wat);
    return g.sub;
  };

  const stelMatchVoor = async (
    _: unknown,
    args: { input: unknown },
    ctx: MatchingContext,
  ): Promise<MatchObject> => {
    const invoer = valideer(StelMatchVoorSchema, args.input);
    const door = schrijver(ctx, 'stelMatchVoor');
    const wat = `lerende ${invoer.lerendeId}`;
    try {
      const lerende = await ctx.lerende.load(invoer.lerendeId);
      // An id Kazi does not know is refused as another school's learner is: whether it exists stays unknown.
      toegang.eisSchrijven(ctx.gebruiker, lerende, (l) => l.instellingsnummer, wat);
      const match = await ctx.live(() =>
        ctx.kazi.stelMatchVoor(
          {
            lerendeId: invoer.lerendeId,
            ondernemingsnummer: invoer.ondernemingsnummer,
            vestigingsnummer: invoer.vestigingsnummer,
            opleidingscode: invoer.opleidingscode,
            door,
          },
          invoer.idempotencyKey,
        ),
      );
      ctx.register.onthoud([match]);
      ctx.matchesVanLerende.clear(invoer.lerendeId);
      return matchObject(match, lerende.instellingsnummer);
    } catch (fout) {
      throw alsGraphQLFout(fout, forbidden(wat));
    }
  };

  const wijzigMatchStatus = async (
    _: unknown,
    args: { input: unknown },
    ctx: MatchingContext,
  ): Promise<MatchObject> => {
    const invoer = valideer(WijzigMatchStatusSchema, args.input);
    const door = schrijver(ctx, 'wijzigMatchStatus');
    const wat = `match ${invoer.matchId}`;
    try {
      const gevonden = await vindMatch(ctx, toegang, invoer.matchId);
      // Not found among what the caller may see: refused exactly like another school's match.
      toegang.eisSchrijven(ctx.gebruiker, gevonden, (g) => g.lerende.instellingsnummer, wat);
      const { match: huidig, lerende } = gevonden;
      // What the graph knows it checks itself, in Kazi's order: the version first, then the rules.
      if (huidig.versie !== invoer.versie)
        throw versieConflict(`${wat} is nu versie ${huidig.versie}, niet ${invoer.versie}`, huidig.versie);
      if (!TOEGELATEN_OVERGANGEN[huidig.status].includes(invoer.status))
        throw conflict(`${wat} kan niet van ${huidig.status} naar ${invoer.status}`);
      const nieuw = await ctx.live(() =>
        ctx.kazi.wijzigMatch(invoer.matchId, huidig.lerendeId, invoer.versie, {
          status: invoer.status,
          reden: invoer.reden,
          door,
        }),
      );
      ctx.matchesVanLerende.clear(huidig.lerendeId);
      return matchObject(nieuw, lerende.instellingsnummer);
    } catch (fout) {
      throw alsGraphQLFout(fout, forbidden(wat));
    }
  };

  return { stelMatchVoor, wijzigMatchStatus };
}
