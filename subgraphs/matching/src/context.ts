import {
  PartnerError,
  SourceUsage,
  type Bron,
  type WithCaller,
  type WithSources,
} from '@duaal-graph/subgraph-toolkit';
import DataLoader from 'dataloader';
import { KAZI_ZOEK_MAX, type KaziClient } from './kazi/client.ts';
import type { KaziLerende, KaziMatch, KaziSuggestie } from './kazi/schema.ts';
import type { MatchRegister } from './matchregister.ts';

export interface MatchingContext extends WithSources, WithCaller {
  readonly bronnen: SourceUsage;
  readonly kazi: KaziClient;
  readonly register: MatchRegister;
  /** Lerenden by id, through `POST /lerenden/zoeken`, 100 at a time. */
  readonly lerende: DataLoader<string, KaziLerende | null>;
  /** Every lerende of a school, by instellingsnummer. */
  readonly lerendenVanSchool: DataLoader<string, KaziLerende[]>;
  readonly matchesVanLerende: DataLoader<string, KaziMatch[]>;
  /** By ondernemingsnummer in ten digits. */
  readonly matchesVanOnderneming: DataLoader<string, KaziMatch[]>;
  /** Keys `${lerendeId}|${max}`. */
  readonly suggesties: DataLoader<string, KaziSuggestie[]>;
  /** Reports a live call to Kazi in `extensions.bronnen`, whatever its outcome. */
  readonly live: <T>(oproep: () => Promise<T>) => Promise<T>;
}

/**
 * How many calls to Kazi one request has in flight at most, when it must ask
 * per key (Kazi lists matches per learner only; its listing by status holds
 * every school's matches). A school's list holds at most 50 learners (the
 * `@listSize` of `School.lerenden`; the largest school has 45), so the matches
 * of a whole school go out in one round and a slow Kazi costs one call's time,
 * not one per eight learners; the bound keeps a forged list from flooding Kazi.
 */
export const GELIJKTIJDIG = 50;

/**
 * Asks per key, at most `GELIJKTIJDIG` at once: a pool, so a slow key holds
 * only its own place and not a whole round. A key that fails fails alone.
 */
export async function perSleutel<T>(
  sleutels: readonly string[],
  haal: (sleutel: string) => Promise<T>,
  gelijktijdig = GELIJKTIJDIG,
): Promise<(T | Error)[]> {
  const uit = new Array<T | Error>(sleutels.length);
  let volgende = 0;
  const werker = async () => {
    while (volgende < sleutels.length) {
      const i = volgende++;
      const sleutel = sleutels[i] as string;
      uit[i] = await haal(sleutel).catch((f: unknown) => (f instanceof Error ? f : new Error(String(f))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(gelijktijdig, sleutels.length) }, werker));
  return uit;
}

/**
 * The context of one request: per-request loaders over Kazi, so that every
 * learner and every list is asked once per request. Their cache keys are ids,
 * never personal data.
 */
export function maakContext(kazi: KaziClient, register: MatchRegister): Omit<MatchingContext, 'gebruiker'> {
  const bronnen = new SourceUsage();
  const bron: Bron = 'KAZI';
  const live = async <T>(oproep: () => Promise<T>): Promise<T> => {
    bronnen.meldLive(bron);
    try {
      const uitkomst = await oproep();
      bronnen.meld({ bron, toestand: 'ACTUEEL', bijgewerktOp: new Date().toISOString() });
      return uitkomst;
    } catch (fout) {
      if (fout instanceof PartnerError)
        bronnen.meld({ bron, toestand: 'ONBESCHIKBAAR', bijgewerktOp: null, reden: fout.reden });
      throw fout;
    }
  };
  const metRegister = async (matches: Promise<KaziMatch[]>) => {
    const lijst = await matches;
    register.onthoud(lijst);
    return lijst;
  };
  const lerende = new DataLoader<string, KaziLerende | null>(
    async (ids) => {
      const gevonden = new Map((await live(() => kazi.zoekLerenden(ids))).map((l) => [l.lerendeId, l]));
      return ids.map((id) => gevonden.get(id) ?? null);
    },
    { maxBatchSize: KAZI_ZOEK_MAX },
  );
  return {
    bronnen,
    kazi,
    register,
    live,
    lerende,
    lerendenVanSchool: new DataLoader((scholen) =>
      perSleutel(scholen, async (school) => {
        const lijst = await live(() => kazi.lerendenVanSchool(school));
        for (const l of lijst) lerende.prime(l.lerendeId, l);
        return lijst;
      }),
    ),
    matchesVanLerende: new DataLoader((ids) =>
      perSleutel(ids, (id) => metRegister(live(() => kazi.matchesVanLerende(id)))),
    ),
    matchesVanOnderneming: new DataLoader((nummers) =>
      perSleutel(nummers, (nummer) => metRegister(live(() => kazi.matchesVanOnderneming(nummer)))),
    ),
    suggesties: new DataLoader((sleutels) =>
      perSleutel(sleutels, (sleutel) => {
        const [id = '', max = '10'] = sleutel.split('|');
        return live(() => kazi.suggesties(id, Number(max)));
      }),
    ),
  };
}
