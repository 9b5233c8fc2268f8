import {
  COMPOSITION_HEADER,
  DEVELOPMENT_COMPOSITION_TOKEN,
  ERROR_CODES,
  isRegisteredErrorCode,
} from '@duaal-graph/subgraph-toolkit';
import { leesConfig as radarConfig, startRadar } from '@duaal-graph/radar';
import { readSdl, SUBGRAPHS } from '@duaal-graph/schema';
import { Kind, parse, valueFromASTUntyped } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { codes, startExtraGateway, stuur, vraag, type Antwoord } from './abuse.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';

const PRODUCTIE = {
  NODE_ENV: 'production',
  JWT_SECRET: 'een-geheim-voor-de-productietest-van-de-verharding',
  REQUEST_LOG: 'false',
};
const EIGEN_COMPOSITIETOKEN = 'een-compositietoken-voor-de-productietest';
const SUBGRAPHNAMEN = ['erkenningen', 'onderwijsaanbod', 'vacatures', 'matching', 'radar'] as const;

/** Request errors a client makes: each must be a 4xx with a registered code, in every mode. */
const CLIENTFOUTEN: { naam: string; body: Record<string, unknown> }[] = [
  {
    naam: 'an unknown operationName',
    body: { query: 'query A { regios(provincie: WEST_VLAANDEREN) { code } }', operationName: 'B' },
  },
  {
    naam: 'two anonymous operations',
    body: { query: '{ regios(provincie: WEST_VLAANDEREN) { code } } { regio(code: "BRUGGE") { naam } }' },
  },
  {
    naam: 'two named operations and no operationName',
    body: {
      query:
        'query A { regios(provincie: WEST_VLAANDEREN) { code } } query B { regio(code: "BRUGGE") { naam } }',
    },
  },
  {
    naam: 'an operationName for a document with one other operation',
    body: { query: '{ regios(provincie: WEST_VLAANDEREN) { code } }', operationName: 'A' },
  },
  {
    // The supergraph's Date has no parsing of its own: the gateway checks the literal as the subgraphs do.
    naam: 'a malformed Date literal',
    body: { query: '{ erkenningen(first: 1, filter: { vervaltVanaf: "gisteren" }) { totalCount } }' },
  },
];

/** Internals a client must never read in an error: JavaScript's own words for a crash. */
const INTERNALS = ['Cannot read properties', 'TypeError', 'is not a function', 'is not iterable', '(reading'];

function isClientfout(a: Antwoord, productie: boolean): void {
  expect(a.status).toBeGreaterThanOrEqual(400);
  expect(a.status).toBeLessThan(500);
  expect(a.body.data).toBeUndefined();
  const code = codes(a)[0];
  expect(isRegisteredErrorCode(code), String(code)).toBe(true);
  expect(code).not.toBe('INTERNAL_SERVER_ERROR');
  expect(a.status).toBe(ERROR_CODES[code as keyof typeof ERROR_CODES].status);
  // In production a client error keeps its message, so that the client can correct it.
  if (productie) expect(a.body.errors?.[0]?.message).not.toBe('Interne fout in de graaf.');
}

/** The entity types a subgraph resolves, with their key fields, read from its SDL. */
function entiteiten(sdl: string): { type: string; sleutel: string[] }[] {
  const uit: { type: string; sleutel: string[] }[] = [];
  for (const d of parse(sdl).definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const key of d.directives?.filter((x) => x.name.value === 'key') ?? []) {
      const args = Object.fromEntries(
        (key.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
      ) as { fields: string; resolvable?: boolean };
      if (args.resolvable !== false) uit.push({ type: d.name.value, sleutel: args.fields.split(/\s+/) });
    }
  }
  return uit;
}

const ENTITEITEN = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/** Representations no router builds: every entity of the SDL without, or with a forged, key, and garbage. */
function vervalst(sdl: string): unknown[] {
  const uit: unknown[] = [
    'x',
    42,
    [],
    {},
    { __typename: 'Query' },
    { __typename: 'BestaatNiet', id: '1' },
    { __typename: 'PageInfo', hasNextPage: true },
  ];
  for (const { type, sleutel } of entiteiten(sdl)) {
    const met = (waarde: unknown): Record<string, unknown> =>
      Object.fromEntries([['__typename', type], ...sleutel.map((k): [string, unknown] => [k, waarde])]);
    uit.push({ __typename: type }, met(42), met({ $ne: null }), met(null), met(['a']), {
      ...met('1'),
      nietEenVeld: 1,
    });
  }
  return uit;
}

let system: System;

beforeAll(async () => {
  system = await sharedSystem();
});

