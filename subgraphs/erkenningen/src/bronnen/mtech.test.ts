import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { MtechClient } from './mtech.ts';
import { HOST, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

const client = () =>
  new MtechClient({ basisUrl: `${HOST}/mtech`, apiKey: 'mk', timeoutMs: 500, pogingen: 1 });

function erkenning(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    kbo: '0403170701',
    vestigingseenheid: '2145678996',
    vestigingsadres: { postcode: '8500', gemeente: 'Kortrijk' },
    opleiding: 'DS-CNC-3',
    status: 'actief',
    start: '2024-09-01',
    einde: null,
    mentoren: 1,
    ...over,
  };
}

const mtech = () => nock(HOST, { reqheaders: { 'x-api-key': 'mk' } }).get('/mtech/v1/erkenningen');

describe('MtechClient', () => {
  withNock();

  it('reads every page, 250 at a time, with its API key', async () => {
    mtech()
      .query({ page: '1', pageSize: '250' })
      .reply(200, { data: [erkenning('a'), erkenning('b')], meta: { page: 1, pageCount: 3, total: 4 } });
    mtech()
      .query({ page: '2', pageSize: '250' })
      .reply(200, {
        data: [erkenning('c', { status: 'ACTIEF' })],
        meta: { page: 2, pageCount: 3, total: 4 },
      });
    mtech()
      .query({ page: '3', pageSize: '250' })
      .reply(200, { data: [erkenning('d')], meta: { page: 3, pageCount: 3, total: 4 } });
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(lezing.records[2]?.status).toBe('ACTIEF');
  });

  it('turns a record that breaks the contract into a finding', async () => {
    mtech()
      .query(true)
      .reply(200, {
        data: [erkenning('a'), erkenning('b', { mentoren: 'twee' })],
        meta: { page: 1, pageCount: 1, total: 2 },
      });
    const lezing = await client().leesAlles();
    expect(lezing.records.map((r) => r.id)).toEqual(['a']);
    expect(lezing.bevindingen).toEqual([
      { bron: 'MTECH', recordId: 'b', veld: 'mentoren', regel: 'VORM', waarde: 'twee' },
    ]);
  });
});
