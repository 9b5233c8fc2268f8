import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';
import { PartnerClient, PartnerError, type PartnerClientOptions } from './partner-client.ts';
import { backoffMs, RetrySchedule, type Failure, type RetryDecision } from './policies.ts';

const ORIGIN = 'http://partner.test';

/** The PartnerError a call fails with (not testhulp's helper: that module loads nock, which would serialise the calls). */
async function faalt(belofte: Promise<unknown>, verwacht: Partial<PartnerError>): Promise<void> {
  await expect(belofte).rejects.toBeInstanceOf(PartnerError);
  await expect(belofte).rejects.toMatchObject(verwacht);
}

/** A clock that only moves when someone sleeps: the limiter's decisions, without real time. */
function klok() {
  let tijd = 0;
  const slapen: number[] = [];
  return {
    slapen,
    nu: () => tijd,
    wacht: (ms: number) => {
      slapen.push(ms);
      tijd += ms;
      return Promise.resolve();
    },
  };
}

const fout = (reden: Failure['reden'], extra: Partial<Failure> = {}): Failure => ({ reden, ...extra });
const wacht = (d: RetryDecision) => (d.retry ? d.waitMs : null);

describe('backoffMs: the one formula', () => {
  const opties = { baseMs: 100, maxMs: 1_000 };

  it('doubles per retry from the base, half of it jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, opties, () => 1))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, opties, () => 0))).toEqual([50, 100, 200, 400]);
    expect(backoffMs(2, opties, () => 0.5)).toBe(150);
  });

  it('never grows past its cap', () => {
    expect(backoffMs(5, opties, () => 1)).toBe(1_000);
    expect(backoffMs(40, opties, () => 1)).toBe(1_000);
    expect(backoffMs(40, opties, () => 0)).toBe(500);
  });
});

describe('RetrySchedule', () => {
  const basis = { attempts: 3, maxWaitMs: 5_000, backoff: { baseMs: 100, maxMs: 1_000 }, random: () => 1 };

  it('retries a transient failure until the attempts are used, after the backoff', () => {
    const s = new RetrySchedule(basis);
    expect(wacht(s.next(fout('DOWN', { status: 503 })))).toBe(100);
    expect(wacht(s.next(fout('TIMEOUT')))).toBe(200);
    expect(s.next(fout('DOWN'))).toEqual({ retry: false });
  });

  it('never retries what will not pass, nor a transient failure of a call that may not be repeated', () => {
    expect(new RetrySchedule(basis).next(fout('ERROR', { status: 400 }))).toEqual({ retry: false });
    expect(new RetrySchedule(basis).next(undefined)).toEqual({ retry: false });
    expect(new RetrySchedule({ ...basis, attempts: 1 }).next(fout('DOWN'))).toEqual({ retry: false });
  });

  it("waits a 429's Retry-After for everyone, without using up an attempt, within the wait budget", () => {
    const s = new RetrySchedule({ ...basis, attempts: 1 });
    for (let i = 0; i < 5; i++)
      expect(s.next(fout('RATE_LIMITED', { status: 429, retryAfterMs: 1_000 }))).toEqual({
        retry: true,
        waitMs: 1_000,
        holdEveryone: true,
      });
    expect(s.next(fout('RATE_LIMITED', { status: 429, retryAfterMs: 1_000 }))).toEqual({ retry: false });
  });

  it('gives up at once on a Retry-After longer than the budget', () => {
    const s = new RetrySchedule(basis);
    expect(s.next(fout('RATE_LIMITED', { retryAfterMs: 120_000 }))).toEqual({ retry: false });
  });

  it('waits at least the backoff when the partner asks for less, and honours a 503 with Retry-After', () => {
    const s = new RetrySchedule(basis);
    expect(wacht(s.next(fout('RATE_LIMITED', { retryAfterMs: 0 })))).toBe(100);
    expect(wacht(s.next(fout('RATE_LIMITED')))).toBe(200);
    expect(s.next(fout('DOWN', { status: 503, retryAfterMs: 2_000 }))).toEqual({
      retry: true,
      waitMs: 2_000,
      holdEveryone: true,
    });
  });

  it('starts no wait that would end past the deadline', () => {
    let nu = 0;
    const s = new RetrySchedule({ ...basis, now: () => nu }, 1_000);
    expect(wacht(s.next(fout('DOWN')))).toBe(100);
    nu = 850;
    expect(s.next(fout('DOWN'))).toEqual({ retry: false });
    const r = new RetrySchedule({ ...basis, now: () => 0 }, 1_000);
    expect(r.next(fout('RATE_LIMITED', { retryAfterMs: 1_000 }))).toEqual({ retry: false });
  });
});

