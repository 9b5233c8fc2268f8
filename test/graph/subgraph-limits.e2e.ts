import { VLAANDEREN } from '@duaal-graph/domein';
import { leesConfig as radarConfig, startRadar } from '@duaal-graph/radar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { codes, stuur, vraag, type Antwoord } from './abuse.ts';

/** regio → gemeenten → regio → … n levels of gemeenten (issue 9, finding 1). */
function regioKeten(n: number): string {
  let binnen = 'code';
  for (let i = 0; i < n; i++) binnen = `gemeenten { regio { ${binnen} } }`;
  return `{ regio(code: "BRUGGE") { ${binnen} } }`;
}

const ENTITEITEN = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Gemeente { SELECTIE } } }';

/** n Gemeente representations, as the gateway sends them, going round every municipality of Flanders. */
function representaties(n: number): { __typename: string; nisCode: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    __typename: 'Gemeente',
    nisCode: VLAANDEREN.gemeenten[i % VLAANDEREN.gemeenten.length]?.nisCode ?? '',
  }));
}

function teComplex(a: Antwoord, grens: string): void {
  expect(a.status).toBe(400);
  expect(a.body.data).toBeUndefined();
  expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', grens });
}

/** The operation limits hold at a subgraph reached without the gateway (another router, a sidecar). */
describe('the radar subgraph, called directly', () => {
  let mock: TestMock;
  let radar: Awaited<ReturnType<typeof startRadar>>;
  let graphql: string;

  async function isGezond(): Promise<void> {
    const a = await vraag(graphql, '{ regios(provincie: WEST_VLAANDEREN) { code } }');
    expect(a.status).toBe(200);
    expect(a.body.data?.['regios']).toHaveLength(5);
  }

  beforeAll(async () => {
    mock = await startTestMock();
    radar = await startRadar(
      radarConfig({
        DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
        ONDERWIJS_URL: `${mock.url}/onderwijs`,
        RADAR_PORT: '0',
      }),
    );
    graphql = `${radar.url}/graphql`;
  });

  afterAll(async () => {
    await radar.stop();
    await mock.stop();
  });

  it('refuses the query that took it down, with and without operationName ""', async () => {
    // 19 deep with 35 gemeenten a regio, nine times over: its cost passes the limit before its depth is counted out.
    const query = regioKeten(9);
    teComplex(await vraag(graphql, query), 'kosten');
    teComplex(await stuur(graphql, { body: JSON.stringify({ query, operationName: '' }) }), 'kosten');
    // Within the depth, the cost stops it: five levels over.
    teComplex(await vraag(graphql, regioKeten(5)), 'kosten');
    await isGezond();
  });

  it('refuses the other limits as the gateway does', async () => {
    const aliassen = Array.from({ length: 40 }, (_, i) => `a${i}: naam`).join(' ');
    teComplex(await vraag(graphql, `{ regio(code: "BRUGGE") { ${aliassen} } }`), 'aliassen');
    const wortel = Array.from({ length: 25 }, (_, i) => `r${i}: __typename`).join(' ');
    teComplex(await vraag(graphql, `{ ${wortel} }`), 'wortelvelden');
    const leeg = await stuur(graphql, {
      body: JSON.stringify({ query: '{ regios { code } }', operationName: '' }),
    });
    expect(leeg.status).toBe(400);
    expect(codes(leeg)).toEqual(['BAD_REQUEST']);
    await isGezond();
  });

  it("answers the gateway's large _entities fetches: 5,700 representations", async () => {
    const a = await vraag(graphql, ENTITEITEN.replace('SELECTIE', 'nisCode naam regio { code }'), {
      r: representaties(5_700),
    });
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data?.['_entities']).toHaveLength(5_700);
  });

  it('counts every representation in the cost, so a forged fetch of many is refused', async () => {
    const a = await vraag(graphql, ENTITEITEN.replace('SELECTIE', 'regio { gemeenten { naam } }'), {
      r: representaties(20_000),
    });
    teComplex(a, 'kosten');
    await isGezond();
  });
});
