import {
  PartnerClient,
  PartnerError,
  type BreakerState,
  type PartnerClientOptions,
} from '@duaal-graph/subgraph-toolkit';
import {
  KaziLerendeSchema,
  KaziMatchSchema,
  LerendenPaginaSchema,
  MatchesSchema,
  SuggestiesSchema,
  ZoekAntwoordSchema,
  type KaziLerende,
  type KaziMatch,
  type KaziSuggestie,
  type MatchStatus,
} from './schema.ts';

/** Kazi's page size limit for `GET /lerenden`, and its limit for one `POST /lerenden/zoeken`. */
export const KAZI_PAGINA = 200;
export const KAZI_ZOEK_MAX = 100;

export type Weigering = 'CONFLICT' | 'VERSIE_CONFLICT' | 'ANDERE_INVOER' | 'ONBEKEND';

/**
 * Kazi answered and refused a write by its rules (409, 412, 422, 404): the
 * caller must hear why. Availability problems stay PartnerError.
 */
export class KaziWeigering extends Error {
  constructor(
    readonly soort: Weigering,
    readonly status: number,
    boodschap: string,
  ) {
    super(boodschap);
    this.name = 'KaziWeigering';
  }
}

export interface NieuweMatch {
  readonly lerendeId: string;
  /** Ten digits, as Kazi keeps them. */
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string | null;
  readonly opleidingscode: string;
  /** The user id for Kazi's history: the caller's verified `sub`. */
  readonly door: string;
}

export interface Wijziging {
  readonly status: MatchStatus;
  readonly reden: string | null;
  readonly door: string;
}

export type KaziClientOpties = Omit<PartnerClientOptions, 'bron' | 'authenticatie'> & {
  readonly apiKey: string;
};

/**
 * An answer we did not get whole: the write may have landed or not (a dropped
 * connection, a timeout, a body cut off, a 5xx from something in between).
 * A 4xx is Kazi's own answer: nothing was written.
 */
function isOnzeker(fout: PartnerError): boolean {
  const s = fout.status;
  return s === undefined || s < 400 || s >= 500;
}

/** The match as our own change leaves it: one version on, in the target state, written by us. */
export function isOnzeWijziging(match: KaziMatch, versie: number, wijziging: Wijziging): boolean {
  const laatste = match.historiek.at(-1);
  return (
    match.versie === versie + 1 &&
    match.status === wijziging.status &&
    laatste?.status === wijziging.status &&
    laatste.door === wijziging.door
  );
}

/**
 * Kazi (../shared/partners/kazi.md), read live in every request: a read has one
 * deadline for all its attempts, the partner timeout, so a slow Kazi costs a
 * request at most that. `POST /matches` is retried only because every attempt
 * carries the same Idempotency-Key, so Kazi returns the match of the first
 * attempt that landed; `PATCH` is never retried blindly: after an answer that
 * went missing the match is read again. A 429 wrote nothing and is waited out.
 */
export class KaziClient {
  private readonly client: PartnerClient;

  constructor(opties: KaziClientOpties) {
    const { apiKey, ...rest } = opties;
    this.client = new PartnerClient({
      ...rest,
      bron: 'KAZI',
      deadlineMs: rest.deadlineMs ?? rest.timeoutMs ?? 10_000,
      authenticatie: () => ({ 'X-Api-Key': apiKey }),
    });
  }

  /** The state of Kazi's circuit breaker, for metrics and health. */
  get breakerState(): BreakerState {
    return this.client.breakerState;
  }

  /** Calls `listener` on every change of the breaker's state; returns the unsubscribe. */
  onBreakerStateChange(listener: (state: BreakerState) => void): () => void {
    return this.client.onBreakerStateChange(listener);
  }

  /** One page of lerenden, items unchecked: the snapshot checks them one by one. */
  lerendenPagina(page: number, filter: { instellingsnummer?: string } = {}) {
    return this.client.json(LerendenPaginaSchema, {
      pad: 'v1/lerenden',
      query: { page, size: KAZI_PAGINA, ...filter },
    });
  }

