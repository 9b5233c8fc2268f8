import { setTimeout as wacht } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Bron, Reden } from './bronnen.ts';

/** A partner call that failed, in the graph's terms: which source, and why. */
export class PartnerFout extends Error {
  constructor(
    readonly bron: Bron,
    readonly reden: Reden,
    boodschap: string,
    readonly status?: number,
  ) {
    super(`${bron}: ${boodschap}`);
    this.name = 'PartnerFout';
  }
}

export interface PartnerAntwoord {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly tekst: string;
}

export interface Verzoek {
  readonly methode?: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, or an absolute path on the partner's host (a HAL link). */
  readonly pad: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Statuses besides 2xx that the caller handles itself (304, 404, 410, …). */
  readonly toegestaan?: readonly number[];
  /** Retry this call on failure; on by default for GET only: never retry a write without an idempotency key. */
  readonly herhaalbaar?: boolean;
}

export interface PartnerClientOpties {
  readonly bron: Bron;
  readonly basisUrl: string;
  /** Headers every call carries (credentials); may fetch a token. */
  readonly authenticatie?: () => Promise<Record<string, string>> | Record<string, string>;
  readonly timeoutMs?: number;
  /** Attempts for a retryable call, the first included. */
  readonly pogingen?: number;
  /** The longest `Retry-After` the client waits out before giving up. */
  readonly maxWachtMs?: number;
  /** Tests pass an undici MockAgent; by default the global dispatcher (which nock intercepts). */
  readonly dispatcher?: Dispatcher;
  /** Called for every HTTP call made, for counting. */
  readonly bijVerzoek?: (methode: string, pad: string) => void;
}

/** Maps an HTTP failure to the graph's reasons: the one place that decides what a partner's status means. */
export function errorFromResponse(bron: Bron, antwoord: PartnerAntwoord): PartnerFout {
  const { status } = antwoord;
  const detail = `HTTP ${status}${antwoord.tekst ? `: ${antwoord.tekst.slice(0, 200)}` : ''}`;
  if (status === 429) return new PartnerFout(bron, 'RATE_LIMITED', detail, status);
  if (status === 502 || status === 503 || status === 504)
    return new PartnerFout(bron, 'DOWN', detail, status);
  return new PartnerFout(bron, 'ERROR', detail, status);
}

function isHerhaalbaar(fout: PartnerFout): boolean {
  return (
    fout.reden === 'DOWN' ||
    fout.reden === 'TIMEOUT' ||
    fout.reden === 'RATE_LIMITED' ||
    (fout.status ?? 0) >= 500 ||
    fout.reden === 'INVALID_RESPONSE'
  );
}

/** `Retry-After` in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(waarde: string | string[] | undefined, nu = Date.now()): number | undefined {
  const tekst = Array.isArray(waarde) ? waarde[0] : waarde;
  if (tekst === undefined || tekst.trim() === '') return undefined;
  if (/^\d+$/.test(tekst.trim())) return Number(tekst.trim()) * 1000;
  const datum = Date.parse(tekst);
  return Number.isNaN(datum) ? undefined : Math.max(0, datum - nu);
}

function netwerkReden(fout: unknown): { reden: Reden; boodschap: string } {
  const f = fout as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (
    f.name === 'TimeoutError' ||
    f.name === 'AbortError' ||
    f.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    f.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return { reden: 'TIMEOUT', boodschap: 'geen antwoord binnen de tijd' };
  }
  return {
    reden: 'DOWN',
    boodschap: `geen verbinding (${f.code ?? f.cause?.code ?? f.message ?? 'onbekend'})`,
  };
}

/**
 * The base of every partner client: base URL, credentials, timeouts
 * (`AbortSignal.timeout`), retries for idempotent reads honouring `Retry-After`,
 * and the mapping of failures to the graph's error reasons.
 */
export class PartnerClient {
  readonly bron: Bron;
  private readonly basis: URL;

  constructor(private readonly opties: PartnerClientOpties) {
    this.bron = opties.bron;
    this.basis = new URL(opties.basisUrl.endsWith('/') ? opties.basisUrl : `${opties.basisUrl}/`);
  }

