import { leesConfig, startErkenningen } from '@duaal-graph/erkenningen';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from './contract/mock.ts';
import { alsRol } from './graph/tokens.ts';

/** The erkenningen subgraph on its own, against the mock partners, queried directly (no gateway). */

const SECTOREN = ['volta', 'educam', 'constructiv', 'mtech', 'woodwize'];

interface Antwoord {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

interface Bevinding {
  bron: string;
  recordId: string | null;
  regel: string;
}

describe('the erkenningen subgraph against the mock partners', () => {
  let mock: TestMock;
  let dienst: Awaited<ReturnType<typeof startErkenningen>>;
  // The findings history's PGlite, this test's own.
  const dataMap = mkdtempSync(join(tmpdir(), 'duaal-erkenningen-'));

  const vraag = async (query: string, variables: Record<string, unknown> = {}): Promise<Antwoord> => {
    // An analist sees every erkenning and every source report.
    const antwoord = await fetch(`${dienst.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await alsRol({ rol: 'analist' })) },
      body: JSON.stringify({ query, variables }),
    });
    return (await antwoord.json()) as Antwoord;
  };

  beforeAll(async () => {
    mock = await startTestMock();
    const prefix = (p: string) => `${mock.url}/${p}`;
    dienst = await startErkenningen(
      leesConfig({
        DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
        ERKENNINGEN_PORT: '0',
        VOLTA_URL: prefix('volta'),
        EDUCAM_URL: prefix('educam'),
        CONSTRUCTIV_URL: prefix('constructiv'),
        MTECH_URL: prefix('mtech'),
        WOODWIZE_URL: prefix('woodwize'),
        ONDERWIJS_URL: prefix('onderwijs'),
        KBO_URL: prefix('kbo'),
        ERKENNINGEN_DATA_DIR: dataMap,
      }),
    );
    // The sources and the findings history's PGlite (a new cluster from its template): seconds, more on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await dienst.stop();
    await mock.stop();
    rmSync(dataMap, { recursive: true, force: true });
  });

  it('is ready after the first round of reads', async () => {
    const ready = await fetch(`${dienst.url}/ready`);
    expect(ready.status).toBe(200);
  });

  it('answers an onderneming with its erkenningen across sectors, in canonical notation', async () => {
    const ondernemingen = mock.wereld.ondernemingen.erkend.filter((o) => o.sectoren.length >= 2).slice(0, 5);
    expect(ondernemingen).toHaveLength(5);
    for (const { kbo, sectoren } of ondernemingen) {
      const antwoord = await vraag(
        `query($nummer: ID!) { onderneming(ondernemingsnummer: $nummer) {
          ondernemingsnummer naam isErkend
          vestigingen { vestigingsnummer }
          erkenningen { id sector status opleiding { code } vestiging { vestigingsnummer } bron { bron toestand } } } }`,
        { nummer: `BE${kbo}` },
      );
      expect(antwoord.errors).toBeUndefined();
      const o = antwoord.data?.['onderneming'] as {
        ondernemingsnummer: string;
        naam: string | null;
        erkenningen: { id: string; sector: string; bron: { bron: string; toestand: string } }[];
      };
      expect(o.ondernemingsnummer).toBe(`${kbo.slice(0, 4)}.${kbo.slice(4, 7)}.${kbo.slice(7)}`);
      expect(o.naam).not.toBeNull();
      expect([...new Set(o.erkenningen.map((e) => e.sector))].sort()).toEqual([...sectoren].sort());
      for (const e of o.erkenningen) {
        expect(e.id.startsWith(`${e.sector}:`)).toBe(true);
        expect(e.bron).toEqual({ bron: e.sector, toestand: 'ACTUEEL' });
      }
      const bronnen = (antwoord.extensions?.['bronnen'] as { bron: string }[]).map((b) => b.bron);
      // The name comes from the company register (KBO) first.
      expect(bronnen).toEqual(['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE', 'ONDERWIJS', 'KBO']);
    }
  });

  it('refuses a bad checksum with BAD_USER_INPUT naming the argument', async () => {
    const antwoord = await vraag('{ onderneming(ondernemingsnummer: "0403170702") { naam } }');
    expect(antwoord.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'ondernemingsnummer',
    });
  });

  it('reports every dirty record of the five sectors as a finding, and no parsing trap', async () => {
    const antwoord = await vraag(
      '{ erkenningsbronnen { bron toestand aantalRecords aantalAfgekeurd bevindingen(first: 10000) { bron recordId regel } } }',
    );
    expect(antwoord.errors).toBeUndefined();
    const rapporten = antwoord.data?.['erkenningsbronnen'] as {
      bron: string;
      toestand: string;
      aantalRecords: number;
      aantalAfgekeurd: number;
      bevindingen: Bevinding[];
    }[];
    expect(rapporten.map((r) => [r.bron, r.toestand])).toEqual(
      SECTOREN.map((s) => [s.toUpperCase(), 'ACTUEEL']),
    );
    const gevonden = new Set(
      rapporten.flatMap((r) => r.bevindingen.map((b) => `${b.bron}|${b.recordId ?? ''}`)),
    );
    const vuil = mock.wereld.vuil.filter((v) => SECTOREN.includes(v.partner));
    expect(vuil.length).toBeGreaterThan(0);
    for (const v of vuil) {
      const sleutel = `${v.partner.toUpperCase()}|${v.recordId}`;
      expect({ soort: v.soort, sleutel, gevonden: gevonden.has(sleutel) }).toEqual({
        soort: v.soort,
        sleutel,
        gevonden: v.behandeling !== 'PARSEERVAL',
      });
    }
    const { volta, educam, constructiv, mtech, woodwize } = mock.wereld;
    const aantallen = [volta, educam, constructiv, mtech, woodwize].map((f) => f.records.length);
    expect(rapporten.map((r) => r.aantalRecords)).toEqual(aantallen);
    for (const r of rapporten) expect(r.aantalAfgekeurd).toBeGreaterThan(0);
  });
});