describe('client errors at the gateway', () => {
  let productie: Awaited<ReturnType<typeof startExtraGateway>>;
  const doorgestuurd = () => Object.values(system.proxies).reduce((n, t) => n + t.verzoeken.length, 0);

  beforeAll(async () => {
    productie = await startExtraGateway(system, PRODUCTIE);
  });

  afterAll(async () => {
    await productie.stop();
  });

  for (const { naam, body } of CLIENTFOUTEN)
    it(`answer ${naam} with a 4xx and a registered code, in development and production, without a subgraph call`, async () => {
      const voor = doorgestuurd();
      isClientfout(await stuur(system.graphql, { body: JSON.stringify(body) }), false);
      isClientfout(await stuur(productie.graphql, { body: JSON.stringify(body) }), true);
      expect(doorgestuurd()).toBe(voor);
    });

  it('answer a malformed custom scalar (a Date variable) with BAD_USER_INPUT, not a source unavailable', async () => {
    // The gateway passes a custom scalar on unread; the subgraph refuses the variable with HTTP 400.
    const antwoord = await system.vraag(
      'query($v: Date) { erkenningen(first: 1, filter: { vervaltVanaf: $v }) { edges { node { id } } } }',
      { v: 'morgen' },
    );
    expect(antwoord.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(antwoord.data).toEqual({ erkenningen: null });
    expect(JSON.stringify(antwoord.extensions ?? {})).not.toContain('ONBESCHIKBAAR');
  });

  it('name a malformed Date literal as the caller’s mistake, not as every source of its subgraph unavailable', async () => {
    const a = await stuur(system.graphql, {
      body: JSON.stringify({ query: '{ radar(provincie: WEST_VLAANDEREN, op: "01/12/2026") { id } }' }),
    });
    expect(a.body.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      [
        'GRAPHQL_VALIDATION_FAILED',
        'Ongeldige waarde "01/12/2026" voor Date: Een Date is een kalenderdatum YYYY-MM-DD.',
      ],
    ]);
    expect(a.tekst).not.toContain('PARTNER_UNAVAILABLE');
  });

  it('answer an unknown operationName over GET with a 4xx too', async () => {
    const zoek = new URLSearchParams({
      query: 'query A { regios(provincie: WEST_VLAANDEREN) { code } }',
      operationName: 'B',
    });
    for (const [url, isProductie] of [
      [system.graphql, false],
      [productie.graphql, true],
    ] as const)
      isClientfout(
        await stuur(`${url}?${zoek.toString()}`, {
          method: 'GET',
          headers: { 'apollo-require-preflight': 'true' },
        }),
        isProductie,
      );
  });
});

describe('a subgraph called directly', () => {
  const graphqlVan = (naam: (typeof SUBGRAPHNAMEN)[number]) => `${system.proxies[naam].url}/graphql`;

  for (const naam of SUBGRAPHNAMEN) {
    it(`${naam}: answers every forged representation with BAD_USER_INPUT and no JavaScript internals`, async () => {
      const definitie = SUBGRAPHS.find((s) => s.naam === naam);
      if (!definitie) throw new Error(`geen subgraph ${naam}`);
      const sdl = readSdl(definitie);
      const vervalsingen = vervalst(sdl);
      expect(vervalsingen.length).toBeGreaterThan(7);
      for (const representatie of vervalsingen) {
        const a = await vraag(graphqlVan(naam), ENTITEITEN, { r: [representatie] });
        expect(codes(a), JSON.stringify(representatie)).toEqual(['BAD_USER_INPUT']);
        const boodschap = a.body.errors?.[0]?.message ?? '';
        expect(boodschap).toMatch(/^Ongeldige representatie 0 in _entities: /);
        for (const intern of INTERNALS) expect(boodschap).not.toContain(intern);
      }
    });

    it(`${naam}: serves _service only with the composition credential`, async () => {
      const zonder = await vraag(graphqlVan(naam), '{ _service { sdl } }');
      expect(codes(zonder)).toEqual(['FORBIDDEN']);
      expect(zonder.tekst).not.toContain('@key');
      const fout = await vraag(graphqlVan(naam), '{ _service { sdl } }', undefined, {
        [COMPOSITION_HEADER]: `${DEVELOPMENT_COMPOSITION_TOKEN}x`,
      });
      expect(codes(fout)).toEqual(['FORBIDDEN']);
      const met = await vraag(graphqlVan(naam), '{ _service { sdl } }', undefined, {
        [COMPOSITION_HEADER]: DEVELOPMENT_COMPOSITION_TOKEN,
      });
      expect(met.body.errors).toBeUndefined();
      expect((met.body.data?.['_service'] as { sdl: string }).sdl).toContain('@key');
    });
  }

  it('still resolves the representations a router sends', async () => {
    const a = await vraag(
      graphqlVan('radar'),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Regio { code naam } } }',
      { r: [{ __typename: 'Regio', code: 'BRUGGE' }] },
    );
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data?.['_entities']).toEqual([{ code: 'BRUGGE', naam: 'Regio Brugge' }]);
  });

  it('answers an unknown operationName with a 4xx and a registered code', async () => {
    for (const { body } of CLIENTFOUTEN)
      isClientfout(await stuur(graphqlVan('radar'), { body: JSON.stringify(body) }), false);
  });
});

