import { VLAANDEREN } from '@duaal-graph/domein';
import { PartnerFout } from '@duaal-graph/domein/subgraaf';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { KaziClient } from './kazi/client.ts';
import { celSleutel, leesZoekenden, telling } from './zoekenden.ts';
import { metNock } from '@duaal-graph/domein/testhulp';

const HOST = 'http://kazi.test';
const client = () => new KaziClient({ basisUrl: `${HOST}/kazi`, apiKey: 'kk', timeoutMs: 500, pogingen: 1 });

function lerende(id: string, nis: string, status: string, over: Record<string, unknown> = {}) {
  return {
    lerendeId: id,
    voornaam: 'Lotte',
    familienaam: 'Maes',
    geboortejaar: 2009,
    instellingsnummer: '030007',
    opleidingscode: 'DS-ELT-3',
    woonplaatsNisCode: nis,
    mobiliteitKm: 15,
    status,
    gewensteStartdatum: null,
    ...over,
  };
}

function pagina(page: number, totalPages: number, items: unknown[]) {
  nock(HOST, { reqheaders: { 'x-api-key': 'kk' } })
    .get('/kazi/v1/lerenden')
    .query({ page: String(page), size: '200' })
    .reply(200, { items, page, totalPages, totalItems: 0 });
}

const KORTRIJK = VLAANDEREN.gemeente('34022')?.regioCode ?? '';
const BRUGGE = VLAANDEREN.gemeente('31005')?.regioCode ?? '';

describe('the snapshot behind aantalZoekendeLerenden', () => {
  metNock();

  it('counts ZOEKEND lerenden per region where they live and opleiding, each learner once', async () => {
    pagina(1, 2, [
      lerende('L-1', '34022', 'ZOEKEND'),
      lerende('L-2', '34022', 'ZOEKEND'),
      lerende('L-3', '34022', 'GESTART'),
      lerende('L-4', '31005', 'ZOEKEND'),
    ]);
    pagina(2, 2, [
      lerende('L-2', '34022', 'ZOEKEND'),
      lerende('L-5', '31005', 'ZOEKEND', { opleidingscode: 'X-1' }),
    ]);
    const index = await leesZoekenden(client(), VLAANDEREN);
    expect(Object.fromEntries(index.perCel)).toEqual({
      [celSleutel(KORTRIJK, 'DS-ELT-3')]: 2,
      [celSleutel(BRUGGE, 'DS-ELT-3')]: 1,
      [celSleutel(BRUGGE, 'X-1')]: 1,
    });
    expect(index.kwaliteit).toMatchObject({ aantalRecords: 6, aantalAfgekeurd: 0 });
  });

  it('reports a broken record as a finding that never holds personal data', async () => {
    pagina(1, 1, [
      lerende('L-1', '34022', 'ZOEKEND'),
      lerende('L-2', '34022', 'ZOEKEND'),
      lerende('L-3', '34022', 'ZOEKEND', { voornaam: 42 }),
      lerende('L-4', '99999', 'ZOEKEND'),
    ]);
    const { kwaliteit } = await leesZoekenden(client(), VLAANDEREN);
    expect(kwaliteit.bevindingen).toEqual([
      { bron: 'KAZI', recordId: 'L-3', veld: 'voornaam', regel: 'VORM', waarde: null },
      {
        bron: 'KAZI',
        recordId: 'L-4',
        veld: 'woonplaatsNisCode',
        regel: 'ONBEKENDE_GEMEENTE',
        waarde: '99999',
      },
    ]);
    expect(JSON.stringify(kwaliteit)).not.toMatch(/Lotte|Maes|2009/);
  });

  it('refuses a read in which most records break the contract, keeping the older copy', async () => {
    pagina(1, 1, [{ lerendeId: 'L-1', voornaam: 'Lotte' }, lerende('L-2', '34022', 'ZOEKEND'), {}]);
    const fout = await leesZoekenden(client(), VLAANDEREN).catch((f: unknown) => f);
    expect(fout).toBeInstanceOf(PartnerFout);
    expect((fout as PartnerFout).message).not.toMatch(/Lotte/);
  });

  it('suppresses 1 to 4 for everyone', () => {
    expect([0, 1, 4, 5, 17].map(telling)).toEqual([
      { waarde: 0, onderdrukt: false },
      { waarde: null, onderdrukt: true },
      { waarde: null, onderdrukt: true },
      { waarde: 5, onderdrukt: false },
      { waarde: 17, onderdrukt: false },
    ]);
  });
});
