import { wacht } from './glossary.ts';

/**
 * A small VDAB client written from shared/partners/vdab.md alone: one token,
 * renewed before it expires and at most once on `invalid_token`, the client-id
 * header on every call, paging with `aantal=100`, and pacing under the limit of
 * requests a second, backing off on 429 as `Retry-After` says.
 */

export const VDAB_API = '/vdab/services/openservices/vacatures/v4';
export const VDAB_CLIENT_ID = 'duaal-dev';
export const VDAB_CLIENT_SECRET = 'vdab-dev-secret';

export type ArbeidsContract = 'VAST' | 'TIJDELIJK' | 'INTERIM' | 'DUAAL_LEREN' | 'STUDENTENJOB' | 'FLEXIJOB';
export type Wijziging = 'NIEUW' | 'GEWIJZIGD' | 'VERWIJDERD';

export interface Vacature {
  vacatureReferentie: { interneReferentie: string; vdabReferentie: number };
  status: string;
  publicatieDatum: string;
  wijzigingsDatum: string;
  functie: { functieTitel: string; beroepsprofiel: { code: string; label: string }; omschrijving: string };
  arbeidsovereenkomst: {
    arbeidsContract: ArbeidsContract;
    arbeidsRegime: string;
    vermoedelijkeStartdatum: string;
  };
  tewerkstellingsadres: {
    postcode: string;
    gemeente: string;
    landCode: string;
    provincie: { label: string };
  };
  leverancier: { naam: string; kboNummer?: string | null; type: 'WERKGEVER' | 'INTERIMKANTOOR' };
  aantalPosten: number;
}

/** A `bulk` item: the vacature with its change, or for a removed one only its reference. */
export type BulkItem =
  | (Vacature & { wijziging: 'NIEUW' | 'GEWIJZIGD' })
  | { vacatureReferentie: { vdabReferentie: number }; wijziging: 'VERWIJDERD' };

export interface VdabPagina<T> {
  totaal: number;
  aantal: number;
  offset: number;
  resultaten: T[];
}

export interface Antwoord {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface VraagOpties {
  methode?: string;
  body?: unknown;
  /** Leaves the bearer token out, or sends this one instead of the client's own. */
  token?: string | null;
  /** Sends this client id header instead of the client's own, or none. */
  clientId?: string | null;
  /** Hands a 429 back instead of waiting and trying again. */
  geef429?: boolean;
}

/** One second of the limit plus a margin for the time a request spends on its way. */
const RATE_LIMIT_WINDOW_MS = 1050;
const MAX_POGINGEN = 8;

export class VdabLezer {
  /** How many tokens this client fetched, so that tests can see it does not fetch one per request. */
  tokenAanvragen = 0;
  /** How many 429 answers this client met and waited out. */
  wachtbeurten = 0;
  private readonly basis: string;
  private readonly limietPerSeconde: number;
  private token: { waarde: string; verlooptOp: number; levensduurMs: number } | undefined;
  private readonly verzonden: number[] = [];

  constructor(basis: string, limietPerSeconde = 10) {
    this.basis = basis;
    this.limietPerSeconde = limietPerSeconde;
  }

  async haalToken(): Promise<string> {
    const nu = Date.now();
    // Renew in the last quarter of a token's life (at most 30 s early), so that a call never carries one that is about to expire.
    if (this.token && nu < this.token.verlooptOp - Math.min(30_000, this.token.levensduurMs / 4))
      return this.token.waarde;
    const res = await fetch(`${this.basis}/vdab/isam/sps/oauth/oauth20/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: VDAB_CLIENT_ID,
        client_secret: VDAB_CLIENT_SECRET,
        scope: 'openid',
      }),
    });
    this.tokenAanvragen += 1;
    if (res.status !== 200) throw new Error(`VDAB token: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    const levensduurMs = body.expires_in * 1000;
    this.token = { waarde: body.access_token, verlooptOp: nu + levensduurMs, levensduurMs };
    return body.access_token;
  }

  /** Waits until one more request stays within the limit over the last second. */
  private async beurt(): Promise<void> {
    for (;;) {
      const nu = Date.now();
      while (this.verzonden.length > 0 && nu - (this.verzonden[0] ?? 0) >= RATE_LIMIT_WINDOW_MS)
        this.verzonden.shift();
      if (this.verzonden.length < this.limietPerSeconde) {
        this.verzonden.push(nu);
        return;
      }
      await wacht(RATE_LIMIT_WINDOW_MS - (nu - (this.verzonden[0] ?? nu)) + 1);
    }
  }

  async vraag(pad: string, opties: VraagOpties = {}): Promise<Antwoord> {
    let opnieuwGetekend = false;
    for (let poging = 1; ; poging++) {
      const token = opties.token === undefined ? await this.haalToken() : opties.token;
      const clientId = opties.clientId === undefined ? VDAB_CLIENT_ID : opties.clientId;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token !== null) headers['authorization'] = `Bearer ${token}`;
      if (clientId !== null) headers['x-ibm-client-id'] = clientId;
      if (opties.body !== undefined) headers['content-type'] = 'application/json';
      await this.beurt();
      const res = await fetch(`${this.basis}${pad}`, {
        method: opties.methode ?? 'GET',
        headers,
        ...(opties.body === undefined ? {} : { body: JSON.stringify(opties.body) }),
      });
      const tekst = await res.text();
      const body: unknown = tekst === '' ? undefined : JSON.parse(tekst);
      if (res.status === 429 && opties.geef429 !== true && poging < MAX_POGINGEN) {
        this.wachtbeurten += 1;
        await wacht(Number(res.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      if (
        res.status === 401 &&
        opties.token === undefined &&
        !opnieuwGetekend &&
        (body as { error?: unknown } | undefined)?.error === 'invalid_token'
      ) {
        // At most once: a second invalid_token means something else is wrong.
        opnieuwGetekend = true;
        this.token = undefined;
        continue;
      }
      return { status: res.status, headers: res.headers, body };
    }
  }

  /** One page, which must come back 200. */
  async pagina<T>(pad: string, offset: number): Promise<VdabPagina<T>> {
    const scheiding = pad.includes('?') ? '&' : '?';
    const antwoord = await this.vraag(`${pad}${scheiding}aantal=100&offset=${offset}`);
    if (antwoord.status !== 200)
      throw new Error(`VDAB ${pad} offset ${offset}: ${antwoord.status} ${JSON.stringify(antwoord.body)}`);
    return antwoord.body as VdabPagina<T>;
  }

  /** Every item of a paged answer, with every page as it came, for the paging checks. */
  async alles<T>(pad: string): Promise<{ totaal: number; resultaten: T[]; paginas: VdabPagina<T>[] }> {
    const paginas: VdabPagina<T>[] = [];
    const resultaten: T[] = [];
    let totaal = 0;
    for (let offset = 0; offset === 0 || offset < totaal; offset += 100) {
      const pagina = await this.pagina<T>(pad, offset);
      paginas.push(pagina);
      resultaten.push(...pagina.resultaten);
      totaal = pagina.totaal;
      if (pagina.resultaten.length === 0) break;
    }
    return { totaal, resultaten, paginas };
  }
}
