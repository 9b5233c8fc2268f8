import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET, readAccessConfig } from './config.ts';
import { signToken } from './token-maker.ts';
import { makeVerifier } from './verification.ts';

const config = readAccessConfig({});
const verify = makeVerifier(config);

async function fout(belofte: Promise<unknown>): Promise<{ code: unknown; status: unknown; message: string }> {
  try {
    await belofte;
  } catch (f) {
    const e = f as { extensions?: { code?: unknown; http?: { status?: unknown } }; message: string };
    return { code: e.extensions?.code, status: e.extensions?.http?.status, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('token verification', () => {
  it('treats no token as the public, and reads the claims of a valid one', async () => {
    await expect(verify(undefined)).resolves.toEqual({ soort: 'publiek' });
    const token = await signToken(config, {
      rol: 'trajectbegeleider',
      instellingsnummer: '030007',
      sub: 'u-12',
    });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      soort: 'aangemeld',
      sub: 'u-12',
      rol: 'trajectbegeleider',
      instellingsnummer: '030007',
    });
  });

  it.each([
    ['expired', { geldigS: -120 }],
    ['for another audience', { doelgroep: 'iets-anders' }],
    ['from another issuer', { uitgever: 'iemand' }],
    ['with another signature', { geheim: 'een-ander-geheim-van-minstens-32-bytes-lang' }],
    ['not yet valid', { nietVoor: Math.floor(Date.now() / 1000) + 3600 }],
  ])('refuses a token %s with UNAUTHENTICATED and HTTP 401, never as the public', async (_wat, opties) => {
    const token = await signToken(config, { rol: 'analist' }, opties);
    const f = await fout(verify(`Bearer ${token}`));
    expect(f).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(f.message).not.toContain(token);
  });

  it('tolerates a small clock skew', async () => {
    const token = await signToken(config, { rol: 'analist' }, { geldigS: -10 });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ rol: 'analist' });
  });

  it('refuses garbage, another scheme, and claims that do not fit a role', async () => {
    expect((await fout(verify('Bearer abc.def.ghi'))).code).toBe('UNAUTHENTICATED');
    expect((await fout(verify('Basic dXNlcjpwYXNz'))).code).toBe('UNAUTHENTICATED');
    const zonderSector = await signToken(config, { rol: 'partner' });
    expect((await fout(verify(`Bearer ${zonderSector}`))).message).toMatch(/sector/);
  });

  it('verifies RS256 tokens with keys from JWKS_URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'sleutel-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const jwks = makeVerifier(readAccessConfig({ JWKS_URL: url }));
      const token = await new SignJWT({ rol: 'beheerder' })
        .setProtectedHeader({ alg: 'RS256', kid: 'sleutel-1' })
        .setSubject('b-1')
        .setIssuer(config.uitgever)
        .setAudience('duaal-graph')
        .setExpirationTime('1h')
        .sign(privateKey);
      await expect(jwks(`Bearer ${token}`)).resolves.toMatchObject({ rol: 'beheerder', sub: 'b-1' });
      const hs = await signToken(config, { rol: 'beheerder' });
      expect((await fout(jwks(`Bearer ${hs}`))).code).toBe('UNAUTHENTICATED');
    } finally {
      server.close();
    }
  });
});

describe('token settings', () => {
  it('refuses to start in production without a way to verify, or with the development secret', () => {
    expect(() => readAccessConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWKS_URL/);
    expect(() => readAccessConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      /development/,
    );
    expect(() => readAccessConfig({ JWT_SECRET: 'te-kort' })).toThrow(/32 bytes/);
    expect(readAccessConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe(
      'x'.repeat(40),
    );
  });
});
