import {
  PartnerClient,
  PartnerError,
  RateLimiter,
  valideer,
  vormBevinding,
  type Bevinding,
  type CurrentFailure,
  type PartnerClientOptions,
  type PartnerRequest,
  type PartnerResponse,
} from '@duaal-graph/subgraph-toolkit';
import type { z } from 'zod';
import {
  KnelpuntberoepSchema,
  KnelpuntlijstSchema,
  PaginaSchema,
  referentieVan,
  TokenSchema,
  VdabVacatureSchema,
  WijzigingKopSchema,
  type Knelpuntberoep,
  type VdabVacature,
} from './schema.ts';
import { TokenBron } from './token.ts';

const API = 'services/openservices/vacatures/v4/vacatures';
const TOKEN_PAD = 'isam/sps/oauth/oauth20/token';
/** VDAB's largest page. */
export const AANTAL_PER_PAGINA = 100;
/** Calls under way at once: enough to keep the limit busy when VDAB is slow; the limiter decides the pace. */
const GELIJKTIJDIG = 4;

export interface VdabClientOpties {
  readonly basisUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  /** VDAB's limit: 10 requests a second per client id. */
  readonly limietPerSeconde?: number;
  readonly vensterMs?: number;
  /** How long one call waits out 429s in all before it gives up: a load must end complete, not early. */
  readonly maxWachtMs?: number;
  /** Attempts of one call on a timeout, a lost connection or a 5xx, the first included. */
  readonly pogingen?: number;
  readonly dispatcher?: PartnerClientOptions['dispatcher'];
  /** Tests pass a sleep and a clock of their own. */
  readonly wacht?: (ms: number) => Promise<unknown>;
  readonly nu?: () => number;
}

export interface Gelezen<T> {
  readonly records: T[];
  readonly bevindingen: Bevinding[];
}

/** One item of a `bulk` window, in VDAB's order. */
export type Wijziging =
  | { readonly soort: 'NIEUW' | 'GEWIJZIGD'; readonly ref: number; readonly vacature: VdabVacature }
  | { readonly soort: 'VERWIJDERD'; readonly ref: number }
  /** A new or changed vacature that breaks the contract: its older copy must not stay in the answers. */
  | { readonly soort: 'AFGEKEURD'; readonly ref: number; readonly bevinding: Bevinding };

/**
 * The one VDAB client (../shared/partners/vdab.md): OAuth2 client credentials
 * with one shared token, `X-IBM-Client-Id` on every call, `aantal`/`offset`
 * paging, zod per record. Retries, 429s and pacing are the partner client's
 * policies: its limiter keeps every request, the token's included, under
 * VDAB's limit, and a 429 holds every call for the `Retry-After` while the
 * call goes on; an `invalid_token` 401 renews the token once.
 */
export class VdabClient {
  readonly tokens: TokenBron;
  private readonly http: PartnerClient;
  /**
   * The token's own calls: paced by the same limiter, but outside the API's
   * concurrency limit, since an API call asks for its token while it holds a place.
   */
  private readonly tokenHttp: PartnerClient;

  constructor(private readonly opties: VdabClientOpties) {
    const gedeeld = {
      bron: 'VDAB',
      basisUrl: opties.basisUrl,
      pogingen: opties.pogingen ?? 3,
      maxWachtMs: opties.maxWachtMs ?? 10 * 60_000,
      pacing: new RateLimiter({
        aantal: opties.limietPerSeconde ?? 10,
        ...(opties.vensterMs !== undefined ? { vensterMs: opties.vensterMs } : {}),
        ...(opties.wacht ? { wacht: opties.wacht } : {}),
        ...(opties.nu ? { nu: opties.nu } : {}),
      }),
      ...(opties.timeoutMs !== undefined ? { timeoutMs: opties.timeoutMs } : {}),
      ...(opties.dispatcher ? { dispatcher: opties.dispatcher } : {}),
    } satisfies PartnerClientOptions;
    this.http = new PartnerClient({
      ...gedeeld,
      concurrency: GELIJKTIJDIG,
      authenticatie: (geweigerd) => this.metToken(geweigerd),
      geweigerd: isInvalidToken,
    });
    this.tokenHttp = new PartnerClient(gedeeld);
    this.tokens = new TokenBron(() => this.haalToken(), opties.nu);
  }

  /** How many 429 answers the client met and waited out. */
  get wachtbeurten(): number {
    return this.http.rateLimitedWaitCount + this.tokenHttp.rateLimitedWaitCount;
  }

  /** Why VDAB's calls are failing or held right now (RATE_LIMITED while waiting out 429s), and since when. */
  get currentFailure(): CurrentFailure | null {
    return this.http.currentFailure ?? this.tokenHttp.currentFailure;
  }

