import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  clientKey,
  MemoryRateLimitStore,
  readRateLimit,
  tooManyRequests,
} from './rate-limit.ts';

function verzoek(adres: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: adres },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('the rate limit in memory', () => {
  it('lets a client send its number a minute, then refuses until the window ends', async () => {
    let nu = 1_000_000;
    const teller = new MemoryRateLimitStore(3, () => nu);
    for (let i = 0; i < 3; i++) expect((await teller.tel('ip:a')).toegestaan).toBe(true);
    nu += 15_500;
    expect(await teller.tel('ip:a')).toEqual({ toegestaan: false, wachtS: 45 });
    expect((await teller.tel('ip:b')).toegestaan).toBe(true);
    nu += 44_500;
    expect(await teller.tel('ip:a')).toEqual({ toegestaan: true, wachtS: 60 });
  });

  it('asks to wait at least a second', async () => {
    let nu = 0;
    const teller = new MemoryRateLimitStore(1, () => nu);
    await teller.tel('x');
    nu = 59_999;
    expect(await teller.tel('x')).toEqual({ toegestaan: false, wachtS: 1 });
  });
});

describe('who is counted', () => {
  it('a signed-in caller by sub, the public by address', () => {
    const req = verzoek('10.1.2.3');
    expect(clientKey({ soort: 'aangemeld', sub: 'u-1', rol: 'analist' }, req, 0)).toBe('sub:u-1');
    expect(clientKey({ soort: 'publiek' }, req, 0)).toBe('ip:10.1.2.3');
    expect(clientKey(null, req, 0)).toBe('ip:10.1.2.3');
  });

  it("trusts X-Forwarded-For only as far as the proxies in front, never the client's own entries", () => {
    expect(clientAddress(verzoek('10.0.0.1', '6.6.6.6'), 0)).toBe('10.0.0.1');
    expect(clientAddress(verzoek('10.0.0.1', 'verzonnen, 81.2.3.4'), 1)).toBe('81.2.3.4');
    expect(clientAddress(verzoek('10.0.0.1', 'verzonnen, 81.2.3.4, 10.0.0.9'), 2)).toBe('81.2.3.4');
    expect(clientAddress(verzoek('10.0.0.1'), 1)).toBe('10.0.0.1');
  });
});

describe('the settings and the refusal', () => {
  it('are generous in development, 600 a minute in production, and set by RATE_LIMIT_PER_MINUUT', () => {
    expect(readRateLimit({}, false)).toEqual({ perMinuut: 100_000, redisUrl: null, proxyHops: 0 });
    expect(readRateLimit({}, true).perMinuut).toBe(600);
    expect(
      readRateLimit({ RATE_LIMIT_PER_MINUUT: '5', REDIS_URL: 'redis://h:6379', TRUST_PROXY_HOPS: '1' }, true),
    ).toEqual({ perMinuut: 5, redisUrl: 'redis://h:6379', proxyHops: 1 });
    expect(() => readRateLimit({ RATE_LIMIT_PER_MINUUT: 'veel' }, true)).toThrow(/RATE_LIMIT_PER_MINUUT/);
    // The new name; the old one above is read as its alias for one release.
    expect(readRateLimit({ RATE_LIMIT_PER_MINUTE: '7' }, true).perMinuut).toBe(7);
  });

  it('is HTTP 429 with Retry-After and RATE_LIMITED', () => {
    const fout = tooManyRequests(12, 600);
    expect(fout.extensions['code']).toBe('RATE_LIMITED');
    expect(fout.extensions['retryAfterS']).toBe(12);
    const http = fout.extensions['http'] as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('12');
    expect(fout.message).toContain('600 per minuut');
  });
});
