import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { vdabRecord } from '../testdata.ts';
import { VdabClient } from './client.ts';
import { partnerError, withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

const HOST = 'http://vdab.test';
const API = '/vdab/services/openservices/vacatures/v4/vacatures';
const TOKEN = '/vdab/isam/sps/oauth/oauth20/token';

/** A clock that moves only when the client sleeps, and remembers every sleep. */
function klok() {
  let tijd = Date.parse('2026-11-01T10:00:00Z');
  const slapen: number[] = [];
  return {
    slapen,
    vooruit: (ms: number) => {
      tijd += ms;
    },
    nu: () => tijd,
    wacht: (ms: number) => {
      slapen.push(ms);
      tijd += ms;
      return Promise.resolve();
    },
  };
}

function client(k = klok()) {
  return new VdabClient({
    basisUrl: `${HOST}/vdab`,
    clientId: 'duaal-test',
    clientSecret: 'geheim',
    timeoutMs: 1_000,
    nu: k.nu,
    wacht: k.wacht,
  });
}

/** The token endpoint, answering with token `t<n>` in turn. */
function tokens(aantal: number, expiresIn = 900, eerste = 1) {
  let n = eerste - 1;
  return nock(HOST)
    .post(TOKEN, (body: Record<string, string>) => {
      return (
        body['grant_type'] === 'client_credentials' &&
        body['client_id'] === 'duaal-test' &&
        body['client_secret'] === 'geheim' &&
        body['scope'] === 'openid'
      );
    })
    .times(aantal)
    .reply(() => {
      n += 1;
      return [200, { access_token: `t${n}`, token_type: 'Bearer', expires_in: expiresIn, scope: 'openid' }];
    });
}

const api = (token: string) =>
  nock(HOST, { reqheaders: { authorization: `Bearer ${token}`, 'x-ibm-client-id': 'duaal-test' } });

const pagina = (totaal: number, resultaten: unknown[]) => ({ totaal, aantal: 100, offset: 0, resultaten });

describe('VdabClient', () => {
  withNock();

  it('pages initial by aantal and offset with one token for every call and the client id on each', async () => {
    tokens(1);
    const refs = Array.from({ length: 250 }, (_, i) => 70_000_000 + i);
    for (const offset of [0, 100, 200]) {
      api('t1')
        .get(`${API}/initial`)
        .query({ aantal: '100', offset: String(offset) })
        .reply(
          200,
          pagina(
            250,
            refs.slice(offset, offset + 100).map((r) => vdabRecord(r)),
          ),
        );
    }
    const c = client();
    const lezing = await c.initial();
    expect(lezing.totaal).toBe(250);
    expect(lezing.records.map((r) => r.vacatureReferentie.vdabReferentie)).toEqual(refs);
    expect(lezing.bevindingen).toEqual([]);
    expect(c.tokens.aanvragen).toBe(1);
    // zod keeps only the fields the graph uses.
    expect(lezing.records[0]?.functie).toEqual({
      functieTitel: 'Elektricien (duaal leren)',
      beroepsprofiel: { code: 'F1602', label: 'Elektricien gebouwen' },
    });
  });

  it('renews the token in the last quarter of its life, before VDAB refuses it', async () => {
    const k = klok();
    tokens(2, 100);
    api('t1').get(API).query(true).reply(200, pagina(7, []));
    api('t2').get(API).query(true).reply(200, pagina(7, []));
    const c = client(k);
    expect(await c.aantalGepubliceerd()).toBe(7);
    k.vooruit(80_000);
    expect(await c.aantalGepubliceerd()).toBe(7);
    expect(c.tokens.aanvragen).toBe(2);
  });

  it('renews the token once on invalid_token and goes on; a second refusal is an error, not a third token', async () => {
    tokens(2);
    api('t1').get(API).query(true).reply(401, { error: 'invalid_token' });
    api('t2').get(API).query(true).reply(200, pagina(3, []));
    const c = client();
    expect(await c.aantalGepubliceerd()).toBe(3);
    expect(c.tokens.aanvragen).toBe(2);

    tokens(1, 900, 3);
    api('t2').get(API).query(true).reply(401, { error: 'invalid_token' });
    api('t3').get(API).query(true).reply(401, { error: 'invalid_token' });
    const fout = await partnerError(c.aantalGepubliceerd());
    expect(fout).toMatchObject({ bron: 'VDAB', reden: 'ERROR', status: 401 });
    expect(c.tokens.aanvragen).toBe(3);
  });

  it('waits the Retry-After of a 429 and goes on, losing no page', async () => {
    const k = klok();
    tokens(1);
    api('t1')
      .get(`${API}/initial`)
      .query({ aantal: '100', offset: '0' })
      .reply(200, pagina(101, [vdabRecord(1)]));
    api('t1')
      .get(`${API}/initial`)
      .query({ aantal: '100', offset: '100' })
      .times(3)
      .reply(429, { error: 'rate_limited' }, { 'Retry-After': '2' });
    api('t1')
      .get(`${API}/initial`)
      .query({ aantal: '100', offset: '100' })
      .reply(200, pagina(101, [vdabRecord(2)]));
    const c = client(k);
    const lezing = await c.initial();
    expect(lezing.records.map((r) => r.vacatureReferentie.vdabReferentie)).toEqual([1, 2]);
    expect(c.wachtbeurten).toBe(3);
    expect(k.slapen.filter((ms) => ms === 2_000)).toHaveLength(3);
  });

  it('retries a 503 and a lost connection, then gives up with the reason', async () => {
    tokens(1);
    api('t1').get(API).query(true).reply(503, 'even niet');
    api('t1').get(API).query(true).reply(200, pagina(5, []));
    const c = client();
    expect(await c.aantalGepubliceerd()).toBe(5);
    api('t1').get(API).query(true).times(3).reply(500, 'kapot');
    expect(await partnerError(c.aantalGepubliceerd())).toMatchObject({ reden: 'ERROR', status: 500 });
  });

  it('turns a vacature that breaks the contract into a finding and keeps the others', async () => {
    tokens(1);
    const kapot = { ...vdabRecord(2), aantalPosten: 0 };
    api('t1')
      .get(`${API}/initial`)
      .query(true)
      .reply(200, pagina(3, [vdabRecord(1), kapot, vdabRecord(3)]));
    const lezing = await client().initial();
    expect(lezing.records.map((r) => r.vacatureReferentie.vdabReferentie)).toEqual([1, 3]);
    expect(lezing.bevindingen).toEqual([
      { bron: 'VDAB', recordId: '2', veld: 'aantalPosten', regel: 'VORM', waarde: '0' },
    ]);
  });

  it('reads a bulk window in order: new, changed, removed, and a changed one that breaks the contract', async () => {
    tokens(1);
    const van = Date.parse('2026-11-01T00:00:00Z');
    const tot = van + 3_600_000;
    api('t1')
      .get(`${API}/bulk`)
      .query({ van: '2026-11-01T00:00:00.000Z', tot: '2026-11-01T01:00:00.000Z', aantal: '100', offset: '0' })
      .reply(
        200,
        pagina(5, [
          { ...vdabRecord(1), wijziging: 'NIEUW' },
          { ...vdabRecord(1, { aantalPosten: 2 }), wijziging: 'GEWIJZIGD' },
          { vacatureReferentie: { vdabReferentie: 2 }, wijziging: 'VERWIJDERD' },
          { ...vdabRecord(3), functie: null, wijziging: 'GEWIJZIGD' },
          { vacatureReferentie: { vdabReferentie: 4 }, wijziging: 'VERPLAATST' },
        ]),
      );
    const { records, bevindingen } = await client().bulk(van, tot);
    expect(records.map((w) => [w.soort, w.ref])).toEqual([
      ['NIEUW', 1],
      ['GEWIJZIGD', 1],
      ['VERWIJDERD', 2],
      ['AFGEKEURD', 3],
    ]);
    expect(bevindingen).toMatchObject([
      { recordId: '4', veld: 'wijziging', regel: 'VORM', waarde: 'VERPLAATST' },
    ]);
  });

  it("reads the year's knelpuntberoepen without a token", async () => {
    nock(HOST, { badheaders: ['authorization'] })
      .get('/vdab/knelpuntberoepen/2026.json')
      .reply(200, {
        jaar: 2026,
        beroepen: [
          { beroepsprofielCode: 'F1602', naam: 'Elektricien gebouwen', oorzaken: ['KWANTITATIEF'] },
          { beroepsprofielCode: 'H2901', naam: 'Lasser', oorzaken: ['ONBEKEND'] },
        ],
      });
    const { records, bevindingen } = await client().knelpuntberoepen(2026);
    expect(records.map((b) => b.beroepsprofielCode)).toEqual(['F1602']);
    expect(bevindingen).toMatchObject([{ recordId: 'H2901', regel: 'VORM' }]);
  });
});
