import { randomUUID } from 'node:crypto';
import { readAccessConfig, signToken } from '@duaal-graph/subgraph-toolkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { leesAlleVoltaPaginas } from '../contract/sector-reader.ts';
import type { Vacature } from '../contract/vdab-reader.ts';
import { REGIO_VAN_NIS, REGIOS } from './expectations.ts';
import { leesLerenden } from './kazi-reader.ts';
import { leesRadarMoment, type RadarMoment } from './radar-moment.ts';
import { startSystem, type System } from './system.ts';
import { werkgeverVan } from './vacatures-expectations.ts';

/**
 * The radar of a past date (`op:`): two measurements on two reference dates,
 * partner data changed in between through the mocks' record hooks, and each
 * date's `radar(op:)`, `regioTotalen(op:)` and `indicatoren` equal to an
 * independent reading of the partners made at that moment. One system.
 */

const VDAB_PER_SECONDE = 1_000;
const EERSTE = REFERENTIEDATUM;
const TWEEDE = '2026-11-08';
/** A Kortrijk address: in the regio of 34022, so that every change lands in one regio of West-Vlaanderen. */
const NIS = '34022';

const CEL = `id regioCode opleidingscode gemeente { nisCode }
  aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures aantalDualeVacatures knelpunt
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalActieveLeerwerkplekken witteVlek signalen onbekend`;

const TOTAAL = `regio { code } aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalAanbieders
  aantalOpleidingenMetAanbod aantalVacatures aantalDualeVacatures
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt } onbekend`;

const HISTORIE = `query($op: Date, $per: RadarSchaal, $filter: RadarFilter, $niveau: Niveau) {
  radar(provincie: WEST_VLAANDEREN, per: $per, filter: $filter, niveau: $niveau, op: $op) { ${CEL} }
  regioTotalen(provincie: WEST_VLAANDEREN, op: $op) { ${TOTAAL} }
}`;

const INDICATOREN = `{ indicatoren(provincie: WEST_VLAANDEREN, van: "2000-01-01", tot: "2030-12-31") {
  op gereconstrueerd aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken
  aantalGestarteLerenden { waarde onderdrukt } aantalOpleidingenMetAanbod aantalWitteVlekken
  aandeelKnelpuntvacaturesMetDuaalAanbod } }`;

interface Cel {
  id: string;
  regioCode: string;
  opleidingscode: string;
  gemeente: { nisCode: string } | null;
  [maat: string]: unknown;
}

