import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ConstructivClient } from './constructiv.ts';
import { HOST, partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

const client = () =>
  new ConstructivClient({
    basisUrl: `${HOST}/constructiv`,
    gebruiker: 'duaal',
    wachtwoord: 'geheim',
    timeoutMs: 500,
    pogingen: 1,
  });
const BASIC = `Basic ${Buffer.from('duaal:geheim').toString('base64')}`;

function plek(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    onderneming: { kbo: '0403170701', naam: 'Bouwwerken Desmet NV' },
    vestiging: { nummer: '2145678996', adres: { postcode: '8800', gemeente: 'Roeselare', nis: '36015' } },
    opleiding: { code: 'DS-RWB-2' },
    periode: { start: '2022-09-01', einde: null },
    schorsing: null,
    intrekking: null,
    mentoren: [{ id: 91 }],
    ...over,
  };
}

function pagina(plekken: unknown[], cursor: string | null, volgende: string | null) {
  const self = `/constructiv/leerwerkplekken?size=100${cursor ? `&cursor=${cursor}` : ''}`;
  return {
    _embedded: { leerwerkplekken: plekken },
    _links: {
      self: { href: self },
      ...(volgende ? { next: { href: `/constructiv/leerwerkplekken?size=100&cursor=${volgende}` } } : {}),
    },
  };
}

const constructiv = () =>
  nock(HOST, { reqheaders: { authorization: BASIC } }).get('/constructiv/leerwerkplekken');

describe('ConstructivClient', () => {
  withNock();

  it('follows _links.next until it is absent, with HTTP Basic', async () => {
    constructiv()
      .query({ size: '100' })
      .reply(200, pagina([plek(1), plek(2)], null, 'c1'));
    constructiv()
      .query({ size: '100', cursor: 'c1' })
      .reply(200, pagina([plek(3)], 'c1', 'c2'));
    constructiv()
      .query({ size: '100', cursor: 'c2' })
      .reply(200, pagina([plek(4, { mentoren: null })], 'c2', null));
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(lezing.records[3]?.mentoren).toBeNull();
    expect(lezing.bevindingen).toEqual([]);
  });

  it('starts again from the first page once when a cursor expired (410)', async () => {
    constructiv()
      .query({ size: '100' })
      .reply(200, pagina([plek(1)], null, 'oud'));
    constructiv().query({ size: '100', cursor: 'oud' }).reply(410, { fout: 'cursor verlopen' });
    constructiv()
      .query({ size: '100' })
      .reply(200, pagina([plek(1)], null, 'nieuw'));
    constructiv()
      .query({ size: '100', cursor: 'nieuw' })
      .reply(200, pagina([plek(2)], 'nieuw', null));
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual([1, 2]);
  });

  it('gives up when the cursor expires again after starting over', async () => {
    for (let i = 0; i < 2; i++) {
      constructiv()
        .query({ size: '100' })
        .reply(200, pagina([plek(1)], null, 'c'));
      constructiv().query({ size: '100', cursor: 'c' }).reply(410);
    }
    expect(await partnerError(client().leesAlles())).toMatchObject({ bron: 'CONSTRUCTIV', status: 410 });
  });

  it('turns a record that breaks the contract into a finding named by its id', async () => {
    constructiv()
      .query(true)
      .reply(200, pagina([plek(1), plek(2, { periode: 'altijd' }), plek(3)], null, null));
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual([1, 3]);
    expect(lezing.bevindingen).toEqual([
      { bron: 'CONSTRUCTIV', recordId: '2', veld: 'periode', regel: 'VORM', waarde: 'altijd' },
    ]);
  });
});
