import type { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { normaliseerInstellingsnummer, ondernemingsnummerCijfers } from '@duaal-graph/domein';
import {
  badUserInput,
  connection,
  controleerOpleidingscode,
  DateScalar,
  DateTimeScalar,
  graphError,
  PartnerError,
  partnerUnavailable,
  type Snapshot,
} from '@duaal-graph/subgraph-toolkit';
import type { MatchingContext } from './context.ts';
import { alsMatchId, controleerLerendeId } from './invoer.ts';
import type { KaziLerende, LerendeStatus, MatchStatus } from './kazi/schema.ts';
import { telLerenden } from './lerendentelling.ts';
import { vindMatch } from './matchzoeker.ts';
import {
  lerendeObject,
  matchObject,
  suggestieObject,
  type LerendeObject,
  type MatchObject,
  type SuggestieObject,
} from './model.ts';
import { maakMutaties } from './mutaties.ts';
import type { Telling } from './onderdrukking.ts';
import type { Toegang } from './toegang.ts';
import type { ActievePlekkenIndex } from './actieve-plekken.ts';
import { radarCelResolvers, regioTotaalResolvers } from './radarcel.ts';
import type { ZoekendenIndex } from './zoekenden.ts';
import { kandidaatResolvers } from './kandidaat.ts';

interface LerendeFilter {
  instellingsnummer?: string | null;
  opleidingscode?: string | null;
  status?: LerendeStatus | null;
}

/** Kazi's limit for `max` of its suggesties. */
const MAX_SUGGESTIES = 50;

/**
 * A read that Kazi could not answer: the source is already reported unavailable
 * for this request (one PARTNER_UNAVAILABLE), and the rest of the answer stands.
 */
async function zonderKazi<T>(belofte: Promise<T>, anders: T): Promise<T> {
  try {
    return await belofte;
  } catch (fout) {
    if (fout instanceof PartnerError) return anders;
    throw fout;
  }
}

/** A non-null field that needs Kazi: without it, the contract's error rather than the partner's details. */
async function metKazi<T>(belofte: Promise<T>): Promise<T> {
  try {
    return await belofte;
  } catch (fout) {
    if (fout instanceof PartnerError) throw partnerUnavailable(fout.bron, fout.reden);
    throw fout;
  }
}

/**
 * What a caller gets for a learner or match it may not see, and for an id Kazi
 * does not know: a thing of no school, which `@toegang` refuses with FORBIDDEN
 * like any other school's (also within `_entities`), with the same message.
 * Whether the id exists stays unknown to the caller. A caller who may see no
 * learner at all gets it without Kazi being asked.
 */
function onzichtbaar(id: string): { id: string; instellingsnummer: null } {
  return { id, instellingsnummer: null };
}

/** A school's list as a trajectbegeleider reads it: by familienaam, voornaam, then id. */
function gesorteerd(lerenden: readonly KaziLerende[]): LerendeObject[] {
  return lerenden
    .map(lerendeObject)
    .sort(
      (a, b) =>
        (a.familienaam ?? '').localeCompare(b.familienaam ?? '', 'nl') ||
        (a.voornaam ?? '').localeCompare(b.voornaam ?? '', 'nl') ||
        a.id.localeCompare(b.id),
    );
}

export function maakResolvers(
  toegang: Toegang,
  zoekenden: Snapshot<ZoekendenIndex>,
  opleidingscodes: Snapshot<ReadonlySet<string>>,
  actief: Snapshot<ActievePlekkenIndex>,
  historie: FindingsHistory,
) {
  const kandidaat = kandidaatResolvers(zoekenden);
  /** A filter's opleidingscode, judged by the register (reported as a source): one it does not hold is BAD_USER_INPUT. */
  const opleidingscodeVan = (ctx: MatchingContext, waarde: string): string => {
    ctx.bronnen.meld(opleidingscodes.status(), opleidingscodes.reden());
    return controleerOpleidingscode(waarde, opleidingscodes.data, 'filter.opleidingscode');
  };

  const lerendenVanSchool = async (ctx: MatchingContext, school: string, status?: LerendeStatus | null) =>
    gesorteerd(
      (await zonderKazi(ctx.lerendenVanSchool.load(school), [])).filter(
        (l) => !status || l.status === status,
      ),
    );

  /** A learner as the caller may see it; null only when Kazi could not be read. */
  const lerendeVoor = async (ctx: MatchingContext, id: string) =>
    zonderKazi(
      ctx.lerende.load(id).then((l) => (l ? lerendeObject(l) : onzichtbaar(id))),
      null,
    );

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      lerende: async (_: unknown, args: { id: string }, ctx: MatchingContext) => {
        const id = controleerLerendeId(args.id);
        if (!toegang.kanLerendenZien(ctx.gebruiker)) return onzichtbaar(id);
        return lerendeVoor(ctx, id);
      },
      lerenden: async (
        _: unknown,
        args: { filter?: LerendeFilter | null; first?: number | null; after?: string | null },
        ctx: MatchingContext,
      ) => {
        const f = args.filter ?? {};
        // `@toegang` on the filter has refused another school; without one, the caller's own school.
        const school = f.instellingsnummer
          ? normaliseerInstellingsnummer(f.instellingsnummer)
          : toegang.eigenSchool(ctx.gebruiker);
        if (f.instellingsnummer && school === null)
          throw badUserInput('filter.instellingsnummer', 'zes cijfers, bv. 030007');
        const code = f.opleidingscode ? opleidingscodeVan(ctx, f.opleidingscode) : null;
        // `@toegang` lets only a trajectbegeleider ask; one without a school in its token has no learners.
        const lijst =
          school !== null && toegang.magSchool(ctx.gebruiker, school)
            ? (await lerendenVanSchool(ctx, school, f.status)).filter(
                (l) => !code || l.opleidingscode === code,
              )
            : [];
        return connection(lijst, args.first, args.after);
      },
      lerendenTelling: async (
        _: unknown,
        args: { filter?: LerendeFilter | null },
        ctx: MatchingContext,
      ): Promise<Telling | null> => {
        const f = args.filter ?? {};
        const instellingsnummer = f.instellingsnummer
          ? normaliseerInstellingsnummer(f.instellingsnummer)
          : null;
        if (f.instellingsnummer && instellingsnummer === null)
          throw badUserInput('filter.instellingsnummer', 'zes cijfers, bv. 030007');
        const filter = {
          instellingsnummer,
          opleidingscode: f.opleidingscode ? opleidingscodeVan(ctx, f.opleidingscode) : null,
          status: f.status ?? null,
        };
        // Without Kazi the count is not known: null, with Kazi's PARTNER_UNAVAILABLE, never 0.
        return zonderKazi(
          ctx.live(() => ctx.kazi.alleLerenden()).then((lerenden) => telLerenden(lerenden, filter)),
          null,
        );
      },
      kazibron: (_: unknown, __: unknown, ctx: MatchingContext) => {
        ctx.bronnen.meld(zoekenden.status(), zoekenden.reden());
        const kwaliteit = zoekenden.data?.kwaliteit;
        return {
          bron: 'KAZI',
          toestand: zoekenden.status().toestand,
          laatsteSucces: zoekenden.laatsteSucces(),
          aantalRecords: kwaliteit?.aantalRecords ?? 0,
          aantalAfgekeurd: kwaliteit?.aantalAfgekeurd ?? 0,
          bevindingenBereiken: ['KAZI'],
        };
      },
    },
    Mutation: maakMutaties(toegang),
    BronRapport: { bevindingen: historie.resolver() },
    Lerende: {
      __resolveReference: async (ref: { id: string }, ctx: MatchingContext) => {
        if (!toegang.kanLerendenZien(ctx.gebruiker)) return onzichtbaar(ref.id);
        let id: string;
        try {
          id = controleerLerendeId(ref.id);
        } catch {
          return null; // a key that can be no learner of Kazi names none
        }
        return lerendeVoor(ctx, id);
      },
      school: (l: LerendeObject) => ({ instellingsnummer: l.instellingsnummer }),
      opleiding: (l: LerendeObject) => ({ code: l.opleidingscode }),
      woonGemeente: (l: LerendeObject) => ({ nisCode: l.woonplaatsNisCode }),
      suggesties: async (l: LerendeObject, { max }: { max: number }, ctx: MatchingContext) => {
        if (!Number.isInteger(max) || max < 1 || max > MAX_SUGGESTIES)
          throw badUserInput('max', `tussen 1 en ${MAX_SUGGESTIES}`);
        return (await zonderKazi(ctx.suggesties.load(`${l.id}|${max}`), [])).map(suggestieObject);
      },
      matches: async (l: LerendeObject, _: unknown, ctx: MatchingContext) =>
        (await zonderKazi(ctx.matchesVanLerende.load(l.id), [])).map((m) =>
          matchObject(m, l.instellingsnummer),
        ),
    },
    Suggestie: {
      onderneming: (s: SuggestieObject) => ({ ondernemingsnummer: s.ondernemingsnummer }),
      vestiging: (s: SuggestieObject) =>
        s.vestigingsnummer ? { vestigingsnummer: s.vestigingsnummer } : null,
      opleiding: (s: SuggestieObject) => ({ code: s.opleidingscode }),
    },
    Match: {
      __resolveReference: async (ref: { id: string }, ctx: MatchingContext) => {
        if (!toegang.kanLerendenZien(ctx.gebruiker)) return onzichtbaar(ref.id);
        const id = alsMatchId(ref.id);
        if (id === null) return null;
        // A match the caller cannot find answers like another school's: FORBIDDEN, never a plain null.
        return zonderKazi(
          vindMatch(ctx, toegang, id).then((gevonden) =>
            gevonden ? matchObject(gevonden.match, gevonden.lerende.instellingsnummer) : onzichtbaar(id),
          ),
          null,
        );
      },
      lerende: async (m: MatchObject, _: unknown, ctx: MatchingContext) => {
        const lerende = await metKazi(ctx.lerende.load(m.lerendeId));
        if (!lerende)
          throw graphError('INTERNAL_SERVER_ERROR', `Kazi kent de lerende van ${m.id} niet meer.`);
        return lerendeObject(lerende);
      },
      onderneming: (m: MatchObject) => ({ ondernemingsnummer: m.ondernemingsnummer }),
      vestiging: (m: MatchObject) => (m.vestigingsnummer ? { vestigingsnummer: m.vestigingsnummer } : null),
      opleiding: (m: MatchObject) => ({ code: m.opleidingscode }),
    },
    School: {
      __resolveReference: (ref: { instellingsnummer: string }) => ({
        instellingsnummer: ref.instellingsnummer,
      }),
      lerenden: async (
        s: { instellingsnummer: string },
        { status }: { status?: LerendeStatus | null },
        ctx: MatchingContext,
      ) =>
        // `@toegang` on the field has already refused everyone but this school's trajectbegeleider.
        lerendenVanSchool(ctx, s.instellingsnummer, status),
    },
    KandidaatOpleiding: kandidaat.KandidaatOpleiding,
    Onderneming: {
      ...kandidaat.Onderneming,
      // The fields `kandidaatOpleidingen` requires come along in the representation.
      __resolveReference: (ref: { ondernemingsnummer: string }) => ref,
      /** Only the matches of the caller's own learners: the others are never even joined to a learner. */
      matches: async (
        o: { ondernemingsnummer: string },
        { status }: { status?: readonly MatchStatus[] | null },
        ctx: MatchingContext,
      ) => {
        const school = toegang.eigenSchool(ctx.gebruiker);
        const cijfers = ondernemingsnummerCijfers(o.ondernemingsnummer);
        if (school === null || cijfers === null) return [];
        const [matches, eigen] = await Promise.all([
          zonderKazi(ctx.matchesVanOnderneming.load(cijfers), []),
          zonderKazi(ctx.lerendenVanSchool.load(school), []),
        ]);
        const eigenIds = new Set(eigen.map((l) => l.lerendeId));
        return matches
          .filter((m) => eigenIds.has(m.lerendeId) && (!status || status.includes(m.status)))
          .map((m) => matchObject(m, school))
          .sort((a, b) => a.id.localeCompare(b.id));
      },
    },
    RadarCel: radarCelResolvers(zoekenden, actief),
    RegioTotaal: regioTotaalResolvers(zoekenden, actief),
  };
}
