import { beforeAll, describe, expect, it } from 'vitest';
import { startExtraGateway, vraag } from './abuse.ts';
import type { GraphResponse, System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { REGIOS } from './expectations.ts';

type Telling = { waarde: number | null; onderdrukt: boolean } | null;

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalAanbieders: number | null;
  aantalPlaatsen: number | null;
  aantalErkendeLeerwerkplekken: number | null;
  aantalVacatures: number | null;
  aantalDualeVacatures: number | null;
  knelpunt: boolean | null;
  aantalZoekendeLerenden: Telling;
  witteVlek: boolean;
  signalen: string[];
  onbekend: string[];
}

const RADAR = `{
  radar(provincie: WEST_VLAANDEREN) {
    regioCode opleidingscode aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken
    aantalVacatures aantalDualeVacatures knelpunt aantalZoekendeLerenden { waarde onderdrukt }
    witteVlek signalen onbekend
    regio { naam }
  }
}`;

const MATEN = [
  'AANBOD',
  'ERKENDE_LEERWERKPLEKKEN',
  'VACATURES',
  'ZOEKENDE_LERENDEN',
  'GESTARTE_LERENDEN',
  'ACTIEVE_LEERWERKPLEKKEN',
  'PLAATSEN',
];

/** What each count owner adds to a cell: its fields, its measures, and the sources behind it. */
const EIGENAARS = {
  onderwijsaanbod: {
    velden: ['aantalAanbieders', 'aantalPlaatsen'],
    maten: ['AANBOD', 'PLAATSEN'],
    bronnen: ['ONDERWIJS'],
  },
  erkenningen: {
    velden: ['aantalErkendeLeerwerkplekken'],
    maten: ['ERKENDE_LEERWERKPLEKKEN'],
    // The company register is read by the erkenningen subgraph too: unreachable with it.
    bronnen: ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE', 'KBO'],
  },
  vacatures: {
    velden: ['aantalVacatures', 'aantalDualeVacatures', 'knelpunt'],
    maten: ['VACATURES'],
    bronnen: ['VDAB'],
  },
  // The learner counts and the active leerwerkplekken (from Kazi's listing by status) are all matching's.
  matching: {
    velden: ['aantalZoekendeLerenden'],
    maten: ['ZOEKENDE_LERENDEN', 'GESTARTE_LERENDEN', 'ACTIEVE_LEERWERKPLEKKEN'],
    bronnen: ['KAZI'],
  },
} as const;

/** The contract's signals, on known measures only: written here again, not taken from the radar's code. */
function verwachteSignalen(c: Cel): string[] {
  const a = c.aantalAanbieders;
  const p = c.aantalErkendeLeerwerkplekken;
  const l = c.aantalZoekendeLerenden;
  const lerendenBekend = l !== null && (l.onderdrukt || l.waarde !== null);
  return [
    ...(a !== null && c.aantalVacatures !== null && c.aantalVacatures > 0 && a === 0
      ? ['VRAAG_ZONDER_AANBOD']
      : []),
    ...(a !== null && p !== null && a > 0 && p === 0 ? ['AANBOD_ZONDER_LEERWERKPLEKKEN'] : []),
    ...(lerendenBekend && p !== null && (l.onderdrukt || (l.waarde ?? 0) > 0) && p === 0
      ? ['LERENDEN_ZONDER_LEERWERKPLEK']
      : []),
    ...(c.knelpunt === true && a === 0 ? ['KNELPUNT_ZONDER_AANBOD'] : []),
  ];
}

function cellenVan(antwoord: GraphResponse): Map<string, Cel> {
  const lijst = (antwoord.data?.['radar'] ?? []) as Cel[];
  return new Map(lijst.map((c) => [`${c.regioCode}|${c.opleidingscode}`, c]));
}

function onbeschikbaar(antwoord: GraphResponse): string[] {
  return (antwoord.errors ?? [])
    .filter((e) => e.extensions?.['code'] === 'PARTNER_UNAVAILABLE')
    .map((e) => String(e.extensions?.['bron']))
    .sort();
}

