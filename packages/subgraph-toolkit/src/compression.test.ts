import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, sendCompressed } from './compression.ts';

describe('acceptsGzip', () => {
  it('takes gzip as browsers and tools ask for it', () => {
    for (const header of [
      'gzip',
      'gzip, deflate, br, zstd',
      'br;q=1.0, gzip;q=0.8, *;q=0.1',
      'x-gzip',
      '*',
      ' GZIP ; q=0.5',
      ['deflate', 'gzip'],
    ])
      expect([header, acceptsGzip(header)]).toEqual([header, true]);
  });

  it('gives the identity to a caller that does not ask for gzip or refuses it', () => {
    for (const header of [
      undefined,
      '',
      'identity',
      'br',
      'deflate, br',
      'gzip;q=0',
      'gzip;q=0, *',
      '*;q=0',
      'gzip;q=abc',
    ])
      expect([header, acceptsGzip(header)]).toEqual([header, false]);
  });
});

describe('sendCompressed', () => {
  const groot = JSON.stringify({ data: Array.from({ length: 50_000 }, (_, i) => `Éloois ${String(i)}`) });

  /** A server answering with `body` through sendCompressed; resolves with what sendCompressed settled as. */
  async function bedien(
    body: string,
    client: (url: string) => Promise<void>,
  ): Promise<PromiseSettledResult<void>> {
    let afloop: Promise<PromiseSettledResult<void>> | undefined;
    const server = createServer((req, res) => {
      afloop = Promise.allSettled([
        sendCompressed(res, body, req.headers['accept-encoding'], { minBytes: 1024 }),
      ]).then(([uitkomst]) => uitkomst);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await client(`http://127.0.0.1:${String(port)}/`);
      if (!afloop) throw new Error('no request reached the server');
      return await afloop;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  it('streams a large body gzip-compressed, decoding to the same bytes, and a small one as it is', async () => {
    for (const [body, verwacht] of [
      [groot, 'gzip'],
      ['{"data":{}}', undefined],
    ] as const)
      await bedien(body, async (url) => {
        const antwoord = await request(url, { headers: { 'accept-encoding': 'gzip' } });
        const raw = Buffer.from(await antwoord.body.arrayBuffer());
        expect([antwoord.headers['content-encoding'], antwoord.headers['vary']]).toEqual([
          verwacht,
          'Accept-Encoding',
        ]);
        expect((verwacht === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')).toBe(body);
      });
  });

  it('takes a caller that hangs up mid-answer calmly', async () => {
    const uitkomst = await bedien(groot.repeat(20), async (url) => {
      const antwoord = await request(url, { headers: { 'accept-encoding': 'gzip' } });
      // The first bytes, then gone.
      for await (const _deel of antwoord.body) break;
    });
    expect(uitkomst.status).toBe('fulfilled');
  });
});
