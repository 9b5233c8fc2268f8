import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HOST, partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';
import { VoltaClient } from './volta.ts';

const client = () =>
  new VoltaClient({ basisUrl: `${HOST}/volta`, apiKey: 'sleutel', timeoutMs: 500, pogingen: 1 });

function record(i: number) {
  return {
    erkenningId: `VOL-${String(i).padStart(6, '0')}`,
    ondernemingsnummer: '0403.170.701',
    vestigingsnummer: '2.145.678.996',
    ondernemingsnaam: 'Elektro Vandenberghe BV',
    adres: {
      straat: 'Kerkstraat',
      huisnummer: '12',
      postcode: '8500',
      gemeente: 'Kortrijk',
      nisCode: '34022',
    },
    opleidingscodes: ['DS-ELT-3'],
    status: 'ERKEND',
    geldigVan: '2023-09-01',
    geldigTot: null,
    aantalMentoren: 2,
    laatstGewijzigd: '2026-10-03T08:12:00Z',
  };
}

const volta = () => nock(HOST, { reqheaders: { 'x-api-key': 'sleutel' } }).get('/volta/api/v2/erkenningen');

describe('VoltaClient', () => {
  withNock();

  it('pages by offset, 500 at a time, to the end, with its API key', async () => {
    const eerste = Array.from({ length: 500 }, (_, i) => record(i + 1));
    volta()
      .query({ offset: '0', limit: '500' })
      .reply(200, { totaal: 501, offset: 0, limit: 500, items: eerste });
    volta()
      .query({ offset: '500', limit: '500' })
      .reply(200, { totaal: 501, offset: 500, limit: 500, items: [record(501)] });
    const lezing = await client().leesAlles();
    expect(lezing.records).toHaveLength(501);
    expect(lezing.aantalRecords).toBe(501);
    expect(lezing.records[500]?.erkenningId).toBe('VOL-000501');
  });

  it('stops at an empty page even when totaal promises more', async () => {
    volta()
      .query({ offset: '0', limit: '500' })
      .reply(200, { totaal: 9, offset: 0, limit: 500, items: [record(1)] });
    volta().query({ offset: '1', limit: '500' }).reply(200, { totaal: 9, offset: 1, limit: 500, items: [] });
    expect((await client().leesAlles()).records).toHaveLength(1);
  });

  it('turns a record that breaks the contract into a finding and keeps the others', async () => {
    const kapot = { ...record(2), opleidingscodes: 'DS-ELT-3' };
    volta()
      .query(true)
      .reply(200, { totaal: 3, offset: 0, limit: 500, items: [record(1), kapot, record(3)] });
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.erkenningId)).toEqual(['VOL-000001', 'VOL-000003']);
    expect(lezing.bevindingen).toEqual([
      { bron: 'VOLTA', recordId: 'VOL-000002', veld: 'opleidingscodes', regel: 'VORM', waarde: 'DS-ELT-3' },
    ]);
  });

  it('fails the read when most records break the contract, so that the older copy stays', async () => {
    volta()
      .query(true)
      .reply(200, { totaal: 2, offset: 0, limit: 500, items: [{ erkenningId: 17 }, { erkenningId: 18 }] });
    expect((await partnerError(client().leesAlles())).reden).toBe('INVALID_RESPONSE');
  });

  it('reports a refused key as an error of the source', async () => {
    nock(HOST).get('/volta/api/v2/erkenningen').query(true).reply(401, { fout: 'ongeldige API-sleutel' });
    const fout = await partnerError(client().leesAlles());
    expect(fout).toMatchObject({ bron: 'VOLTA', reden: 'ERROR', status: 401 });
  });
});
