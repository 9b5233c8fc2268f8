import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { KaziClient, KaziWeigering, type NieuweMatch } from './client.ts';
import { withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

const HOST = 'http://kazi.test';

const client = (timeoutMs = 500) =>
  new KaziClient({ basisUrl: `${HOST}/kazi`, apiKey: 'kk', timeoutMs, pogingen: 3 });

/** Kazi as the tests stub it: every call must carry the API key. */
const kazi = () => nock(HOST, { reqheaders: { 'x-api-key': 'kk' } });

function lerende(id: string, over: Record<string, unknown> = {}) {
  return {
    lerendeId: id,
    voornaam: 'Lotte',
    familienaam: 'Maes',
    geboortejaar: 2009,
    instellingsnummer: '030007',
    opleidingscode: 'DS-ELT-3',
    woonplaatsNisCode: '34022',
    mobiliteitKm: 15,
    status: 'ZOEKEND',
    gewensteStartdatum: '2026-09-01',
    ...over,
  };
}

function match(over: Record<string, unknown> = {}) {
  return {
    matchId: 'M-000601',
    versie: 1,
    lerendeId: 'L-7f3a9c',
    ondernemingsnummer: '0403170701',
    vestigingsnummer: '2145678996',
    opleidingscode: 'DS-ELT-3',
    status: 'VOORGESTELD',
    historiek: [{ status: 'VOORGESTELD', op: '2026-10-02T10:00:00Z', door: 'u-12' }],
    ...over,
  };
}

function naGesprek(door = 'u-12') {
  return match({
    versie: 2,
    status: 'IN_GESPREK',
    historiek: [
      { status: 'VOORGESTELD', op: '2026-10-02T10:00:00Z', door: 'u-12' },
      { status: 'IN_GESPREK', op: '2026-10-09T14:30:00Z', door },
    ],
  });
}

const NIEUW: NieuweMatch = {
  lerendeId: 'L-7f3a9c',
  ondernemingsnummer: '0403170701',
  vestigingsnummer: '2145678996',
  opleidingscode: 'DS-ELT-3',
  door: 'u-12',
};
const NIEUW_BODY = { ...NIEUW };

async function fout<T extends Error>(belofte: Promise<unknown>, soort: new (...a: never[]) => T): Promise<T> {
  try {
    await belofte;
  } catch (f) {
    if (f instanceof soort) return f;
    throw f;
  }
  throw new Error(`verwachtte een ${soort.name}`);
}

describe('KaziClient', () => {
  withNock();

  describe('reads', () => {
    it('reads every page of a school with its API key', async () => {
      kazi()
        .get('/kazi/v1/lerenden')
        .query({ page: '1', size: '200', instellingsnummer: '030007' })
        .reply(200, { items: [lerende('L-1')], page: 1, totalPages: 2, totalItems: 2 })
        .get('/kazi/v1/lerenden')
        .query({ page: '2', size: '200', instellingsnummer: '030007' })
        .reply(200, { items: [lerende('L-2')], page: 2, totalPages: 2, totalItems: 2 });
      const lijst = await client().lerendenVanSchool('030007');
      expect(lijst.map((l) => l.lerendeId)).toEqual(['L-1', 'L-2']);
    });

    it('looks learners up by id, retrying a read after a 503, at most 100 at a time', async () => {
      kazi()
        .post('/kazi/v1/lerenden/zoeken', { ids: ['L-1', 'L-2'] })
        .reply(503)
        .post('/kazi/v1/lerenden/zoeken', { ids: ['L-1', 'L-2'] })
        .reply(200, { items: [lerende('L-2')] });
      expect((await client().zoekLerenden(['L-1', 'L-2'])).map((l) => l.lerendeId)).toEqual(['L-2']);
      await expect(client().zoekLerenden(Array.from({ length: 101 }, (_, i) => `L-${i}`))).rejects.toThrow(
        /hoogstens 100/,
      );
    });

    it('has no suggestions for a learner Kazi does not know, and checks the ones it gets', async () => {
      kazi().post('/kazi/v1/suggesties', { lerendeId: 'L-weg', max: 5 }).reply(404, { fout: 'onbekend' });
      expect(await client().suggesties('L-weg', 5)).toEqual([]);
      kazi()
        .post('/kazi/v1/suggesties', { lerendeId: 'L-1', max: 5 })
        .reply(200, { suggesties: [{ ondernemingsnummer: 403170701, score: 'hoog' }] });
      expect((await fout(client().suggesties('L-1', 5), PartnerError)).reden).toBe('INVALID_RESPONSE');
    });
  });

  describe('one deadline per live read: the partner timeout, for all attempts together', () => {
    const TIMEOUT_MS = 400;
    /** Timers and the event loop on a busy machine; far below one more attempt's timeout. */
    const MARGE_MS = 250;

    it('gives a read that failed fast once no full second timeout: it ends at the deadline', async () => {
      let pogingen = 0;
      const zoek = () =>
        kazi()
          .post('/kazi/v1/lerenden/zoeken')
          .reply(() => {
            pogingen += 1;
            return [503, ''];
          });
      zoek();
      kazi()
        .post('/kazi/v1/lerenden/zoeken')
        .delay(3_000)
        .reply(() => {
          pogingen += 1;
          return [200, { items: [] }];
        });
      const begin = performance.now();
      const f = await fout(client(TIMEOUT_MS).zoekLerenden(['L-1']), PartnerError);
      const duur = performance.now() - begin;
      expect(f).toMatchObject({ bron: 'KAZI', reden: 'TIMEOUT' });
      expect(pogingen).toBe(2);
      expect(duur).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(duur).toBeLessThan(TIMEOUT_MS + MARGE_MS);
    });

    it('makes a slow Kazi cost a read one timeout, not one per attempt', async () => {
      kazi().get('/kazi/v1/matches').query({ lerendeId: 'L-1' }).delay(3_000).reply(200, { items: [] });
      const begin = performance.now();
      const f = await fout(client(TIMEOUT_MS).matchesVanLerende('L-1'), PartnerError);
      expect(f.reden).toBe('TIMEOUT');
      expect(performance.now() - begin).toBeLessThan(TIMEOUT_MS + MARGE_MS);
    });
  });

  describe('POST /matches: exactly once through the Idempotency-Key', () => {
    it('sends the key, the body with door, and returns the match', async () => {
      kazi()
        .post('/kazi/v1/matches', NIEUW_BODY)
        .matchHeader('idempotency-key', 'sleutel-1')
        .reply(201, match());
      expect(await client().stelMatchVoor(NIEUW, 'sleutel-1')).toMatchObject({ matchId: 'M-000601' });
    });

    it('retries after a dropped connection and after a 503 with the same key and the same body', async () => {
      // Each stub matches only that key and that body: another one would find no stub and fail.
      const poging = () =>
        kazi().post('/kazi/v1/matches', NIEUW_BODY).matchHeader('idempotency-key', 'sleutel-2');
      poging().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      poging().reply(503, { fout: 'even niet' });
      poging().reply(200, match());
      expect(await client().stelMatchVoor(NIEUW, 'sleutel-2')).toMatchObject({ matchId: 'M-000601' });
    });

    it('retries after a timeout with the same key', async () => {
      const poging = () =>
        kazi().post('/kazi/v1/matches', NIEUW_BODY).matchHeader('idempotency-key', 'sleutel-3');
      poging().delay(800).reply(201, match());
      poging().reply(200, match());
      expect(await client().stelMatchVoor(NIEUW, 'sleutel-3')).toMatchObject({ matchId: 'M-000601' });
    });

    it('maps 409, 422 and 404 to refusals without retrying', async () => {
      kazi().post('/kazi/v1/matches').reply(409, { fout: 'open match' });
      expect((await fout(client().stelMatchVoor(NIEUW, 'k'), KaziWeigering)).soort).toBe('CONFLICT');
      kazi().post('/kazi/v1/matches').reply(422, { fout: 'andere body' });
      expect((await fout(client().stelMatchVoor(NIEUW, 'k'), KaziWeigering)).soort).toBe('ANDERE_INVOER');
      kazi().post('/kazi/v1/matches').reply(404, { fout: 'onbekende lerende' });
      expect((await fout(client().stelMatchVoor(NIEUW, 'k'), KaziWeigering)).soort).toBe('ONBEKEND');
    });
  });

  describe('PATCH /matches/{id}: If-Match, never a blind retry', () => {
    const wijziging = { status: 'IN_GESPREK', reden: null, door: 'u-12' } as const;
    const patch = () =>
      kazi()
        .patch('/kazi/v1/matches/M-000601', { status: 'IN_GESPREK', door: 'u-12' })
        .matchHeader('if-match', '"1"');

    it('sends the version as If-Match and returns the changed match', async () => {
      patch().reply(200, naGesprek());
      expect(await client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging)).toMatchObject({ versie: 2 });
    });

    it('maps 412, 409 and 404 without retrying', async () => {
      patch().reply(412, { fout: 'verouderde versie', versie: 3 });
      expect(
        (await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), KaziWeigering)).soort,
      ).toBe('VERSIE_CONFLICT');
      patch().reply(409, { fout: 'niet toegelaten' });
      expect(
        (await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), KaziWeigering)).soort,
      ).toBe('CONFLICT');
      patch().reply(404, { fout: 'onbekende match' });
      expect(
        (await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), KaziWeigering)).soort,
      ).toBe('ONBEKEND');
    });

    it('after a dropped connection reads the match again: our change found there is success, one PATCH only', async () => {
      patch().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      kazi()
        .get('/kazi/v1/matches')
        .query({ lerendeId: 'L-7f3a9c' })
        .reply(200, { items: [naGesprek()] });
      expect(await client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging)).toMatchObject({
        versie: 2,
        status: 'IN_GESPREK',
      });
    });

    it('after a dropped connection and an unchanged match, tries once more with the same If-Match', async () => {
      patch().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      kazi()
        .get('/kazi/v1/matches')
        .query({ lerendeId: 'L-7f3a9c' })
        .reply(200, { items: [match()] });
      patch().reply(200, naGesprek());
      expect(await client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging)).toMatchObject({ versie: 2 });
    });

    it("calls someone else's change found after a dropped connection a version conflict", async () => {
      patch().replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      kazi()
        .get('/kazi/v1/matches')
        .query({ lerendeId: 'L-7f3a9c' })
        .reply(200, { items: [naGesprek('u-99')] });
      expect(
        (await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), KaziWeigering)).soort,
      ).toBe('VERSIE_CONFLICT');
    });

    it('does not retry a 503 blindly, and gives up when the match cannot be read again', async () => {
      patch().reply(503, { fout: 'even niet' });
      kazi().get('/kazi/v1/matches').query({ lerendeId: 'L-7f3a9c' }).times(3).reply(503);
      const f = await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), PartnerError);
      expect(f).toMatchObject({ bron: 'KAZI', reden: 'DOWN', status: 503 });
    });

    it('does not read again after a refusal that wrote nothing (400)', async () => {
      patch().reply(400, { fout: 'status moet een geldige matchstatus zijn' });
      expect(
        (await fout(client().wijzigMatch('M-000601', 'L-7f3a9c', 1, wijziging), PartnerError)).reden,
      ).toBe('ERROR');
    });
  });
});