  url(pad: string, query: Verzoek['query'] = {}): URL {
    const url =
      pad.startsWith('/') && pad.startsWith(this.basis.pathname)
        ? new URL(pad, this.basis.origin)
        : new URL(pad.replace(/^\//, ''), this.basis);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  async verzoek(verzoek: Verzoek): Promise<PartnerAntwoord> {
    const methode = verzoek.methode ?? 'GET';
    const herhaalbaar = verzoek.herhaalbaar ?? methode === 'GET';
    const pogingen = herhaalbaar ? (this.opties.pogingen ?? 3) : 1;
    let laatste: PartnerFout | undefined;
    for (let poging = 1; poging <= pogingen; poging++) {
      const { antwoord, fout } = await this.eenmaal(methode, verzoek);
      if (antwoord) return antwoord;
      laatste = fout.fout;
      if (!isHerhaalbaar(fout.fout) || poging === pogingen) break;
      const gevraagd = fout.wachtMs;
      const max = this.opties.maxWachtMs ?? 5_000;
      if (gevraagd !== undefined && gevraagd > max) break;
      await wacht(gevraagd ?? 100 * 2 ** (poging - 1));
    }
    throw laatste ?? new PartnerFout(this.bron, 'ERROR', 'onbekende fout');
  }

  private async eenmaal(
    methode: string,
    verzoek: Verzoek,
  ): Promise<
    | { antwoord: PartnerAntwoord; fout?: never }
    | { antwoord?: never; fout: { fout: PartnerFout; wachtMs?: number } }
  > {
    const url = this.url(verzoek.pad, verzoek.query);
    this.opties.bijVerzoek?.(methode, url.pathname);
    const auth = (await this.opties.authenticatie?.()) ?? {};
    let status: number;
    let headers: PartnerAntwoord['headers'];
    let body: Dispatcher.ResponseData['body'];
    try {
      const res = await request(url, {
        method: methode,
        headers: { ...auth, ...verzoek.headers },
        ...(verzoek.body !== undefined ? { body: verzoek.body } : {}),
        signal: AbortSignal.timeout(this.opties.timeoutMs ?? 10_000),
        ...(this.opties.dispatcher ? { dispatcher: this.opties.dispatcher } : {}),
      });
      ({ statusCode: status, headers, body } = res);
    } catch (fout) {
      const { reden, boodschap } = netwerkReden(fout);
      return {
        fout: { fout: new PartnerFout(this.bron, reden, `${methode} ${url.pathname}: ${boodschap}`) },
      };
    }
    let tekst: string;
    try {
      tekst = await body.text();
    } catch (fout) {
      // A body cut off is a broken answer; a body that does not come in time is a timeout.
      const { reden } = netwerkReden(fout);
      const gevolg =
        reden === 'TIMEOUT'
          ? new PartnerFout(this.bron, 'TIMEOUT', `${methode} ${url.pathname}: antwoord niet op tijd`, status)
          : new PartnerFout(
              this.bron,
              'INVALID_RESPONSE',
              `${methode} ${url.pathname}: antwoord afgebroken`,
              status,
            );
      return { fout: { fout: gevolg } };
    }
    const antwoord: PartnerAntwoord = { status, headers, tekst };
    if ((status >= 200 && status < 300) || verzoek.toegestaan?.includes(status)) return { antwoord };
    const wachtMs = retryAfterMs(headers['retry-after']);
    return {
      fout: { fout: errorFromResponse(this.bron, antwoord), ...(wachtMs !== undefined ? { wachtMs } : {}) },
    };
  }

  /** Parses and validates a JSON answer; a body that breaks the contract is INVALID_RESPONSE. */
  leesJson<S extends z.ZodType>(antwoord: PartnerAntwoord, schema: S, wat: string): z.infer<S> {
    let waarde: unknown;
    try {
      waarde = JSON.parse(antwoord.tekst);
    } catch {
      throw new PartnerFout(this.bron, 'INVALID_RESPONSE', `${wat}: geen JSON`, antwoord.status);
    }
    const resultaat = schema.safeParse(waarde);
    if (!resultaat.success) {
      throw new PartnerFout(
        this.bron,
        'INVALID_RESPONSE',
        `${wat} breekt het contract: ${resultaat.error.issues[0]?.message ?? ''}`,
        antwoord.status,
      );
    }
    return resultaat.data;
  }

  async json<S extends z.ZodType>(schema: S, verzoek: Verzoek): Promise<z.infer<S>> {
    return this.leesJson(await this.verzoek(verzoek), schema, `${verzoek.methode ?? 'GET'} ${verzoek.pad}`);
  }
}