  /** Every lerende of one school, every page. */
  async lerendenVanSchool(instellingsnummer: string): Promise<KaziLerende[]> {
    const lerenden: KaziLerende[] = [];
    for (let page = 1; ; page++) {
      const pagina = await this.lerendenPagina(page, { instellingsnummer });
      const items = KaziLerendeSchema.array().safeParse(pagina.items);
      if (!items.success)
        throw new PartnerError('KAZI', 'INVALID_RESPONSE', 'GET v1/lerenden breekt het contract', 200);
      lerenden.push(...items.data);
      if (page >= pagina.totalPages || pagina.items.length === 0) return lerenden;
    }
  }

  /**
   * Every lerende that keeps Kazi's contract, every page: the first page says
   * how many there are, the others are read at once. A record that breaks the
   * contract is left out, as the radar's copy leaves it out (its finding is
   * reported there, in `kazibron`).
   */
  async alleLerenden(): Promise<KaziLerende[]> {
    const eerste = await this.lerendenPagina(1);
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, eerste.totalPages - 1) }, (_, i) => this.lerendenPagina(i + 2)),
    );
    const perId = new Map<string, KaziLerende>();
    for (const record of [eerste, ...rest].flatMap((p) => p.items)) {
      const gelezen = KaziLerendeSchema.safeParse(record);
      // A learner read twice (the list moved while it was paged) counts once.
      if (gelezen.success) perId.set(gelezen.data.lerendeId, gelezen.data);
    }
    return [...perId.values()];
  }

  /** Lerenden by id, at most 100 at a time; unknown ids are simply absent. */
  async zoekLerenden(ids: readonly string[]): Promise<KaziLerende[]> {
    if (ids.length > KAZI_ZOEK_MAX)
      throw new Error(`Kazi zoekt hoogstens ${KAZI_ZOEK_MAX} lerenden tegelijk`);
    if (ids.length === 0) return [];
    const antwoord = await this.client.json(ZoekAntwoordSchema, {
      methode: 'POST',
      pad: 'v1/lerenden/zoeken',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
      // A search changes nothing: safe to repeat.
      herhaalbaar: true,
    });
    return antwoord.items;
  }

  /** Kazi's suggestions for a learner; none when Kazi does not know the learner (any more). */
  async suggesties(lerendeId: string, max: number): Promise<KaziSuggestie[]> {
    const antwoord = await this.client.verzoek({
      methode: 'POST',
      pad: 'v1/suggesties',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lerendeId, max }),
      herhaalbaar: true,
      toegestaan: [404],
    });
    if (antwoord.status === 404) return [];
    return this.client.leesJson(antwoord, SuggestiesSchema, 'POST v1/suggesties').suggesties;
  }

  async matchesVanLerende(lerendeId: string): Promise<KaziMatch[]> {
    return (await this.client.json(MatchesSchema, { pad: 'v1/matches', query: { lerendeId } })).items;
  }

  /** `ondernemingsnummer` in ten digits, as Kazi asks. */
  async matchesVanOnderneming(ondernemingsnummer: string): Promise<KaziMatch[]> {
    return (await this.client.json(MatchesSchema, { pad: 'v1/matches', query: { ondernemingsnummer } }))
      .items;
  }

  /**
   * Proposes a match. Every attempt, the retries after a timeout or a dropped
   * connection included, sends the same body and the same Idempotency-Key:
   * Kazi creates the match once and answers the others with it.
   */
  async stelMatchVoor(nieuw: NieuweMatch, idempotencyKey: string): Promise<KaziMatch> {
    const antwoord = await this.client.verzoek({
      methode: 'POST',
      pad: 'v1/matches',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({
        lerendeId: nieuw.lerendeId,
        ondernemingsnummer: nieuw.ondernemingsnummer,
        vestigingsnummer: nieuw.vestigingsnummer,
        opleidingscode: nieuw.opleidingscode,
        door: nieuw.door,
      }),
      herhaalbaar: true,
      // A write's attempts each get their timeout: an answer lost after it landed is learnt from the next one.
      deadlineMs: null,
      toegestaan: [404, 409, 422],
    });
    if (antwoord.status === 409)
      throw new KaziWeigering('CONFLICT', 409, 'de lerende heeft al een open match voor deze opleiding');
    if (antwoord.status === 422)
      throw new KaziWeigering('ANDERE_INVOER', 422, 'deze idempotencyKey hoort bij een ander verzoek');
    if (antwoord.status === 404) throw new KaziWeigering('ONBEKEND', 404, 'Kazi kent deze lerende niet');
    return this.client.leesJson(antwoord, KaziMatchSchema, 'POST v1/matches');
  }

  /**
   * Moves a match, `If-Match` carrying the version the caller saw. When the
   * answer goes missing the match is read again (it belongs to `lerendeId`):
   * our change found there is success; an unchanged match gets one more
   * attempt, which If-Match keeps from ever applying twice.
   */
  async wijzigMatch(
    matchId: string,
    lerendeId: string,
    versie: number,
    wijziging: Wijziging,
  ): Promise<KaziMatch> {
    for (let poging = 1; ; poging++) {
      let antwoord;
      try {
        antwoord = await this.client.verzoek({
          methode: 'PATCH',
          pad: `v1/matches/${encodeURIComponent(matchId)}`,
          headers: { 'content-type': 'application/json', 'If-Match': `"${versie}"` },
          body: JSON.stringify({
            status: wijziging.status,
            ...(wijziging.reden !== null ? { reden: wijziging.reden } : {}),
            door: wijziging.door,
          }),
          herhaalbaar: false,
          deadlineMs: null,
          toegestaan: [404, 409, 412],
        });
      } catch (fout) {
        if (!(fout instanceof PartnerError) || !isOnzeker(fout)) throw fout;
        const nu = await this.herlees(matchId, lerendeId, fout);
        if (isOnzeWijziging(nu, versie, wijziging)) return nu;
        if (nu.versie !== versie) throw versieConflict(nu.versie);
        if (poging >= 2) throw fout;
        continue;
      }
      if (antwoord.status === 412) {
        // After a lost answer, our first attempt may have landed late: then the 412 is about our own change.
        if (poging > 1) {
          const nu = await this.herlees(matchId, lerendeId, undefined);
          if (isOnzeWijziging(nu, versie, wijziging)) return nu;
        }
        throw versieConflict();
      }
      if (antwoord.status === 409)
        throw new KaziWeigering('CONFLICT', 409, `de overgang naar ${wijziging.status} is niet toegelaten`);
      if (antwoord.status === 404) throw new KaziWeigering('ONBEKEND', 404, 'Kazi kent deze match niet');
      return this.client.leesJson(antwoord, KaziMatchSchema, 'PATCH v1/matches/{matchId}');
    }
  }

  /** The match as Kazi has it now; the original failure when it cannot be read. */
  private async herlees(
    matchId: string,
    lerendeId: string,
    oorzaak: PartnerError | undefined,
  ): Promise<KaziMatch> {
    let matches: KaziMatch[];
    try {
      matches = await this.matchesVanLerende(lerendeId);
    } catch (fout) {
      throw oorzaak ?? fout;
    }
    const match = matches.find((m) => m.matchId === matchId);
    if (!match) throw oorzaak ?? new KaziWeigering('ONBEKEND', 404, 'Kazi kent deze match niet');
    return match;
  }
}

function versieConflict(huidige?: number): KaziWeigering {
  return new KaziWeigering(
    'VERSIE_CONFLICT',
    412,
    `de match is intussen gewijzigd${huidige === undefined ? '' : ` (nu versie ${huidige})`}`,
  );
}