describe('the radar of a past date (op:), measured twice around partner changes', () => {
  let system: System;
  let beheerder: Record<string, string>;
  let eerste: RadarMoment;
  let tweede: RadarMoment;
  const regio = REGIO_VAN_NIS.get(NIS) ?? '';

  const post = async (partner: string, record: unknown) => {
    const antwoord = await fetch(`${system.mock.url}/_mock/${partner}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record),
    });
    expect(antwoord.status, await antwoord.text()).toBe(200);
  };

  /**
   * Measures in the radar itself (what `neemPeiling` does, tested in peilingen.e2e.ts): on a loaded
   * machine a measurement can outlast the gateway's wait for a subgraph's answer, and this test is
   * about reading history, not about that wait.
   */
  const neemPeiling = async (op: string) => {
    expect((await system.radar().peilingen.dienst().neem()).op).toBe(op);
    const lijst = await system.vraag('{ peilingen { op } }', undefined, beheerder);
    expect(lijst.data?.['peilingen']).toContainEqual({ op });
  };

  /** The graph's history at a date equals a reading: every cell at both scales and every regio total. */
  const vergelijk = async (op: string, moment: RadarMoment) => {
    for (const per of ['REGIO', 'GEMEENTE'] as const) {
      const antwoord = await system.vraag(HISTORIE, { op, per });
      expect(antwoord.errors).toBeUndefined();
      const cellen = antwoord.data?.['radar'] as Cel[];
      const gebieden =
        per === 'REGIO' ? REGIOS : [...REGIO_VAN_NIS.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(cellen.map((c) => `${c.gemeente?.nisCode ?? c.regioCode}|${c.opleidingscode}`)).toEqual(
        gebieden.flatMap((g) => moment.codes.map((code) => `${g}|${code}`)),
      );
      for (const { id, regioCode, opleidingscode, gemeente, ...tellingen } of cellen) {
        const gebied = gemeente?.nisCode ?? regioCode;
        // A cell of a past date is another entity than today's: its key names the measurement.
        expect(id.endsWith(`|${op === TWEEDE ? TWEEDE : EERSTE}`)).toBe(true);
        expect({ cel: `${gebied}|${opleidingscode}`, ...tellingen }).toEqual({
          cel: `${gebied}|${opleidingscode}`,
          ...moment.cel(gebied, opleidingscode),
        });
      }
      expect(antwoord.data?.['regioTotalen']).toEqual(REGIOS.map((r) => moment.totaal(r)));
    }
  };

  beforeAll(async () => {
    // Sources refresh when the test says so, never by themselves halfway a measurement.
    system = await startSystem({
      vdabPerSeconde: VDAB_PER_SECONDE,
      omgeving: { SNAPSHOT_INTERVAL_S: '600' },
    });
    beheerder = { authorization: `Bearer ${await signToken(readAccessConfig({}), { rol: 'beheerder' })}` };
  }, 300_000);

  afterAll(async () => {
    await system.stop();
  });

  it('refuses a date while no measurement is held, saying so', async () => {
    const antwoord = await system.vraag(HISTORIE, { op: EERSTE });
    expect(antwoord.errors?.map((e) => e.extensions?.['code'])).toContain('BAD_USER_INPUT');
    expect(antwoord.errors?.[0]?.extensions?.['argument']).toBe('op');
    expect(antwoord.errors?.[0]?.message).toContain('nog geen peilingen');
  });

  it('answers each date from its own measurement, equal to a reading of the partners at that moment', async () => {
    const basis = system.mock.url;
    eerste = await leesRadarMoment(basis, VDAB_PER_SECONDE);
    await neemPeiling(EERSTE);

    // New erkenning: a Volta vestiging in Kortrijk erkend for one more opleiding of Volta's.
    const volta = (await leesAlleVoltaPaginas(basis)).items;
    const voltaCodes = [...new Set(volta.flatMap((r) => r.opleidingscodes))].filter((c) =>
      eerste.codes.includes(c),
    );
    const perVestiging = new Map<string, Set<string>>();
    for (const r of volta)
      perVestiging.set(
        r.vestigingsnummer,
        new Set([...(perVestiging.get(r.vestigingsnummer) ?? []), ...r.opleidingscodes]),
      );
    const bron = volta.find(
      (r) =>
        r.status === 'ERKEND' &&
        r.adres.nisCode === NIS &&
        r.geldigVan <= REFERENTIEDATUM &&
        (r.geldigTot === null || r.geldigTot >= TWEEDE) &&
        voltaCodes.some((c) => !perVestiging.get(r.vestigingsnummer)?.has(c)),
    );
    if (!bron) throw new Error(`geen erkende Volta-vestiging in ${NIS}`);
    const nieuweCode = voltaCodes.find((c) => !perVestiging.get(bron.vestigingsnummer)?.has(c)) ?? '';
    const bekendeIds = new Set(volta.map((r) => r.erkenningId));
    let nummer = 990_001;
    while (bekendeIds.has(`VOL-${String(nummer)}`)) nummer += 1;
    await post('volta', {
      ...bron,
      erkenningId: `VOL-${String(nummer)}`,
      opleidingscodes: [nieuweCode],
      laatstGewijzigd: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });

    // A learner starts: a lerende GESTART in Kortrijk and her match GESTART at a vestiging there.
    const [voorbeeld] = await leesLerenden(basis);
    if (!voorbeeld) throw new Error('geen lerenden');
    const lerende = {
      lerendeId: 'L-e2f0a1',
      voornaam: 'Testje',
      familienaam: 'Historiek',
      geboortejaar: 2009,
      instellingsnummer: voorbeeld.instellingsnummer,
      opleidingscode: nieuweCode,
      woonplaatsNisCode: NIS,
      mobiliteitKm: 20,
      status: 'GESTART',
      gewensteStartdatum: '2026-09-01',
    };
    await post('kazi', lerende);
    await post('kazi', {
      matchId: 'M-e2f0a1',
      versie: 2,
      lerendeId: lerende.lerendeId,
      ondernemingsnummer: bron.ondernemingsnummer.replace(/\D/g, ''),
      vestigingsnummer: bron.vestigingsnummer.replace(/\D/g, ''),
      opleidingscode: nieuweCode,
      vestigingNisCode: NIS,
      status: 'GESTART',
      historiek: [
        { status: 'VOORGESTELD', op: '2026-10-02T10:00:00Z', door: 'u-12' },
        { status: 'GESTART', op: '2026-10-20T10:00:00Z', door: 'u-12' },
      ],
    });

    // Two duale vacatures in Kortrijk, copies of one VDAB holds.
    const vacatures = system.mock.wereld.vdab.vacatures as unknown as Vacature[];
    const duaal = vacatures.find(
      (v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN' && werkgeverVan(v) !== null,
    );
    if (!duaal) throw new Error('geen duale vacature');
    let vrij = Math.max(...vacatures.map((v) => v.vacatureReferentie.vdabReferentie)) + 1;
    for (let i = 0; i < 2; i++)
      await post('vdab', {
        ...structuredClone(duaal),
        vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: vrij++ },
        tewerkstellingsadres: { ...duaal.tewerkstellingsadres, postcode: '8500', gemeente: 'Kortrijk' },
      });

    // The sources refresh now.
    const voltaBron = system.erkenningen.bestand.sectoren.find((s) => s.sector === 'VOLTA');
    if (!voltaBron) throw new Error('geen Volta-kopie');
    await Promise.all([
      voltaBron.snapshot.ververs(),
      system.matching.zoekenden.ververs(),
      system.matching.actief.ververs(),
      system.vacatures().bestanden.vacatures.synchroniseer(),
    ]);
    tweede = await leesRadarMoment(basis, VDAB_PER_SECONDE);
    // The changes show in the readings, so that a history that kept only one moment fails below.
    expect(tweede.totaal(regio).aantalDualeVacatures).toBe(eerste.totaal(regio).aantalDualeVacatures + 2);
    expect(tweede.cel(regio, nieuweCode).aantalErkendeLeerwerkplekken).toBe(
      (eerste.cel(regio, nieuweCode).aantalErkendeLeerwerkplekken ?? 0) + 1,
    );
    expect(tweede.totaal(regio).aantalActieveLeerwerkplekken).not.toBe(
      eerste.totaal(regio).aantalActieveLeerwerkplekken,
    );
    const live = await system.vraag(HISTORIE, {});
    expect(live.data?.['regioTotalen']).toEqual(REGIOS.map((r) => tweede.totaal(r)));

    // Before the second measurement a later date is the first one's, and stays so only until then.
    for (let i = 0; i < 2; i++)
      expect((await system.vraag(HISTORIE, { op: TWEEDE })).data?.['regioTotalen']).toEqual(
        REGIOS.map((r) => eerste.totaal(r)),
      );

    // The second measurement, on another reference date.
    await system.herstartRadar({ DUAAL_REFERENTIEDATUM: TWEEDE });
    await neemPeiling(TWEEDE);

    await vergelijk(EERSTE, eerste);
    await vergelijk(TWEEDE, tweede);
    // A date between the two: the latest measurement on or before it.
    const tussen = await system.vraag(HISTORIE, { op: '2026-11-05' });
    expect(tussen.data?.['regioTotalen']).toEqual(REGIOS.map((r) => eerste.totaal(r)));

    const indicatoren = await system.vraag(INDICATOREN);
    expect(indicatoren.errors).toBeUndefined();
    expect(indicatoren.data?.['indicatoren']).toEqual([
      { op: EERSTE, ...eerste.indicator() },
      { op: TWEEDE, ...tweede.indicator() },
    ]);
  }, 600_000);

  it('filters a past radar on the stored cells: area, opleiding, niveau, and each count from that date', async () => {
    const register = (await (await fetch(`${system.mock.url}/onderwijs/v1/opleidingen`)).json()) as {
      opleidingscode: string;
      niveau: string;
    }[];
    const secundair = register
      .filter((o) => o.niveau === 'SECUNDAIR')
      .map((o) => o.opleidingscode)
      .sort();
    const antwoord = await system.vraag(HISTORIE, {
      op: EERSTE,
      per: 'GEMEENTE',
      niveau: 'SECUNDAIR',
      filter: { regioCode: regio },
    });
    expect(antwoord.errors).toBeUndefined();
    const cellen = antwoord.data?.['radar'] as Cel[];
    const gemeenten = [...REGIO_VAN_NIS]
      .filter(([, r]) => r === regio)
      .map(([nis]) => nis)
      .sort();
    expect(cellen.map((c) => `${c.gemeente?.nisCode ?? ''}|${c.opleidingscode}`)).toEqual(
      gemeenten.flatMap((nis) => secundair.map((code) => `${nis}|${code}`)),
    );
    for (const { id, regioCode, opleidingscode, gemeente, ...tellingen } of cellen)
      expect(tellingen).toEqual(eerste.cel(gemeente?.nisCode ?? regioCode, opleidingscode));
    const onbekend = await system.vraag(HISTORIE, {
      op: EERSTE,
      filter: { opleidingscode: 'GEEN-OPLEIDING' },
    });
    expect(onbekend.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['argument']])).toEqual([
      ['BAD_USER_INPUT', 'filter.opleidingscode'],
    ]);
  });

  it('refuses a date before the first measurement, naming the first date held', async () => {
    const antwoord = await system.vraag(HISTORIE, { op: '2026-10-01' });
    expect(antwoord.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(antwoord.errors?.[0]?.extensions?.['argument']).toBe('op');
    expect(antwoord.errors?.[0]?.message).toContain(EERSTE);
  });
});
