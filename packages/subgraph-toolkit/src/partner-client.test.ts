import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PartnerClient, PartnerError, retryAfterMs } from './partner-client.ts';
import { withNock } from './test-helpers.ts';

const BASIS = 'http://partner.test/api';

function client(opties: Partial<ConstructorParameters<typeof PartnerClient>[0]> = {}): PartnerClient {
  return new PartnerClient({ bron: 'VOLTA', basisUrl: BASIS, timeoutMs: 500, ...opties });
}

async function fout(belofte: Promise<unknown>): Promise<PartnerError> {
  try {
    await belofte;
  } catch (f) {
    if (f instanceof PartnerError) return f;
    throw f;
  }
  throw new Error('expected a PartnerError');
}

describe('PartnerClient', () => {
  withNock();

  it('sends its credentials and the query, and validates the answer', async () => {
    nock('http://partner.test', { reqheaders: { 'x-api-key': 'geheim' } })
      .get('/api/items')
      .query({ offset: '0', limit: '2' })
      .reply(200, { items: [1, 2] });
    const c = client({ authenticatie: () => ({ 'x-api-key': 'geheim' }) });
    await expect(
      c.json(z.object({ items: z.array(z.number()) }), { pad: 'items', query: { offset: 0, limit: 2 } }),
    ).resolves.toEqual({ items: [1, 2] });
  });

  it('follows an absolute link on the partner host (HAL)', async () => {
    nock('http://partner.test').get('/api/items').query({ cursor: 'x' }).reply(200, '[]');
    await expect(c().verzoek({ pad: '/api/items?cursor=x' })).resolves.toMatchObject({ status: 200 });
    function c() {
      return client();
    }
  });

  it('retries a read after a 503 and after Retry-After on a 429', async () => {
    nock('http://partner.test')
      .get('/api/items')
      .reply(503)
      .get('/api/items')
      .reply(429, '', { 'Retry-After': '0' })
      .get('/api/items')
      .reply(200, 'ok');
    await expect(client().verzoek({ pad: 'items' })).resolves.toMatchObject({ status: 200, tekst: 'ok' });
  });

  it('gives up on a 429 whose Retry-After is longer than it may wait, as RATE_LIMITED', async () => {
    nock('http://partner.test').get('/api/items').reply(429, 'te veel', { 'Retry-After': '120' });
    const f = await fout(client({ maxWachtMs: 1000 }).verzoek({ pad: 'items' }));
    expect(f).toMatchObject({ bron: 'VOLTA', reden: 'RATE_LIMITED', status: 429 });
  });

  it('never retries a write without an idempotency key', async () => {
    nock('http://partner.test').post('/api/matches').reply(503);
    const f = await fout(client().verzoek({ methode: 'POST', pad: 'matches', body: '{}' }));
    expect(f.reden).toBe('DOWN');
  });

  it('maps a 401 to ERROR without retrying, and lets the caller accept a status it handles', async () => {
    nock('http://partner.test').get('/api/items').reply(401, { fout: 'ongeldige API-sleutel' });
    expect((await fout(client().verzoek({ pad: 'items' }))).reden).toBe('ERROR');
    nock('http://partner.test').get('/api/items').reply(304);
    await expect(client().verzoek({ pad: 'items', toegestaan: [304] })).resolves.toMatchObject({
      status: 304,
    });
  });

  it('maps a refused connection to DOWN and a slow partner to TIMEOUT', async () => {
    nock('http://partner.test')
      .get('/api/items')
      .times(3)
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await fout(client().verzoek({ pad: 'items' }))).reden).toBe('DOWN');
    nock('http://partner.test').get('/api/items').delay(300).reply(200, 'laat');
    expect((await fout(client({ timeoutMs: 50, pogingen: 1 }).verzoek({ pad: 'items' }))).reden).toBe(
      'TIMEOUT',
    );
  });

  it('calls an answer that breaks the contract INVALID_RESPONSE', async () => {
    nock('http://partner.test')
      .get('/api/items')
      .reply(200, '{"items":"kapot"}')
      .get('/api/items')
      .reply(200, '<html>');
    const schema = z.object({ items: z.array(z.number()) });
    expect((await fout(client().json(schema, { pad: 'items' }))).reden).toBe('INVALID_RESPONSE');
    expect((await fout(client().json(schema, { pad: 'items' }))).reden).toBe('INVALID_RESPONSE');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:05 GMT', Date.parse('2026-11-22T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('morgen')).toBeUndefined();
  });
});
