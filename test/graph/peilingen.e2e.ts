import { readAccessConfig, signToken } from '@duaal-graph/subgraph-toolkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { geldigOp, leesVerwachteErkenningen, REGIO_VAN_NIS, REGIOS } from './expectations.ts';
import { COMITES } from './radar-moment.ts';
import { distinctPerRegio, plekkenPerGebied, regioVanNis } from './radar-readings.ts';
import { startSystem, type System } from './system.ts';

const CEL = `id regioCode opleidingscode gemeente { nisCode }
  aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures aantalDualeVacatures knelpunt
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalActieveLeerwerkplekken witteVlek signalen onbekend`;

const TOTAAL = `id regio { code } opleidingscodes
  aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalAanbieders aantalOpleidingenMetAanbod
  aantalVacatures aantalDualeVacatures
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalWitteVlekken onbekend`;

const NEEM = 'mutation { neemPeiling { op genomenOp gereconstrueerd } }';

interface Peiling {
  op: string;
  genomenOp: string;
  gereconstrueerd: boolean;
}

describe('measurements over time (peilingen)', () => {
  let systeem: System;
  let beheerder: Record<string, string>;

  beforeAll(async () => {
    systeem = await startSystem({ vdabPerSeconde: 1_000 });
    beheerder = { authorization: `Bearer ${await signToken(readAccessConfig({}), { rol: 'beheerder' })}` };
    // A loaded machine takes minutes to start the system.
  }, 300_000);

  afterAll(async () => {
    await systeem.stop();
  });

  it('neemPeiling is for a beheerder only: the public and an analist are FORBIDDEN, nothing is stored', async () => {
    const publiek = await systeem.vraag(NEEM);
    expect(publiek.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const analist = await systeem.vraag(NEEM, undefined, {
      authorization: `Bearer ${await signToken(readAccessConfig({}), { rol: 'analist' })}`,
    });
    expect(analist.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const lijst = await systeem.vraag('{ peilingen { op } }');
    expect(lijst.data?.['peilingen']).toEqual([]);
  });

  it('stores every provincie’s radar per regio and per gemeente and its regio totals, as the graph answers them', async () => {
    const genomen = await systeem.vraag(NEEM, undefined, beheerder);
    expect(genomen.errors).toBeUndefined();
    const peiling = genomen.data?.['neemPeiling'] as Peiling;
    expect(peiling).toMatchObject({ op: REFERENTIEDATUM, gereconstrueerd: false });
    const opslag = systeem.radar().peilingen.opslag();
    for (const provincie of ['WEST_VLAANDEREN', 'ANTWERPEN']) {
      const live = await systeem.vraag(
        `query($p: Provincie!) { r: radar(provincie: $p, per: REGIO) { ${CEL} }
          g: radar(provincie: $p, per: GEMEENTE) { ${CEL} } t: regioTotalen(provincie: $p) { ${TOTAAL} } }`,
        { p: provincie },
      );
      expect(live.errors).toBeUndefined();
      const r = live.data?.['r'] as unknown[];
      expect(r.length).toBeGreaterThan(0);
      expect(await opslag.rijen(REFERENTIEDATUM, provincie, 'REGIO')).toEqual(r);
      expect(await opslag.rijen(REFERENTIEDATUM, provincie, 'GEMEENTE')).toEqual(live.data?.['g']);
      expect(await opslag.rijen(REFERENTIEDATUM, provincie, 'TOTALEN')).toEqual(live.data?.['t']);
    }
    // Counts only: no learner, no name.
    const tekst = JSON.stringify(await opslag.rijen(REFERENTIEDATUM, 'WEST_VLAANDEREN', 'GEMEENTE'));
    expect(tekst).not.toMatch(/lerendeId|voornaam|familienaam|"naam"/);
    const lijst = await systeem.vraag('{ peilingen { op genomenOp gereconstrueerd } }');
    expect(lijst.data?.['peilingen']).toEqual([peiling]);
  }, 120_000);

  it('a second measurement of the same date replaces the first, and a restart loses none', async () => {
    const eerste = (await systeem.vraag('{ peilingen { op genomenOp } }')).data?.['peilingen'] as Peiling[];
    const tweede = await systeem.vraag(NEEM, undefined, beheerder);
    const nieuw = tweede.data?.['neemPeiling'] as Peiling;
    expect(nieuw.op).toBe(REFERENTIEDATUM);
    expect(Date.parse(nieuw.genomenOp)).toBeGreaterThan(Date.parse(eerste[0]?.genomenOp ?? ''));
    const lijst = (await systeem.vraag('{ peilingen { op genomenOp gereconstrueerd } }')).data?.['peilingen'];
    expect(lijst).toEqual([nieuw]);
    const rijen = await systeem.radar().peilingen.opslag().rijen(REFERENTIEDATUM, 'WEST_VLAANDEREN', 'REGIO');
    // The bytes of one measurement, for the README's estimate (tables, indexes and TOAST).
    console.info(`peiling: ${String(await systeem.radar().peilingen.opslag().bytes())} bytes in the store`);
    await systeem.herstartRadar();
    expect(
      (await systeem.vraag('{ peilingen { op genomenOp gereconstrueerd } }')).data?.['peilingen'],
    ).toEqual([nieuw]);
    expect(
      await systeem.radar().peilingen.opslag().rijen(REFERENTIEDATUM, 'WEST_VLAANDEREN', 'REGIO'),
    ).toEqual(rijen);
  }, 120_000);

  it('indicatoren: one point per measurement, equal to a reading of the graph at that moment', async () => {
    await systeem.vraag(NEEM, undefined, beheerder);
    const live = await systeem.vraag(
      `{ r: radar(provincie: WEST_VLAANDEREN) { ${CEL} } t: regioTotalen(provincie: WEST_VLAANDEREN) { ${TOTAAL} } }`,
    );
    const cellen = live.data?.['r'] as {
      regioCode: string;
      opleidingscode: string;
      witteVlek: boolean;
      aantalAanbieders: number | null;
    }[];
    const totalen = live.data?.['t'] as {
      regio: { code: string };
      aantalErkendeLeerwerkplekken: number | null;
      aantalActieveLeerwerkplekken: number | null;
    }[];
    const VELDEN =
      'op gereconstrueerd aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalOpleidingenMetAanbod aantalWitteVlekken';
    for (const regioCode of [null, totalen[0]?.regio.code ?? '']) {
      const inRegio = (code: string) => regioCode === null || code === regioCode;
      const antwoord = await systeem.vraag(
        `query($r: ID) { indicatoren(provincie: WEST_VLAANDEREN, regioCode: $r, van: "2000-01-01", tot: "${REFERENTIEDATUM}") { ${VELDEN} } }`,
        { r: regioCode },
      );
      expect(antwoord.errors).toBeUndefined();
      const t = totalen.filter((x) => inRegio(x.regio.code));
      const c = cellen.filter((x) => inRegio(x.regioCode));
      expect(antwoord.data?.['indicatoren']).toEqual([
        {
          op: REFERENTIEDATUM,
          gereconstrueerd: false,
          aantalErkendeLeerwerkplekken: t.reduce(
            (n, x) => n + (x.aantalErkendeLeerwerkplekken ?? Number.NaN),
            0,
          ),
          aantalActieveLeerwerkplekken: t.reduce(
            (n, x) => n + (x.aantalActieveLeerwerkplekken ?? Number.NaN),
            0,
          ),
          aantalOpleidingenMetAanbod: new Set(
            c.filter((x) => (x.aantalAanbieders ?? 0) > 0).map((x) => x.opleidingscode),
          ).size,
          aantalWitteVlekken: c.filter((x) => x.witteVlek).length,
        },
      ]);
    }
    const leeg = await systeem.vraag(
      `{ indicatoren(provincie: WEST_VLAANDEREN, van: "2000-01-01", tot: "2000-12-31") { op } }`,
    );
    expect(leeg.data?.['indicatoren']).toEqual([]);
    const fout = await systeem.vraag(
      `{ indicatoren(provincie: ANTWERPEN, regioCode: "${totalen[0]?.regio.code ?? ''}", van: "2026-01-01", tot: "2026-12-31") { op } }`,
    );
    expect(fout.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const omgekeerd = await systeem.vraag(
      `{ indicatoren(provincie: ANTWERPEN, van: "2026-12-31", tot: "2026-01-01") { op } }`,
    );
    expect(omgekeerd.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  }, 120_000);

  it('reconstructs the erkende leerwerkplekken of earlier dates, monthly, equal to a count of the erkenningen valid then', async () => {
    const VANAF = '2024-11-15';
    await systeem.herstartRadar({ PEILING_RECONSTRUCTIE_VANAF: VANAF });
    // What every measurement does after it is stored (neemPeiling, tested above), without measuring again.
    const datums = await systeem.radar().peilingen.dienst().reconstrueer();
    const maanden = Array.from({ length: 23 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 11 + i, 1));
      return d.toISOString().slice(0, 10);
    });
    expect(datums).toEqual([VANAF, ...maanden]);
    expect(datums.at(-1)).toBe('2026-10-01');
    const lijst = (await systeem.vraag('{ peilingen { op gereconstrueerd } }')).data?.['peilingen'];
    expect(lijst).toEqual([
      ...datums.map((op) => ({ op, gereconstrueerd: true })),
      { op: REFERENTIEDATUM, gereconstrueerd: false },
    ]);

    // The independent reading: the mock's erkenningen as known today, each counted on the dates it was valid.
    const basis = systeem.mock.url;
    const erkenningen = await leesVerwachteErkenningen(basis, REFERENTIEDATUM);
    const register = (await (await fetch(`${basis}/onderwijs/v1/opleidingen`)).json()) as {
      opleidingscode: string;
      paritaireComites: string[];
    }[];
    const zonderBron = new Set(
      register
        .filter((o) => !o.paritaireComites.some((pc) => COMITES.includes(pc)))
        .map((o) => o.opleidingscode),
    );
    const perRegio = (datum: string) =>
      distinctPerRegio(
        erkenningen
          .filter((e) => e.status === 'ERKEND' && geldigOp(e, datum) && e.vestiging)
          .map((e) => [regioVanNis(e.nis), e.vestiging ?? ''] as const),
      );
    // The reconstruction must show change, or a copy of today's counts would pass.
    const eerste = datums[0] ?? '';
    expect([...perRegio(eerste)]).not.toEqual([...perRegio(REFERENTIEDATUM)]);

    for (const datum of [eerste, '2025-11-01']) {
      const plekken = plekkenPerGebied(erkenningen, datum);
      const antwoord = await systeem.vraag(
        `query($op: Date) { r: radar(provincie: WEST_VLAANDEREN, per: REGIO, op: $op) { ${CEL} }
          g: radar(provincie: WEST_VLAANDEREN, per: GEMEENTE, op: $op) { ${CEL} }
          t: regioTotalen(provincie: WEST_VLAANDEREN, op: $op) { ${TOTAAL} } }`,
        { op: datum },
      );
      expect(antwoord.errors).toBeUndefined();
      const cellen = [
        ...(antwoord.data?.['r'] as Record<string, unknown>[]),
        ...(antwoord.data?.['g'] as Record<string, unknown>[]),
      ];
      expect(cellen.length).toBe((REGIOS.length + REGIO_VAN_NIS.size) * register.length);
      for (const cel of cellen) {
        const code = String(cel['opleidingscode']);
        const gebied = (cel['gemeente'] as { nisCode: string } | null)?.nisCode ?? String(cel['regioCode']);
        const verwacht = zonderBron.has(code) ? null : (plekken.get(`${gebied}|${code}`) ?? 0);
        expect({ cel: `${gebied}|${code}`, n: cel['aantalErkendeLeerwerkplekken'] }).toEqual({
          cel: `${gebied}|${code}`,
          n: verwacht,
        });
        // Only the erkende leerwerkplekken are known of a reconstructed date.
        expect(cel).toMatchObject({
          aantalAanbieders: null,
          aantalVacatures: null,
          aantalGestarteLerenden: null,
        });
        expect(cel['onbekend']).toContain('AANBOD');
      }
      const totalen = perRegio(datum);
      expect(
        (
          antwoord.data?.['t'] as { regio: { code: string }; aantalErkendeLeerwerkplekken: number | null }[]
        ).map((t) => [t.regio.code, t.aantalErkendeLeerwerkplekken]),
      ).toEqual(REGIOS.map((r) => [r, totalen.get(r) ?? 0]));

      const punten = await systeem.vraag(
        `{ indicatoren(provincie: WEST_VLAANDEREN, van: "${datum}", tot: "${datum}") {
          op gereconstrueerd aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken
          aantalGestarteLerenden { waarde } aantalOpleidingenMetAanbod aantalWitteVlekken
          aandeelKnelpuntvacaturesMetDuaalAanbod } }`,
      );
      expect(punten.data?.['indicatoren']).toEqual([
        {
          op: datum,
          gereconstrueerd: true,
          aantalErkendeLeerwerkplekken: REGIOS.reduce((n, r) => n + (totalen.get(r) ?? 0), 0),
          aantalActieveLeerwerkplekken: null,
          aantalGestarteLerenden: null,
          aantalOpleidingenMetAanbod: null,
          aantalWitteVlekken: null,
          aandeelKnelpuntvacaturesMetDuaalAanbod: null,
        },
      ]);
    }
  }, 300_000);
});
