import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectLogLines } from '@duaal-graph/subgraph-toolkit/observability-testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, brokenSubgraph, codes, isGezond, startExtraGateway, stuur, vraag } from './abuse.ts';
import { startSystem, type System } from './system.ts';

/** Production refuses the development secret; this one is only for these tests. */
const PRODUCTIE = {
  NODE_ENV: 'production',
  JWT_SECRET: 'een-geheim-voor-de-productietest-van-de-gateway',
  // The request log, on by default in production, is tested on its own below.
  REQUEST_LOG: 'false',
};
const sha256 = (tekst: string) => createHash('sha256').update(tekst).digest('hex');

let system: System;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system.stop();
});

describe('a gateway in production', () => {
  let productie: Awaited<ReturnType<typeof startExtraGateway>>;

  beforeAll(async () => {
    productie = await startExtraGateway(system, PRODUCTIE);
  });

  afterAll(async () => {
    await productie.stop();
  });

  it('answers normal queries', async () => {
    await isGezond(productie.graphql);
  });

  it('refuses an empty operationName as development does: limits first, then BAD_REQUEST', async () => {
    const keten = `{ regio(code: "BRUGGE") { ${'gemeenten { regio { '.repeat(9)}code${' } }'.repeat(9)} } }`;
    for (const body of [{ query: keten }, { query: keten, operationName: '' }]) {
      const a = await stuur(productie.graphql, { body: JSON.stringify(body) });
      expect(a.status).toBe(400);
      expect(codes(a)).toEqual(['QUERY_TOO_COMPLEX']);
    }
    const leeg = await stuur(productie.graphql, {
      body: JSON.stringify({ query: '{ regios { naam } }', operationName: '' }),
    });
    expect(leeg.status).toBe(400);
    expect(codes(leeg)).toEqual(['BAD_REQUEST']);
  });

  it('has no introspection, where development has it', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Onderneming") { fields { name } } }',
    ]) {
      const a = await vraag(productie.graphql, query);
      expect(a.status).toBe(400);
      expect(codes(a)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(a.body.errors?.[0]?.message).toContain('introspection');
      expect((await vraag(system.graphql, query)).body.errors).toBeUndefined();
    }
  });

  it('suggests no field or value names, where development does', async () => {
    const veld = '{ regioss { naam } }';
    expect((await vraag(system.graphql, veld)).body.errors?.[0]?.message).toContain('Did you mean');
    const zonder = await vraag(productie.graphql, veld);
    expect(codes(zonder)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(zonder.tekst).not.toContain('Did you mean');
    expect(zonder.tekst).not.toContain('"regios"');
    const waarde = 'query($p: Provincie!) { radar(provincie: $p) { regioCode } }';
    expect((await vraag(system.graphql, waarde, { p: 'WEST_VLAANDERE' })).tekst).toContain('Did you mean');
    const a = await vraag(productie.graphql, waarde, { p: 'WEST_VLAANDERE' });
    expect(codes(a)).toEqual(['BAD_USER_INPUT']);
    expect(a.tekst).not.toContain('Did you mean');
    expect(a.tekst).not.toContain('WEST_VLAANDEREN');
  });

  it('answers an error it did not expect without stack, subgraph or internals', async () => {
    const kapot = await brokenSubgraph();
    const opties = { radar: kapot.url };
    const [prod, ontw] = await Promise.all([
      startExtraGateway(system, PRODUCTIE, opties),
      startExtraGateway(system, {}, opties),
    ]);
    try {
      const a = await vraag(prod.graphql, '{ regios { naam } }');
      expect(a.body.errors).toEqual([
        {
          message: 'Interne fout in de graaf.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      for (const intern of ['stacktrace', '/srv/', 'Cannot read', 'serviceName', 'radar'])
        expect(a.tekst).not.toContain(intern);
      const syntax = await vraag(prod.graphql, '{ regios { naam }');
      expect(codes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(syntax.tekst).not.toContain('stacktrace');
      // Development shows what went wrong, to the developer.
      expect((await vraag(ontw.graphql, '{ regios { naam } }')).tekst).toContain('Cannot read');
    } finally {
      await Promise.all([prod.stop(), ontw.stop(), kapot.stop()]);
    }
  });
});

describe('a gateway that runs trusted documents only', () => {
  const REGIOS = '{ regios(provincie: WEST_VLAANDEREN) { code naam } }';
  const RADAR =
    'query Radar { radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR) { regioCode witteVlek } }';
  let vertrouwd: Awaited<ReturnType<typeof startExtraGateway>>;

  beforeAll(async () => {
    const pad = join(mkdtempSync(join(tmpdir(), 'duaal-manifest-')), 'manifest.json');
    writeFileSync(
      pad,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { id: sha256(REGIOS), name: 'Regios', type: 'query', body: REGIOS },
          { id: sha256(RADAR), name: 'Radar', type: 'query', body: RADAR },
        ],
      }),
    );
    vertrouwd = await startExtraGateway(system, {
      ...PRODUCTIE,
      PERSISTED_DOCUMENTS_ONLY: 'true',
      PERSISTED_DOCUMENTS_MANIFEST: pad,
    });
  });

  afterAll(async () => {
    await vertrouwd.stop();
  });

  const opHash = (hash: string, query?: string) =>
    stuur(vertrouwd.graphql, {
      body: JSON.stringify({
        ...(query ? { query } : {}),
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    });

  it('runs a registered operation by its hash, and by its identical text', async () => {
    const a = await opHash(sha256(REGIOS));
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data?.['regios']).toHaveLength(5);
    expect((await opHash(sha256(RADAR))).body.data?.['radar']).not.toHaveLength(0);
    // The normal query of the other tests is registered, byte for byte.
    await isGezond(vertrouwd.graphql);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND and says why', async () => {
    const a = await opHash(sha256('{ regios { naam } }'));
    expect(codes(a)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(a.body.errors?.[0]?.message).toContain('manifest');
    expect(a.body.data).toBeUndefined();
  });

  it('refuses any other text, even the same query spelled otherwise, before planning', async () => {
    const voor = Object.values(system.proxies).reduce((n, t) => n + t.verzoeken.length, 0);
    for (const query of ['{ regios { naam } }', REGIOS.replace(/ /g, '  '), '{ __typename }']) {
      const a = await vraag(vertrouwd.graphql, query);
      expect(a.status).toBe(400);
      expect(codes(a)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(a.body.errors?.[0]?.message).toContain('alleen operaties uit het manifest');
    }
    expect(Object.values(system.proxies).reduce((n, t) => n + t.verzoeken.length, 0)).toBe(voor);
  });

  it('runs a registered operation only under its own name: an empty operationName is BAD_REQUEST', async () => {
    const a = await stuur(vertrouwd.graphql, { body: JSON.stringify({ query: REGIOS, operationName: '' }) });
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['BAD_REQUEST']);
    const b = await stuur(vertrouwd.graphql, {
      body: JSON.stringify({ query: RADAR, operationName: 'Radar' }),
    });
    expect(b.body.errors).toBeUndefined();
  });

  it('lets no client register a query by APQ', async () => {
    const nieuw = '{ regios { code } }';
    const registratie = await opHash(sha256(nieuw), nieuw);
    expect(codes(registratie)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(codes(await opHash(sha256(nieuw)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

/** Sends n anonymous or signed-in requests and answers their statuses. */
async function statussen(url: string, n: number, headers?: Record<string, string>): Promise<number[]> {
  const uit: number[] = [];
  for (let i = 0; i < n; i++) uit.push((await vraag(url, '{ __typename }', undefined, headers)).status);
  return uit;
}

describe('the rate limit', () => {
  let beperkt: Awaited<ReturnType<typeof startExtraGateway>>;

  beforeAll(async () => {
    beperkt = await startExtraGateway(system, { RATE_LIMIT_PER_MINUUT: '5' });
  });

  afterAll(async () => {
    await beperkt.stop();
  });

  it('answers 429 with Retry-After and RATE_LIMITED once a client has sent its number this minute', async () => {
    const token = await bearer({ rol: 'analist', sub: `eerste-${randomUUID()}` });
    expect(await statussen(beperkt.graphql, 5, token)).toEqual([200, 200, 200, 200, 200]);
    const a = await vraag(beperkt.graphql, '{ __typename }', undefined, token);
    expect(a.status).toBe(429);
    const wacht = Number(a.headers.get('retry-after'));
    expect(Number.isInteger(wacht) && wacht >= 1 && wacht <= 60).toBe(true);
    expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterS: wacht });
    expect(a.body.errors?.[0]?.message).toContain('5 per minuut');
  });

  it('counts every signed-in caller by its sub, and the public by address', async () => {
    const ander = await bearer({ rol: 'analist', sub: `tweede-${randomUUID()}` });
    expect(await statussen(beperkt.graphql, 5, ander)).toEqual([200, 200, 200, 200, 200]);
    expect(await statussen(beperkt.graphql, 5)).toEqual([200, 200, 200, 200, 200]);
    expect((await vraag(beperkt.graphql, '{ __typename }')).status).toBe(429);
    // A bad token counts against the address: it is no way around the limit.
    const slecht = await vraag(beperkt.graphql, '{ __typename }', undefined, { authorization: 'Bearer nep' });
    expect(slecht.status).toBe(429);
    // The other gateways count for themselves.
    await isGezond(system.graphql);
  });
});

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL)
  console.warn(
    'protection.e2e: REDIS_URL is not set, the Redis rate limit test is skipped (.ci/run sets it)',
  );

describe.skipIf(!REDIS_URL)('the rate limit shared in Redis (skipped without REDIS_URL)', () => {
  let a: Awaited<ReturnType<typeof startExtraGateway>>;
  let b: Awaited<ReturnType<typeof startExtraGateway>>;

  beforeAll(async () => {
    const omgeving = { RATE_LIMIT_PER_MINUUT: '5', REDIS_URL: REDIS_URL ?? '' };
    [a, b] = await Promise.all([startExtraGateway(system, omgeving), startExtraGateway(system, omgeving)]);
  });

  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it('holds one count for a client across two gateway instances', async () => {
    const token = await bearer({ rol: 'partner', sector: 'VOLTA', sub: `redis-${randomUUID()}` });
    const om = [a, b, a, b, a];
    const eerste: number[] = [];
    for (const g of om) eerste.push((await vraag(g.graphql, '{ __typename }', undefined, token)).status);
    expect(eerste).toEqual([200, 200, 200, 200, 200]);
    const teVeel = await vraag(b.graphql, '{ __typename }', undefined, token);
    expect(teVeel.status).toBe(429);
    expect(Number(teVeel.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await vraag(a.graphql, '{ __typename }', undefined, token)).status).toBe(429);
    // Another client is not touched by it.
    const ander = await bearer({ rol: 'analist', sub: `redis-${randomUUID()}` });
    expect((await vraag(a.graphql, '{ __typename }', undefined, ander)).status).toBe(200);
  });
});

describe('the rate limit without its Redis', () => {
  it('counts per instance meanwhile, and keeps answering', async () => {
    // A port on which nothing listens: Redis is down.
    const leeg = createServer();
    await new Promise<void>((resolve) => leeg.listen(0, '127.0.0.1', resolve));
    const { port } = leeg.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      leeg.close(() => {
        resolve();
      });
    });
    const meldingen: string[] = [];
    const spion = vi.spyOn(console, 'warn').mockImplementation((regel: unknown) => {
      meldingen.push(String(regel));
    });
    const g = await startExtraGateway(system, {
      RATE_LIMIT_PER_MINUUT: '3',
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    try {
      expect(await statussen(g.graphql, 4)).toEqual([200, 200, 200, 429]);
      expect(meldingen.join('\n')).toContain('Redis niet bereikbaar');
      expect(meldingen.join('\n')).not.toContain(String(port));
    } finally {
      spion.mockRestore();
      await g.stop();
    }
  });
});

describe('the request log', () => {
  it('names operation, hash, duration, status and codes, and never a token, a variable or the query', async () => {
    const logs = collectLogLines();
    const log = await startExtraGateway(system, { REQUEST_LOG: 'true' });
    const token = await bearer({ rol: 'trajectbegeleider', instellingsnummer: '030007', sub: 'log-test' });
    const geheim = token['authorization']?.replace('Bearer ', '') ?? '';
    try {
      const query =
        'query ZoekOpNaam($naam: String) { ondernemingen(first: 1, filter: { naamBevat: $naam }) { totalCount } }';
      await vraag(log.graphql, query, { naam: 'Jozefien Vandenbroucke 2009' }, token);
      await vraag(log.graphql, '{ regios { naam } }', undefined, {
        authorization: 'Bearer nep.token.waarde',
      });
    } finally {
      logs.stop();
      await log.stop();
    }
    const regels = logs.lines();
    const verzoeken = regels
      .filter((r) => r.includes('"verzoek"'))
      .map((r) => JSON.parse(r) as { verzoek: unknown });
    expect(verzoeken[0]?.verzoek).toMatchObject({ operatie: 'ZoekOpNaam', status: 200, fouten: [] });
    expect(verzoeken[1]?.verzoek).toMatchObject({ status: 401, fouten: ['UNAUTHENTICATED'] });
    const alles = regels.join('\n');
    for (const nooit of [
      geheim,
      'eyJ',
      'Jozefien',
      'Vandenbroucke',
      'naamBevat',
      'nep.token.waarde',
      'log-test',
    ])
      expect(alles).not.toContain(nooit);
  });
});
