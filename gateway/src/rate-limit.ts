import type { IncomingMessage } from 'node:http';
import {
  defineSettings,
  integerSetting,
  requestError,
  urlSetting,
  type Gebruiker,
  type SettingValues,
} from '@duaal-graph/subgraph-toolkit';
import type { GraphQLError } from 'graphql';

export const RATE_LIMIT_WINDOW_MS = 60_000;

export interface RateLimitConfig {
  /** Requests one client may send in a minute. */
  readonly perMinuut: number;
  /** Counts shared by every gateway instance in this Redis; null counts per instance, in memory. */
  readonly redisUrl: string | null;
  /** Reverse proxies in front of the gateway whose `X-Forwarded-For` is trusted (0: use the socket address). */
  readonly proxyHops: number;
}

/** The rate limit's settings, part of the gateway's schema. */
export const RATE_LIMIT_SETTINGS = {
  perMinuut: integerSetting('RATE_LIMIT_PER_MINUTE', {
    // Generous in development: the end-to-end suite sends thousands of requests a minute from one address.
    default: { production: 600, development: 100_000 },
    min: 1,
    // The Dutch name of the first release, read until the next one.
    aliases: ['RATE_LIMIT_PER_MINUUT'],
    description:
      'requests a minute per client (its `sub`, or its address); `RATE_LIMIT_PER_MINUUT`, the old name, is read until the next release',
  }),
  redisUrl: urlSetting('REDIS_URL', {
    description:
      'a Redis that every gateway instance shares the rate limit counts in; unset counts per instance',
  }),
  proxyHops: integerSetting('TRUST_PROXY_HOPS', {
    default: 0,
    min: 0,
    max: 10,
    description: 'how many reverse proxies in front of the gateway append to `X-Forwarded-For`',
  }),
} as const;

export function snelheidUit(waarden: SettingValues<typeof RATE_LIMIT_SETTINGS>): RateLimitConfig {
  return { perMinuut: waarden.perMinuut, redisUrl: waarden.redisUrl ?? null, proxyHops: waarden.proxyHops };
}

const rateLimitSettings = defineSettings(RATE_LIMIT_SETTINGS);

export function readRateLimit(omgeving: NodeJS.ProcessEnv, productie: boolean): RateLimitConfig {
  return snelheidUit(rateLimitSettings.read(omgeving, productie));
}

/** The verdict on one request: may it go on, and else in how many seconds it may try again. */
export interface RateLimitVerdict {
  readonly toegestaan: boolean;
  readonly wachtS: number;
}

/** Counts requests per client in windows of a minute. */
export interface RateLimitStore {
  tel(sleutel: string): Promise<RateLimitVerdict>;
  stop(): Promise<void>;
}

export function verdict(aantal: number, restMs: number, perMinuut: number): RateLimitVerdict {
  return { toegestaan: aantal <= perMinuut, wachtS: Math.max(1, Math.ceil(restMs / 1000)) };
}

/** A fixed window per client, in this process: right for one instance, and the fallback when Redis is away. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly vensters = new Map<string, { aantal: number; einde: number }>();
  private volgendeOpruiming = 0;

  constructor(
    private readonly perMinuut: number,
    private readonly nu: () => number = Date.now,
  ) {}

  tel(sleutel: string): Promise<RateLimitVerdict> {
    const nu = this.nu();
    if (nu >= this.volgendeOpruiming) {
      // Forget finished windows once a minute, so that the map holds only the clients of the last minute.
      for (const [k, v] of this.vensters) if (v.einde <= nu) this.vensters.delete(k);
      this.volgendeOpruiming = nu + RATE_LIMIT_WINDOW_MS;
    }
    let venster = this.vensters.get(sleutel);
    if (!venster || venster.einde <= nu) {
      venster = { aantal: 0, einde: nu + RATE_LIMIT_WINDOW_MS };
      this.vensters.set(sleutel, venster);
    }
    venster.aantal += 1;
    return Promise.resolve(verdict(venster.aantal, venster.einde - nu, this.perMinuut));
  }

  stop(): Promise<void> {
    this.vensters.clear();
    return Promise.resolve();
  }
}

/** The caller's address: the socket's, or the one the trusted proxies saw in `X-Forwarded-For`. */
export function clientAddress(req: IncomingMessage, proxyHops: number): string {
  const socket = req.socket.remoteAddress ?? 'onbekend';
  if (proxyHops === 0) return socket;
  const kop = req.headers['x-forwarded-for'];
  const lijst = (Array.isArray(kop) ? kop.join(',') : (kop ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // Each proxy appends the address it saw; entries further left are the client's own word.
  return lijst[lijst.length - proxyHops] ?? socket;
}

/** Who is counted: a signed-in caller by the token's `sub` (wherever it calls from), the public by address. */
export function clientKey(gebruiker: Gebruiker | null, req: IncomingMessage, proxyHops: number): string {
  return gebruiker?.soort === 'aangemeld' ? `sub:${gebruiker.sub}` : `ip:${clientAddress(req, proxyHops)}`;
}

/** HTTP 429 with `Retry-After`; the code is RATE_LIMITED, the reden partners' limits go by in PARTNER_UNAVAILABLE. */
export function tooManyRequests(wachtS: number, perMinuut: number): GraphQLError {
  return requestError(
    'RATE_LIMITED',
    `Te veel verzoeken: meer dan ${perMinuut} per minuut van deze klant. Probeer opnieuw over ${wachtS} s.`,
    { retryAfterS: wachtS },
    { headers: { 'retry-after': String(wachtS) } },
  );
}