describe('PartnerClient under its policies', () => {
  let agent: MockAgent;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  function client(opties: Partial<PartnerClientOptions> = {}) {
    let verzoeken = 0;
    const c = new PartnerClient({
      bron: 'VOLTA',
      basisUrl: `${ORIGIN}/api`,
      timeoutMs: 1_000,
      backoff: { baseMs: 10, maxMs: 50 },
      dispatcher: agent,
      bijVerzoek: () => {
        verzoeken += 1;
      },
      ...opties,
    });
    return { c, verzoeken: () => verzoeken };
  }
  const items = () => agent.get(ORIGIN).intercept({ path: '/api/items', method: 'GET' });

  it('makes as many attempts as allowed for a transient failure, then gives up with its reason', async () => {
    items().reply(503, 'even niet').times(2);
    items().reply(200, 'ok');
    const { c, verzoeken } = client({ pogingen: 3 });
    await expect(c.verzoek({ pad: 'items' })).resolves.toMatchObject({ status: 200, tekst: 'ok' });
    expect(verzoeken()).toBe(3);

    items().reply(503, 'even niet').times(2);
    const twee = client({ pogingen: 2 });
    await faalt(twee.c.verzoek({ pad: 'items' }), { reden: 'DOWN', status: 503 });
    expect(twee.verzoeken()).toBe(2);
  });

  it('holds every call of the client for the Retry-After of a 429, and goes on', async () => {
    const k = klok();
    items().reply(429, '', { headers: { 'retry-after': '3' } });
    items().reply(200, 'een').times(2);
    const gestart: number[] = [];
    const { c } = client({
      pacing: new RateLimiter({ aantal: Infinity, nu: k.nu, wacht: k.wacht }),
      bijVerzoek: () => gestart.push(k.nu()),
    });
    await expect(c.verzoek({ pad: 'items' })).resolves.toMatchObject({ status: 200 });
    // A call that comes in now still waits for the end of the pause.
    await expect(c.verzoek({ pad: 'items' })).resolves.toMatchObject({ status: 200 });
    expect(k.slapen).toEqual([3_000]);
    expect(gestart).toEqual([0, 3_000, 3_000]);
    expect(c.rateLimitedWaitCount).toBe(1);
    expect(c.currentFailure).toBeNull();
  });

  it('reports RATE_LIMITED, and since when, while it waits out 429s', async () => {
    items().reply(429, '', { headers: { 'retry-after': '60' } });
    const { c } = client({ maxWachtMs: 1_000 });
    const voor = Date.now();
    await faalt(c.verzoek({ pad: 'items' }), { reden: 'RATE_LIMITED' });
    expect(c.currentFailure?.reden).toBe('RATE_LIMITED');
    expect(c.currentFailure?.since).toBeGreaterThanOrEqual(voor);
  });

  it('keeps one deadline across all attempts of a slow partner', async () => {
    items().reply(503, '');
    items().reply(200, 'te laat').delay(2_000);
    const { c, verzoeken } = client({ timeoutMs: 300, deadlineMs: 300, pogingen: 5 });
    const begin = performance.now();
    await faalt(c.verzoek({ pad: 'items' }), { reden: 'TIMEOUT' });
    const duur = performance.now() - begin;
    expect(verzoeken()).toBe(2);
    expect(duur).toBeGreaterThanOrEqual(295);
    expect(duur).toBeLessThan(550);
  });

  it('without a deadline gives every attempt its own timeout', async () => {
    items().reply(200, 'te laat').delay(2_000).times(2);
    const { c, verzoeken } = client({ timeoutMs: 150, pogingen: 2 });
    const begin = performance.now();
    await faalt(c.verzoek({ pad: 'items' }), { reden: 'TIMEOUT' });
    expect(verzoeken()).toBe(2);
    expect(performance.now() - begin).toBeGreaterThanOrEqual(300);
  });

  it('paces calls under the limiter: at most `aantal` within a window', async () => {
    const k = klok();
    items().reply(200, 'ok').times(5);
    const gestart: number[] = [];
    const { c } = client({
      pacing: new RateLimiter({ aantal: 2, vensterMs: 1_000, nu: k.nu, wacht: k.wacht }),
      bijVerzoek: () => gestart.push(k.nu()),
    });
    await Promise.all(Array.from({ length: 5 }, () => c.verzoek({ pad: 'items' })));
    expect(gestart).toEqual([0, 0, 1_000, 1_000, 2_000]);
  });

  it('renews refused credentials once, at once, and gives up when fresh ones are refused too', async () => {
    const gevraagd: (string | undefined)[] = [];
    let n = 0;
    const { c } = client({
      authenticatie: (geweigerd) => {
        gevraagd.push(geweigerd?.['authorization']);
        n += 1;
        return { authorization: `t${n}` };
      },
      geweigerd: (a) => a.tekst.includes('invalid_token'),
    });
    items().reply(401, 'invalid_token');
    items().reply(200, 'ok');
    await expect(c.verzoek({ pad: 'items' })).resolves.toMatchObject({ status: 200 });
    expect(gevraagd).toEqual([undefined, 't1']);
    items().reply(401, 'invalid_token').times(2);
    await faalt(c.verzoek({ pad: 'items' }), { reden: 'ERROR', status: 401 });
    expect(n).toBe(4);
  });
});

describe('PartnerClient: concurrency', () => {
  let server: Server;
  let url: string;
  let bezig = 0;
  let hoogste = 0;
  let ontvangen = 0;

  beforeEach(async () => {
    bezig = 0;
    hoogste = 0;
    ontvangen = 0;
    server = createServer((_req, res) => {
      ontvangen += 1;
      bezig += 1;
      hoogste = Math.max(hoogste, bezig);
      setTimeout(() => {
        bezig -= 1;
        res.end('ok');
      }, 30);
    });
    await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((klaar) => server.close(klaar));
  });

  it('has at most `concurrency` calls under way at once', async () => {
    const c = new PartnerClient({ bron: 'VOLTA', basisUrl: url, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.verzoek({ pad: 'items' })));
    expect(ontvangen).toBe(12);
    expect(hoogste).toBe(3);
  });

  it('drops the calls still waiting for a place when the caller cancels', async () => {
    const c = new PartnerClient({ bron: 'VOLTA', basisUrl: url, concurrency: 1 });
    const stop = new AbortController();
    const eerste = c.verzoek({ pad: 'items', signal: stop.signal });
    const rest = Array.from({ length: 4 }, () => c.verzoek({ pad: 'items', signal: stop.signal }));
    stop.abort();
    const uitkomsten = await Promise.allSettled([eerste, ...rest]);
    expect(uitkomsten.every((u) => u.status === 'rejected')).toBe(true);
    expect(ontvangen).toBeLessThanOrEqual(1);
  });
});