describe('a subgraph in production', () => {
  let radar: Awaited<ReturnType<typeof startRadar>>;
  let graphql: string;

  beforeAll(async () => {
    // The toolkit reads the mode and the credentials from the environment at start, as `npm start` sets them.
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('JWT_SECRET', PRODUCTIE.JWT_SECRET);
    vi.stubEnv('COMPOSITION_TOKEN', EIGEN_COMPOSITIETOKEN);
    try {
      radar = await startRadar(
        radarConfig({
          RADAR_PORT: '0',
          ONDERWIJS_URL: `${system.mock.url}/onderwijs`,
          DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
          NODE_ENV: 'production',
          JWT_SECRET: PRODUCTIE.JWT_SECRET,
          COMPOSITION_TOKEN: EIGEN_COMPOSITIETOKEN,
        }),
      );
    } finally {
      vi.unstubAllEnvs();
    }
    graphql = `${radar.url}/graphql`;
  });

  afterAll(async () => {
    await radar.stop();
  });

  it('refuses to start with the development composition credential', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('JWT_SECRET', PRODUCTIE.JWT_SECRET);
    vi.stubEnv('COMPOSITION_TOKEN', DEVELOPMENT_COMPOSITION_TOKEN);
    try {
      // The settings schema refuses it before anything is built or listens.
      expect(() =>
        startRadar(
          radarConfig({
            RADAR_PORT: '0',
            ONDERWIJS_URL: `${system.mock.url}/onderwijs`,
            NODE_ENV: 'production',
            JWT_SECRET: PRODUCTIE.JWT_SECRET,
            COMPOSITION_TOKEN: DEVELOPMENT_COMPOSITION_TOKEN,
          }),
        ),
      ).toThrow(/COMPOSITION_TOKEN/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('suggests no field or value names, where development does', async () => {
    const veld = '{ regioss { naam } }';
    expect((await vraag(`${system.proxies.radar.url}/graphql`, veld)).tekst).toContain('Did you mean');
    const a = await vraag(graphql, veld);
    expect(codes(a)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(a.status).toBe(400);
    expect(a.tekst).not.toContain('Did you mean');
    expect(a.tekst).not.toContain('"regios"');
    const waarde = 'query($p: Provincie!) { regios(provincie: $p) { code } }';
    const b = await vraag(graphql, waarde, { p: 'WEST_VLAANDERE' });
    expect(codes(b)).toEqual(['BAD_USER_INPUT']);
    expect(b.tekst).not.toContain('Did you mean');
    expect(b.tekst).not.toContain('WEST_VLAANDEREN');
  });

  it('answers a forged representation with BAD_USER_INPUT, its message kept, no stack', async () => {
    const a = await vraag(graphql, ENTITEITEN, { r: [{ __typename: 'Regio' }] });
    expect(a.body.errors).toEqual([
      {
        message: 'Ongeldige representatie 0 in _entities: Regio.code ontbreekt.',
        locations: [{ line: 1, column: 23 }],
        path: ['_entities'],
        extensions: { code: 'BAD_USER_INPUT', argument: 'representations' },
      },
    ]);
  });

  it('serves _service only with its own composition credential', async () => {
    for (const header of [{}, { [COMPOSITION_HEADER]: DEVELOPMENT_COMPOSITION_TOKEN }]) {
      const a = await vraag(graphql, '{ _service { sdl } }', undefined, header);
      expect(codes(a)).toEqual(['FORBIDDEN']);
      expect(a.tekst).not.toContain('@key');
    }
    const met = await vraag(graphql, '{ _service { sdl } }', undefined, {
      [COMPOSITION_HEADER]: EIGEN_COMPOSITIETOKEN,
    });
    expect((met.body.data?.['_service'] as { sdl: string }).sdl).toContain('type RadarCel');
  });

  it('keeps a client error’s message and status', async () => {
    for (const { body } of CLIENTFOUTEN)
      isClientfout(await stuur(graphql, { body: JSON.stringify(body) }), true);
  });
});
