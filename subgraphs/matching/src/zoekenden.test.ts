import { VLAANDEREN } from '@duaal-graph/domein';
import { PartnerError } from '@duaal-graph/subgraph-toolkit';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { KaziClient } from './kazi/client.ts';
import { celSleutel, leesZoekenden, tellingVanCel, telPerCel } from './zoekenden.ts';
import { withNock } from '@duaal-graph/subgraph-toolkit/test-helpers';

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
  withNock();

  it('counts ZOEKEND lerenden per region where they live and opleiding, each learner once, and per school', async () => {
    pagina(1, 2, [
      lerende('L-1', '34022', 'ZOEKEND'),
      lerende('L-2', '34022', 'ZOEKEND', { instellingsnummer: '030015' }),
      lerende('L-3', '34022', 'GESTART'),
      lerende('L-4', '31005', 'ZOEKEND'),
      ...Array.from({ length: 6 }, (_, i) =>
        lerende(`L-1${String(i)}`, '34022', 'ZOEKEND', { opleidingscode: 'X-2' }),
      ),
    ]);
    pagina(2, 2, [
      lerende('L-2', '34022', 'ZOEKEND', { instellingsnummer: '030015' }),
      lerende('L-5', '31005', 'ZOEKEND', { opleidingscode: 'X-1' }),
    ]);
    const index = await leesZoekenden(client(), VLAANDEREN);
    // Only what each cell shows is kept: no count per school, nothing that names a learner.
    expect(Object.fromEntries(index.perCel)).toEqual({
      [celSleutel(KORTRIJK, 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
      [celSleutel(KORTRIJK, 'X-2')]: { waarde: 6, onderdrukt: false },
      [celSleutel(BRUGGE, 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
      [celSleutel(BRUGGE, 'X-1')]: { waarde: null, onderdrukt: true },
      // The same learners again per gemeente, for the radar per gemeente.
      [celSleutel('34022', 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
      [celSleutel('34022', 'X-2')]: { waarde: 6, onderdrukt: false },
      [celSleutel('31005', 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
      [celSleutel('31005', 'X-1')]: { waarde: null, onderdrukt: true },
    });
    expect(Object.fromEntries(index.gestartPerCel)).toEqual({
      [celSleutel(KORTRIJK, 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
      [celSleutel('34022', 'DS-ELT-3')]: { waarde: null, onderdrukt: true },
    });
    expect(tellingVanCel(index, BRUGGE, 'X-2')).toEqual({ waarde: 0, onderdrukt: false });
    expect(JSON.stringify([...index.perCel])).not.toMatch(/L-\d|Lotte|Maes|030007|030015/);
    expect(index.kwaliteit).toMatchObject({ aantalRecords: 12, aantalAfgekeurd: 0 });
  });

  it('counts per cell and per school within the cell', () => {
    const tellingen = telPerCel([
      { regio: 'R1', code: 'A', school: 's1', zoekend: true },
      { regio: 'R1', code: 'A', school: 's2', zoekend: true },
      { regio: 'R1', code: 'A', school: 's1', zoekend: true },
      { regio: 'R1', code: 'A', school: 's3', zoekend: false },
      { regio: 'R2', code: 'A', school: 's3', zoekend: true },
    ]);
    expect(
      [...tellingen].map(([sleutel, c]) => [sleutel, c.aantal, Object.fromEntries(c.perSchool)]),
    ).toEqual([
      [celSleutel('R1', 'A'), 3, { s1: 2, s2: 1 }],
      [celSleutel('R2', 'A'), 1, { s3: 1 }],
    ]);
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
    expect(fout).toBeInstanceOf(PartnerError);
    expect((fout as PartnerError).message).not.toMatch(/Lotte/);
  });

  it("suppresses a cell from which one school could derive the others' count, for everyone", async () => {
    // Kortrijk DS-ELT-3: 7 learners, 3 of school 030015: its trajectbegeleider would learn 4 of the others.
    pagina(1, 1, [
      ...Array.from({ length: 4 }, (_, i) => lerende(`L-${String(i)}`, '34022', 'ZOEKEND')),
      ...Array.from({ length: 3 }, (_, i) =>
        lerende(`L-9${String(i)}`, '34022', 'ZOEKEND', { instellingsnummer: '030015' }),
      ),
    ]);
    const index = await leesZoekenden(client(), VLAANDEREN);
    expect(tellingVanCel(index, KORTRIJK, 'DS-ELT-3')).toEqual({ waarde: null, onderdrukt: true });
  });
});
