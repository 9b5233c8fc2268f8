import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartnerClient, PartnerError } from './partner-client.ts';
import type { BreakerState } from './policies.ts';

/**
 * The circuit breaker of a live partner (./policies.ts), against a real HTTP
 * server whose answers the test switches: it opens after the threshold of
 * failed calls, then fails at once without calling, lets one probe through
 * after the cool-down, and closes again when the probe succeeds.
 */
describe('PartnerClient: the circuit breaker', () => {
  let server: Server;
  let url: string;
  let ontvangen = 0;
  let antwoord: 'ok' | '503' | '404' | '429' = 'ok';

  beforeEach(async () => {
    ontvangen = 0;
    antwoord = 'ok';
    server = createServer((_req, res) => {
      ontvangen += 1;
      if (antwoord === 'ok') res.end('{"ok":true}');
      else if (antwoord === '429') res.writeHead(429, { 'retry-after': '0' }).end('{}');
      else res.writeHead(Number(antwoord)).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (extra: { maxWachtMs?: number } = {}) =>
    new PartnerClient({
      bron: 'KAZI',
      basisUrl: url,
      timeoutMs: 1_000,
      pogingen: 2,
      backoff: { baseMs: 1, maxMs: 2 },
      breaker: { threshold: 3, halfOpenAfterMs: 100 },
      ...extra,
    });
  const lees = (c: PartnerClient) => c.verzoek({ pad: 'x', toegestaan: [404] });

  it('opens after the threshold of failed calls, fails fast, probes after the cool-down and recovers', async () => {
    const c = client();
    const toestanden: BreakerState[] = [];
    c.onBreakerStateChange((t) => toestanden.push(t));
    antwoord = '503';
    for (let i = 0; i < 3; i++) await expect(lees(c)).rejects.toMatchObject({ reden: 'DOWN' });
    // Each failed call used its two attempts: the breaker counts calls, not attempts.
    expect(ontvangen).toBe(6);
    expect(c.breakerState).toBe('open');

    // Failing fast: the partner is not called at all.
    await expect(lees(c)).rejects.toBeInstanceOf(PartnerError);
    await expect(lees(c)).rejects.toMatchObject({ bron: 'KAZI', reden: 'CIRCUIT_OPEN' });
    expect(ontvangen).toBe(6);
    expect(c.currentFailure?.reden).toBe('CIRCUIT_OPEN');

    // After the cool-down one call probes; the partner still fails: open again, for another cool-down.
    await new Promise((r) => setTimeout(r, 120));
    await expect(lees(c)).rejects.toMatchObject({ reden: 'DOWN' });
    expect(ontvangen).toBe(8);
    await expect(lees(c)).rejects.toMatchObject({ reden: 'CIRCUIT_OPEN' });
    expect(ontvangen).toBe(8);

    // The partner is back: the next probe succeeds and closes the breaker.
    antwoord = 'ok';
    await new Promise((r) => setTimeout(r, 120));
    expect((await lees(c)).status).toBe(200);
    expect(c.breakerState).toBe('closed');
    expect((await lees(c)).status).toBe(200);
    expect(ontvangen).toBe(10);
    expect(toestanden).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it("does not count the partner's own answers: a 404 it was asked to take, a 429", async () => {
    const c = client({ maxWachtMs: 0 });
    antwoord = '404';
    for (let i = 0; i < 5; i++) expect((await lees(c)).status).toBe(404);
    antwoord = '429';
    for (let i = 0; i < 5; i++) await expect(lees(c)).rejects.toMatchObject({ reden: 'RATE_LIMITED' });
    expect(c.breakerState).toBe('closed');
  });

  it('counts failures in a row only: a success in between starts the count again', async () => {
    const c = client();
    for (const a of ['503', '503', 'ok', '503', '503', 'ok'] as const) {
      antwoord = a;
      await lees(c).catch(() => undefined);
    }
    expect(c.breakerState).toBe('closed');
  });

  it('a client without a breaker is always closed', () => {
    const c = new PartnerClient({ bron: 'VDAB', basisUrl: url });
    expect(c.breakerState).toBe('closed');
  });
});
