import { celId, VLAANDEREN } from '@duaal-graph/domein';
import { buildSubgraph, PUBLIC_CALLER, Snapshot } from '@duaal-graph/subgraph-toolkit';
import { entitiesCall, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { ActievePlekkenIndex } from './actieve-plekken.ts';
import { maakContext } from './context.ts';
import { KaziClient } from './kazi/client.ts';
import { MatchRegister } from './matchregister.ts';
import { radarCelResolvers } from './radarcel.ts';
import { typeDefs } from './server.ts';
import { leesZoekenden, type ZoekendenIndex } from './zoekenden.ts';

const HOST = 'http://kazi.test';
const kazi = () => new KaziClient({ basisUrl: `${HOST}/kazi`, apiKey: 'kk', timeoutMs: 500, pogingen: 1 });

function lerende(id: string, nis: string, status: string, opleidingscode: string) {
  return {
    lerendeId: id,
    voornaam: 'Lotte',
    familienaam: 'Maes',
    geboortejaar: 2009,
    instellingsnummer: '030007',
    opleidingscode,
    woonplaatsNisCode: nis,
    mobiliteitKm: 15,
    status,
    gewensteStartdatum: null,
  };
}

const KORTRIJK = VLAANDEREN.gemeente('34022')?.regioCode ?? '';

describe("matching's RadarCel representations", () => {
  withNock();

  it('a bad cell id fails its own item only; the others get their counts', async () => {
    // Kortrijk: 6 zoekend for X-2 (one school, so shown), 5 gestart for X-1 in Brugge.
    const items = [
      ...Array.from({ length: 6 }, (_, i) => lerende(`Z-${String(i)}`, '34022', 'ZOEKEND', 'X-2')),
      ...Array.from({ length: 5 }, (_, i) => lerende(`G-${String(i)}`, '31005', 'GESTART', 'X-1')),
    ];
    nock(HOST)
      .get('/kazi/v1/lerenden')
      .query({ page: '1', size: '200' })
      .reply(200, { items, page: 1, totalPages: 1, totalItems: items.length });
    const zoekenden = new Snapshot<ZoekendenIndex>({
      bron: 'KAZI',
      laad: () => leesZoekenden(kazi(), VLAANDEREN),
      intervalMs: 60_000,
    });
    await zoekenden.ververs();
    // The list per status never read: its count is not known (null), which the others must not change.
    const actief = new Snapshot<ActievePlekkenIndex>({
      bron: 'KAZI',
      laad: () => Promise.reject(new Error('niet gelezen in deze test')),
      intervalMs: 60_000,
    });
    const { schema } = buildSubgraph(typeDefs, { RadarCel: radarCelResolvers(zoekenden, actief) });
    const cel = (id: string) => ({ __typename: 'RadarCel', id, gepeild: null });
    const telling = '{ waarde onderdrukt }';
    const uit = await entitiesCall(
      schema,
      [
        cel(celId({ gebiedscode: KORTRIJK, opleidingscode: 'X-2' })),
        cel('geen-cel'),
        cel(celId({ gebiedscode: '31005', opleidingscode: 'X-1' })),
      ],
      `... on RadarCel { aantalZoekendeLerenden ${telling} aantalGestarteLerenden ${telling} aantalActieveLeerwerkplekken }`,
      { ...maakContext(kazi(), new MatchRegister()), gebruiker: PUBLIC_CALLER },
    );
    expect(uit.errors).toEqual([
      { item: 1, code: 'BAD_USER_INPUT', message: expect.stringContaining('geen-cel') as unknown },
    ]);
    expect(uit.items).toEqual([
      {
        aantalZoekendeLerenden: { waarde: 6, onderdrukt: false },
        aantalGestarteLerenden: { waarde: 0, onderdrukt: false },
        aantalActieveLeerwerkplekken: null,
      },
      null,
      {
        aantalZoekendeLerenden: { waarde: 0, onderdrukt: false },
        aantalGestarteLerenden: { waarde: 5, onderdrukt: false },
        aantalActieveLeerwerkplekken: null,
      },
    ]);
  });
});
