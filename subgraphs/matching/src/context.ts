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

/** How many calls to Kazi one request has in flight at most, when it must ask per key. */
const GELIJKTIJDIG = 8;

/** Asks per key, a few at a time; a key that fails fails alone. */
async function perSleutel<T>(
  sleutels: readonly string[],
  haal: (sleutel: string) => Promise<T>,
): Promise<(T | Error)[]> {
  const uit: (T | Error)[] = [];
  for (let i = 0; i < sleutels.length; i += GELIJKTIJDIG) {
    const deel = sleutels.slice(i, i + GELIJKTIJDIG);
    uit.push(
      ...(await Promise.all(
        deel.map((k) => haal(k).catch((f: unknown) => (f instanceof Error ? f : new Error(String(f))))),
      )),
    );
  }
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
