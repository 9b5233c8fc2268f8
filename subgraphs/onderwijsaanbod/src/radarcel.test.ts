import { celId, VLAANDEREN } from '@duaal-graph/domein';
import {
  buildSubgraph,
  PUBLIC_CALLER,
  Snapshot,
  SourceUsage,
  type Aanbod,
  type Instelling,
  type RegisterOpleiding,
} from '@duaal-graph/subgraph-toolkit';
import { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import { entitiesCall } from '@duaal-graph/subgraph-toolkit/test-helpers';
import { describe, expect, it } from 'vitest';
import type { Beroepslabels } from './beroepsprofielen.ts';
import { bouwOnderwijsIndex, type OnderwijsIndex } from './onderwijsindex.ts';
import { maakResolvers } from './resolvers.ts';
import { typeDefs } from './server.ts';

const JAAR = '2026-2027';

const opleiding = (opleidingscode: string): RegisterOpleiding => ({
  opleidingscode,
  naam: `Opleiding ${opleidingscode}`,
  niveau: 'SECUNDAIR',
  graad: 3,
  finaliteit: 'ARBEIDSMARKT',
  beroepskwalificaties: [],
  beroepsprofielCodes: [],
  paritaireComites: [],
});

const instelling = (instellingsnummer: string): Instelling => ({
  instellingsnummer,
  naam: `School ${instellingsnummer}`,
  soort: 'SECUNDAIRE_SCHOOL',
  net: 'GO!',
  adres: { postcode: '8500' },
});

const aanbod = (
  instellingsnummer: string,
  opleidingscode: string,
  nisCode: string,
  capaciteit: number | null,
): Aanbod => ({
  instellingsnummer,
  opleidingscode,
  schooljaar: JAAR,
  vestigingsplaats: { postcode: '8500', nisCode },
  capaciteit,
  ingeschreven: 0,
});

const KORTRIJK = VLAANDEREN.gemeente('34022')?.regioCode ?? '';

describe("onderwijsaanbod's RadarCel representations", () => {
  it('a bad cell id fails its own item only; the others get their counts', async () => {
    const register = new Snapshot<OnderwijsIndex>({
      bron: 'ONDERWIJS',
      laad: () =>
        Promise.resolve(
          bouwOnderwijsIndex(
            { records: [opleiding('X-1'), opleiding('X-2')], bevindingen: [] },
            { records: [instelling('030007'), instelling('030015')], bevindingen: [] },
            {
              // Two schools for X-1 in Kortrijk (10 and 6 places); one without a maximum for X-2 in Brugge.
              records: [
                aanbod('030007', 'X-1', '34022', 10),
                aanbod('030015', 'X-1', '34022', 6),
                aanbod('030007', 'X-2', '31005', null),
              ],
              bevindingen: [],
            },
          ),
        ),
      intervalMs: 60_000,
    });
    await register.ververs();
    const labels = new Snapshot<Beroepslabels>({
      bron: 'VDAB',
      laad: () => Promise.resolve(new Map()),
      intervalMs: 60_000,
    });
    const { schema } = buildSubgraph(
      typeDefs,
      maakResolvers(register, labels, JAAR, new FindingsHistory('onderwijsaanbod')),
    );
    const cel = (id: string) => ({ __typename: 'RadarCel', id, gepeild: null });
    const uit = await entitiesCall(
      schema,
      [
        cel(celId({ gebiedscode: KORTRIJK, opleidingscode: 'X-1' })),
        cel('geen-cel'),
        cel(celId({ gebiedscode: '31005', opleidingscode: 'X-2' })),
        cel(celId({ gebiedscode: '31005', opleidingscode: 'X-1' })),
      ],
      '... on RadarCel { aantalAanbieders aantalPlaatsen }',
      // RadarCel reads the register through the request's sources only, never through the loaders.
      { bronnen: new SourceUsage(), gebruiker: PUBLIC_CALLER },
    );
    expect(uit.errors).toEqual([
      { item: 1, code: 'BAD_USER_INPUT', message: expect.stringContaining('geen-cel') as unknown },
    ]);
    expect(uit.items).toEqual([
      { aantalAanbieders: 2, aantalPlaatsen: 16 },
      null,
      { aantalAanbieders: 1, aantalPlaatsen: null },
      { aantalAanbieders: 0, aantalPlaatsen: 0 },
    ]);
  });
});