describe('partial answers: a subgraph that cannot be reached nulls only what it owns', () => {
  let system: System;
  let heel: Map<string, Cel>;

  beforeAll(async () => {
    system = await sharedSystem();
    const antwoord = await system.vraag(RADAR);
    expect(antwoord.errors).toBeUndefined();
    heel = cellenVan(antwoord);
    expect(heel.size).toBeGreaterThan(REGIOS.length);
  });

  for (const [subgraph, eigenaar] of Object.entries(EIGENAARS)) {
    it(`answers every cell of the radar without ${subgraph}: its counts null and in onbekend, the rest as before`, async () => {
      await system.bereikbaar(subgraph as keyof typeof EIGENAARS, false);
      let antwoord: GraphResponse;
      try {
        antwoord = await system.vraag(RADAR);
      } finally {
        await system.bereikbaar(subgraph as keyof typeof EIGENAARS, true);
      }
      const cellen = cellenVan(antwoord);
      expect(cellen.size).toBe(heel.size);
      for (const [sleutel, vooraf] of heel) {
        const cel = cellen.get(sleutel);
        expect(cel, sleutel).toBeDefined();
        if (!cel) continue;
        const verwacht: Record<string, unknown> = { ...vooraf };
        for (const veld of eigenaar.velden) verwacht[veld] = null;
        const onbekend = new Set([...vooraf.onbekend, ...eigenaar.maten]);
        verwacht['onbekend'] = MATEN.filter((m) => onbekend.has(m));
        verwacht['signalen'] = verwachteSignalen(verwacht as unknown as Cel);
        verwacht['witteVlek'] = (verwacht['signalen'] as string[]).length > 0;
        expect({ sleutel, ...cel }).toEqual({ sleutel, ...verwacht });
      }
      // One PARTNER_UNAVAILABLE per source behind the subgraph, and no other.
      expect(onbeschikbaar(antwoord)).toEqual([...eigenaar.bronnen].sort());
      const bronnen = (antwoord.extensions?.['bronnen'] ?? []) as {
        bron: string;
        toestand: string;
        reden?: string;
      }[];
      for (const bron of eigenaar.bronnen)
        expect(bronnen.find((b) => b.bron === bron)).toMatchObject({
          toestand: 'ONBESCHIKBAAR',
          reden: 'DOWN',
        });
      // And once it is back, the whole radar again.
      const weer = await system.vraag(RADAR);
      expect(weer.errors).toBeUndefined();
      expect(cellenVan(weer)).toEqual(heel);
    });
  }

  it('keeps the live root when a request asks two roots owned by different subgraphs', async () => {
    const vraag = `{ opleidingen { code } vacatures(first: 1) { totalCount } regios(provincie: WEST_VLAANDEREN) { code } }`;
    await system.bereikbaar('vacatures', false);
    let antwoord: GraphResponse;
    try {
      antwoord = await system.vraag(vraag);
    } finally {
      await system.bereikbaar('vacatures', true);
    }
    expect(antwoord.status).toBe(200);
    expect(antwoord.data?.['vacatures']).toBeNull();
    expect((antwoord.data?.['opleidingen'] as unknown[]).length).toBeGreaterThan(0);
    expect((antwoord.data?.['regios'] as unknown[]).length).toBe(REGIOS.length);
    expect(onbeschikbaar(antwoord)).toEqual(['VDAB']);

    await system.bereikbaar('erkenningen', false);
    try {
      antwoord = await system.vraag(
        `{ ondernemingen(first: 1) { totalCount } regio(code: "MIDWEST") { naam } }`,
      );
    } finally {
      await system.bereikbaar('erkenningen', true);
    }
    expect(antwoord.data).toEqual({ ondernemingen: null, regio: { naam: 'Midwest' } });
    expect(onbeschikbaar(antwoord)).toEqual(['CONSTRUCTIV', 'EDUCAM', 'KBO', 'MTECH', 'VOLTA', 'WOODWIZE']);
  });
});

