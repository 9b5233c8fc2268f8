import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HOST, partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';
import { BeroepslabelsClient } from './beroepsprofielen.ts';

const client = () => new BeroepslabelsClient({ url: `${HOST}/graphql`, timeoutMs: 500 });

describe('the beroepsprofiel labels from the vacatures subgraph', () => {
  withNock();

  it('asks for code and label and keeps them by canonical code', async () => {
    nock(HOST)
      .post('/graphql', (body: { query: string }) => body.query.includes('beroepsprofielen { code label }'))
      .reply(200, {
        data: {
          beroepsprofielen: [
            { code: 'F1602', label: 'Elektricien gebouwen' },
            { code: ' i1603 ', label: 'Mecanicien zware voertuigen' },
          ],
        },
        extensions: { bronnen: [{ bron: 'VDAB', toestand: 'ACTUEEL' }] },
      });
    expect([...(await client().lees())]).toEqual([
      ['F1602', 'Elektricien gebouwen'],
      ['I1603', 'Mecanicien zware voertuigen'],
    ]);
  });

  it('fails, as VDAB down, while the vacatures subgraph has not read VDAB, so the snapshot tries again', async () => {
    nock(HOST)
      .post('/graphql')
      .reply(200, {
        data: { beroepsprofielen: [] },
        extensions: { bronnen: [{ bron: 'VDAB', toestand: 'ONBESCHIKBAAR' }] },
      });
    const fout = await partnerError(client().lees());
    expect(fout).toMatchObject({ bron: 'VDAB', reden: 'DOWN' });
  });

  it('calls an answer without the list a broken one', async () => {
    nock(HOST)
      .post('/graphql')
      .reply(200, { data: { beroepsprofielen: [{ code: 'F1602' }] } });
    expect(await partnerError(client().lees())).toMatchObject({ bron: 'VDAB', reden: 'INVALID_RESPONSE' });
  });
});
