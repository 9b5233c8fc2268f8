import { setTimeout as slaap } from 'node:timers/promises';
import {
  Begrenzer,
  errorFromResponse,
  PartnerClient,
  PartnerFout,
  retryAfterMs,
  valideer,
  vormBevinding,
  type Bevinding,
  type PartnerAntwoord,
  type PartnerClientOpties,
  type Verzoek,
} from '@duaal-graph/domein/subgraaf';
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
/** Pages asked at once: enough to keep the limit busy when VDAB is slow; the limiter decides the pace. */
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
  readonly max429WachtMs?: number;
  /** Attempts of one call on a timeout, a lost connection or a 5xx, the first included. */
  readonly pogingen?: number;
  readonly dispatcher?: PartnerClientOpties['dispatcher'];
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
 * paging, zod per record, and a limiter that keeps every request, the token's
 * included, under VDAB's limit. A 429 pauses the limiter for the `Retry-After`
 * and the call goes on; an `invalid_token` 401 renews the token once.
 */
export class VdabClient {
  readonly tokens: TokenBron;
  /** How many 429 answers the client met and waited out. */
  wachtbeurten = 0;
  private readonly http: PartnerClient;
  private readonly begrenzer: Begrenzer;
  private readonly wacht: (ms: number) => Promise<unknown>;

  constructor(private readonly opties: VdabClientOpties) {
    this.wacht = opties.wacht ?? ((ms) => slaap(ms));
    this.http = new PartnerClient({
      bron: 'VDAB',
      basisUrl: opties.basisUrl,
      // Every attempt must pass the limiter: this client retries, not the one below.
      pogingen: 1,
      ...(opties.timeoutMs !== undefined ? { timeoutMs: opties.timeoutMs } : {}),
      ...(opties.dispatcher ? { dispatcher: opties.dispatcher } : {}),
    });
    this.begrenzer = new Begrenzer({
      aantal: opties.limietPerSeconde ?? 10,
      ...(opties.vensterMs !== undefined ? { vensterMs: opties.vensterMs } : {}),
      wacht: this.wacht,
      ...(opties.nu ? { nu: opties.nu } : {}),
    });
    this.tokens = new TokenBron(() => this.haalToken(), opties.nu);
  }

  private async haalToken(): Promise<z.infer<typeof TokenSchema>> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.opties.clientId,
      client_secret: this.opties.clientSecret,
      scope: 'openid',
    }).toString();
    const antwoord = await this.vraag(
      {
        methode: 'POST',
        pad: TOKEN_PAD,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        // Asking for a token twice has no effect beyond a second token.
        herhaalbaar: true,
      },
      false,
    );
    return this.http.leesJson(antwoord, TokenSchema, 'VDAB-token');
  }

  /** One call: its turn under the limit, the token and the client id, and what to do with 429, 401 and failures. */
  async vraag(verzoek: Verzoek, metToken = true): Promise<PartnerAntwoord> {
    const max429 = this.opties.max429WachtMs ?? 10 * 60_000;
    const pogingen = this.opties.pogingen ?? 3;
    let vernieuwd = false;
    let mislukt = 0;
    let gewacht = 0;
    for (;;) {
      const token = metToken ? await this.tokens.haal() : undefined;
      await this.begrenzer.beurt();
      let antwoord: PartnerAntwoord;
      try {
        antwoord = await this.http.verzoek({
          ...verzoek,
          headers: {
            accept: 'application/json',
            'X-IBM-Client-Id': this.opties.clientId,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...verzoek.headers,
          },
          toegestaan: [401, 429, ...(verzoek.toegestaan ?? [])],
        });
      } catch (fout) {
        mislukt += 1;
        const herhaalbaar = verzoek.herhaalbaar ?? (verzoek.methode ?? 'GET') === 'GET';
        if (!(fout instanceof PartnerFout) || !herhaalbaar || !isTijdelijk(fout) || mislukt >= pogingen)
          throw fout;
        await this.wacht(200 * 2 ** (mislukt - 1));
        continue;
      }
      if (antwoord.status === 429) {
        const ms = retryAfterMs(antwoord.headers['retry-after']) ?? 1_000;
        gewacht += ms;
        if (gewacht > max429) throw errorFromResponse('VDAB', antwoord);
        this.wachtbeurten += 1;
        this.begrenzer.pauzeer(ms);
        continue;
      }
      if (antwoord.status === 401 && token !== undefined && !vernieuwd && isInvalidToken(antwoord)) {
        // Once: a second invalid_token right after a fresh one means something else is wrong.
        vernieuwd = true;
        this.tokens.vergeet(token);
        continue;
      }
      if (antwoord.status === 401 && !verzoek.toegestaan?.includes(401))
        throw errorFromResponse('VDAB', antwoord);
      return antwoord;
    }
  }

  private async pagina(pad: string, query: Record<string, string>, offset: number) {
    const antwoord = await this.vraag({ pad, query: { ...query, aantal: AANTAL_PER_PAGINA, offset } });
    return this.http.leesJson(antwoord, PaginaSchema, `GET ${pad} offset ${offset}`);
  }

  /** Every item of a paged answer: the first page tells how many, the others follow a few at a time. */
  private async allePaginas(
    pad: string,
    query: Record<string, string> = {},
  ): Promise<{ totaal: number; ruw: unknown[] }> {
    const eerste = await this.pagina(pad, query, 0);
    const offsets: number[] = [];
    for (let o = AANTAL_PER_PAGINA; o < eerste.totaal; o += AANTAL_PER_PAGINA) offsets.push(o);
    const paginas: unknown[][] = [];
    let volgende = 0;
    let gestopt = false;
    const werker = async () => {
      while (!gestopt && volgende < offsets.length) {
        const i = volgende++;
        try {
          paginas[i] = (await this.pagina(pad, query, offsets[i] ?? 0)).resultaten;
        } catch (fout) {
          gestopt = true;
          throw fout;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(GELIJKTIJDIG, offsets.length) }, werker));
    return { totaal: eerste.totaal, ruw: [eerste.resultaten, ...paginas].flat() };
  }

  /** Every published vacature; one that breaks the contract is a finding and costs no other. */
  async initial(): Promise<Gelezen<VdabVacature> & { totaal: number }> {
    const { totaal, ruw } = await this.allePaginas(`${API}/initial`);
    const { records, bevindingen } = valideer(ruw, VdabVacatureSchema, referentieVan, 'VDAB');
    // Most records broken is a broken answer (a changed format, a fault), not dirt: keep the older copy.
    if (bevindingen.length * 2 > ruw.length)
      throw new PartnerFout(
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

function isTijdelijk(fout: PartnerFout): boolean {
  return (
    fout.reden === 'DOWN' ||
    fout.reden === 'TIMEOUT' ||
    fout.reden === 'INVALID_RESPONSE' ||
    (fout.status ?? 0) >= 500
  );
}

function isInvalidToken(antwoord: PartnerAntwoord): boolean {
  try {
    return (JSON.parse(antwoord.tekst) as { error?: unknown }).error === 'invalid_token';
  } catch {
    return false;
  }
}
