import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { EDUCAM_KOLOMMEN, EducamClient } from './educam.ts';
import { HOST, partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

const client = () =>
  new EducamClient({ basisUrl: `${HOST}/educam`, token: 'tok', timeoutMs: 500, pogingen: 1 });
const PAD = '/educam/export/erkenningen.csv';

const CSV = [
  EDUCAM_KOLOMMEN.join(';'),
  'ED-100000;BE0403170701;2145678996;"Garage Peeters; ""Zonen""";Kerkstraat 1;8500;Kortrijk;34022;BK-0101-4;E;01/09/2024;;2',
  'ED-100007;BE403170701;2145678996;Garage Peeters;Kerkstraat 1;8500;Kortrijk;34022;BK-0101-4;X;01/09/2024;;2',
  'ED-100014;BE0403170701;te;weinig;velden',
  'ED-100021;BE0403019261;2147812701;Carrosserie Claeys;Markt 2;8800;Roeselare;36015;BK-0110-4;S;01/09/2022;31/08/2027;1',
  '',
].join('\r\n');

describe('EducamClient', () => {
  withNock();

  it('reads the export with its bearer token: quoted `;` kept, bad rows as findings, the ETag kept', async () => {
    nock(HOST, { reqheaders: { authorization: 'Bearer tok' } })
      .get(PAD)
      .reply(200, CSV, { 'content-type': 'text/csv; charset=utf-8', etag: '"v1"' });
    const lezing = await client().leesAlles();
    expect(lezing.etag).toBe('"v1"');
    expect(lezing.aantalRecords).toBe(4);
    expect(lezing.records.map((r) => [r.erkenning_nr, r.naam])).toEqual([
      ['ED-100000', 'Garage Peeters; "Zonen"'],
      ['ED-100021', 'Carrosserie Claeys'],
    ]);
    expect(lezing.bevindingen).toEqual([
      { bron: 'EDUCAM', recordId: 'ED-100014', veld: null, regel: 'VORM', waarde: '5 velden, verwacht 13' },
      { bron: 'EDUCAM', recordId: 'ED-100007', veld: 'status', regel: 'VORM', waarde: 'X' },
    ]);
  });

  it('asks with If-None-Match and keeps the previous copy itself on 304', async () => {
    nock(HOST).get(PAD).reply(200, CSV, { etag: '"v1"' });
    nock(HOST, { reqheaders: { 'if-none-match': '"v1"', authorization: 'Bearer tok' } })
      .get(PAD)
      .reply(304, '', { etag: '"v1"' });
    const c = client();
    const eerste = await c.leesAlles();
    const tweede = await c.leesAlles(eerste);
    expect(tweede).toBe(eerste);
  });

  it('reads a new export when the ETag changed', async () => {
    nock(HOST).get(PAD).reply(200, CSV, { etag: '"v1"' });
    nock(HOST, { reqheaders: { 'if-none-match': '"v1"' } })
      .get(PAD)
      .reply(200, EDUCAM_KOLOMMEN.join(';') + '\r\n', { etag: '"v2"' });
    const c = client();
    const tweede = await c.leesAlles(await c.leesAlles());
    expect(tweede).toMatchObject({ etag: '"v2"', records: [], aantalRecords: 0 });
  });

  it('refuses an export without the contract columns', async () => {
    nock(HOST).get(PAD).reply(200, 'dit;is;geen;erkenningenexport\r\n1;2;3;4\r\n', { etag: '"kapot"' });
    expect((await partnerError(client().leesAlles())).reden).toBe('INVALID_RESPONSE');
  });
});