describe('the gateway for browsers and in production', () => {
  let system: System;

  beforeAll(async () => {
    system = await sharedSystem();
  });

  const preflight = (origin: string) =>
    fetch(system.graphql, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, traceparent',
      },
    });

  it('answers a preflight from an allowed origin with 204, and the real request with the origin allowed', async () => {
    const origin = 'http://localhost:4200';
    const vooraf = await preflight(origin);
    expect(vooraf.status).toBe(204);
    expect(vooraf.headers.get('access-control-allow-origin')).toBe(origin);
    expect(vooraf.headers.get('access-control-allow-credentials')).toBeNull();
    const methoden = (vooraf.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
    expect(methoden).toEqual(expect.arrayContaining(['GET', 'POST']));
    const headers = (vooraf.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    expect(headers).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'traceparent']),
    );
    const echt = await fetch(system.graphql, {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/json',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ query: '{ regios(provincie: WEST_VLAANDEREN) { code } }' }),
    });
    expect(echt.status).toBe(200);
    expect(echt.headers.get('access-control-allow-origin')).toBe(origin);
    expect(echt.headers.get('vary')).toMatch(/Origin/);
    const body = (await echt.json()) as GraphResponse;
    expect(body.data?.['regios']).toHaveLength(REGIOS.length);
  });

  it('refuses another origin, preflight and request alike, and still refuses a simple request as CSRF', async () => {
    const vooraf = await preflight('https://elders.example');
    expect(vooraf.status).toBe(403);
    expect(vooraf.headers.get('access-control-allow-origin')).toBeNull();
    const echt = await fetch(system.graphql, {
      method: 'POST',
      headers: { origin: 'https://elders.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regios { code } }' }),
    });
    expect(echt.status).toBe(403);
    expect(echt.headers.get('access-control-allow-origin')).toBeNull();
    // From an allowed origin, a simple request (no preflight) is still CSRF-suspect.
    const eenvoudig = await fetch(`${system.graphql}?query=${encodeURIComponent('{ regios { code } }')}`, {
      headers: { origin: 'http://localhost:4200' },
    });
    expect(eenvoudig.status).toBe(400);
  });

  it('names no subgraph, host or path in any error in production, whichever subgraph is down', async () => {
    const productie = await startExtraGateway(system, {
      NODE_ENV: 'production',
      JWT_SECRET: 'een-geheim-voor-de-productietest-van-de-gateway',
      REQUEST_LOG: 'false',
    });
    const query = `{
      radar(provincie: WEST_VLAANDEREN, niveau: HOGER) { regioCode aantalAanbieders aantalErkendeLeerwerkplekken aantalVacatures aantalZoekendeLerenden { waarde } signalen onbekend }
      ondernemingen(first: 1) { totalCount } opleidingen { code } vacatures(first: 1) { totalCount } regios { code }
    }`;
    const namen = Object.keys(system.proxies);
    try {
      for (const naam of namen) {
        const teller = system.proxies[naam as keyof System['proxies']];
        teller.bereikbaar(false);
        let antwoord;
        try {
          antwoord = await vraag(productie.graphql, query);
        } finally {
          teller.bereikbaar(true);
        }
        const fouten = antwoord.body.errors ?? [];
        expect(fouten.length, naam).toBeGreaterThan(0);
        expect(
          fouten.every((f) => f.extensions?.['code'] === 'PARTNER_UNAVAILABLE'),
          naam,
        ).toBe(true);
        const tekst = JSON.stringify(fouten);
        for (const andere of namen) expect(tekst, `${naam} down`).not.toContain(andere);
        expect(tekst).not.toMatch(/127\.0\.0\.1|localhost|https?:|serviceName|subgraph|\.ts\b/i);
      }
    } finally {
      await productie.stop();
    }
  });
});