  private async haalToken(): Promise<z.infer<typeof TokenSchema>> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.opties.clientId,
      client_secret: this.opties.clientSecret,
      scope: 'openid',
    }).toString();
    const antwoord = await this.tokenHttp.verzoek({
      methode: 'POST',
      pad: TOKEN_PAD,
      headers: {
        accept: 'application/json',
        'X-IBM-Client-Id': this.opties.clientId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
      // Asking for a token twice has no effect beyond a second token.
      herhaalbaar: true,
    });
    return this.http.leesJson(antwoord, TokenSchema, 'VDAB-token');
  }

  /** One API call with the client id and (unless asked without) the shared token. */
  vraag(verzoek: PartnerRequest, metToken = true): Promise<PartnerResponse> {
    return this.http.verzoek({
      ...verzoek,
      headers: { accept: 'application/json', 'X-IBM-Client-Id': this.opties.clientId, ...verzoek.headers },
      ...(metToken ? {} : { authenticatie: () => ({}) }),
    });
  }

  /** The shared token, for every attempt; a token VDAB called `invalid_token` is dropped first. */
  private async metToken(geweigerd?: Record<string, string>): Promise<Record<string, string>> {
    const oud = geweigerd?.['authorization']?.replace(/^Bearer /, '');
    if (oud !== undefined) this.tokens.vergeet(oud);
    return { authorization: `Bearer ${await this.tokens.haal()}` };
  }

  private async pagina(pad: string, query: Record<string, string>, offset: number, signal?: AbortSignal) {
    const antwoord = await this.vraag({
      pad,
      query: { ...query, aantal: AANTAL_PER_PAGINA, offset },
      ...(signal ? { signal } : {}),
    });
    return this.http.leesJson(antwoord, PaginaSchema, `GET ${pad} offset ${offset}`);
  }

  /**
   * Every item of a paged answer: the first page tells how many, the others are
   * asked at once and the client's concurrency limit and pacing decide the pace.
   * The first page that fails stops the others.
   */
  private async allePaginas(
    pad: string,
    query: Record<string, string> = {},
  ): Promise<{ totaal: number; ruw: unknown[] }> {
    const eerste = await this.pagina(pad, query, 0);
    const offsets: number[] = [];
    for (let o = AANTAL_PER_PAGINA; o < eerste.totaal; o += AANTAL_PER_PAGINA) offsets.push(o);
    const stop = new AbortController();
    const paginas = await Promise.all(
      offsets.map(async (offset) => {
        try {
          return (await this.pagina(pad, query, offset, stop.signal)).resultaten;
        } catch (fout) {
          stop.abort();
          throw fout;
        }
      }),
    );
    return { totaal: eerste.totaal, ruw: [eerste.resultaten, ...paginas].flat() };
  }

  /** Every published vacature; one that breaks the contract is a finding and costs no other. */
  async initial(): Promise<Gelezen<VdabVacature> & { totaal: number }> {
    const { totaal, ruw } = await this.allePaginas(`${API}/initial`);
    const { records, bevindingen } = valideer(ruw, VdabVacatureSchema, referentieVan, 'VDAB');
    // Most records broken is a broken answer (a changed format, a fault), not dirt: keep the older copy.
    if (bevindingen.length * 2 > ruw.length)
      throw new PartnerError(
        'VDAB',
        'INVALID_RESPONSE',
        `${bevindingen.length} van ${ruw.length} vacatures breken het contract`,
      );
    return { totaal, records, bevindingen };
  }

  /** What changed in `[van, tot)`, at most 24 hours, in VDAB's order. */
  async bulk(van: number, tot: number): Promise<Gelezen<Wijziging>> {
    const { ruw } = await this.allePaginas(`${API}/bulk`, {
      van: new Date(van).toISOString(),
      tot: new Date(tot).toISOString(),
    });
    const records: Wijziging[] = [];
    const bevindingen: Bevinding[] = [];
    for (const item of ruw) {
      const kop = WijzigingKopSchema.safeParse(item);
      if (!kop.success) {
        // Without a reference or a known kind of change the item cannot be applied: a finding.
        bevindingen.push(vormBevinding('VDAB', referentieVan(item), kop.error, item));
        continue;
      }
      const ref = kop.data.vacatureReferentie.vdabReferentie;
      if (kop.data.wijziging === 'VERWIJDERD') {
        records.push({ soort: 'VERWIJDERD', ref });
        continue;
      }
      const vacature = VdabVacatureSchema.safeParse(item);
      records.push(
        vacature.success
          ? { soort: kop.data.wijziging, ref, vacature: vacature.data }
          : { soort: 'AFGEKEURD', ref, bevinding: vormBevinding('VDAB', String(ref), vacature.error, item) },
      );
    }
    return { records, bevindingen };
  }

  /** How many vacatures VDAB publishes now: one small search, to check an index against. */
  async aantalGepubliceerd(): Promise<number> {
    const antwoord = await this.vraag({ pad: API, query: { aantal: 1, offset: 0 } });
    return this.http.leesJson(antwoord, PaginaSchema, `GET ${API}`).totaal;
  }

  /** The year's list of knelpuntberoepen: a public download, without a token. */
  async knelpuntberoepen(jaar: number): Promise<Gelezen<Knelpuntberoep>> {
    const pad = `knelpuntberoepen/${jaar}.json`;
    const lijst = this.http.leesJson(await this.vraag({ pad }, false), KnelpuntlijstSchema, `GET ${pad}`);
    return valideer(
      lijst.beroepen,
      KnelpuntberoepSchema,
      (r) => {
        const code =
          typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['beroepsprofielCode'] : null;
        return typeof code === 'string' ? code : null;
      },
      'VDAB',
    );
  }
}

function isInvalidToken(antwoord: PartnerResponse): boolean {
  try {
    return (JSON.parse(antwoord.tekst) as { error?: unknown }).error === 'invalid_token';
  } catch {
    return false;
  }
}
