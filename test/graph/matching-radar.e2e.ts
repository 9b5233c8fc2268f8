import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { leesAlleVoltaPaginas } from '../contract/sector-reader.ts';
import {
  leesLerenden,
  suggestiesVan,
  zoekendeLerendenPerCel,
  type KaziLerende,
  type KaziSuggestie,
} from './kazi-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';
import { geldigOp, leesVerwachteErkenningen } from './expectations.ts';

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalZoekendeLerenden: { waarde: number | null; onderdrukt: boolean };
}

const RADAR = `{ radar(provincie: WEST_VLAANDEREN) { regioCode opleidingscode aantalZoekendeLerenden { waarde onderdrukt } } }`;

const SUGGESTIES = `query($id: ID!, $code: ID!) {
  lerende(id: $id) { suggesties(max: 10) { vestiging { vestigingsnummer erkendVoor(opleidingscode: $code) } } }
}`;

describe('the radar count of zoekende lerenden, and a suggestion whose erkenning was withdrawn', () => {
  let system: System;
  let basis: string;

  beforeAll(async () => {
    // Snapshots refreshed every second, so that a change at a sector shows in the graph within the test.
    system = await startSystem({ vdabPerSeconde: 1_000, omgeving: { SNAPSHOT_INTERVAL_S: '1' } });
    basis = system.mock.url;
    // Every source re-read each second (each read fingerprinted) slows the start on a shared machine.
  }, 120_000);

  afterAll(async () => {
    await system.stop();
  });

  it('aantalZoekendeLerenden equals Kazi, suppressed where it or its difference with a school is 1 to 4, for every caller alike', async () => {
    const alle = await leesLerenden(basis);
    const verwacht = zoekendeLerendenPerCel(alle);
    const perSchool = [...new Set(alle.map((l) => l.instellingsnummer))].map((school) =>
      zoekendeLerendenPerCel(alle.filter((l) => l.instellingsnummer === school)),
    );
    const klein = (n: number) => n >= 1 && n <= 4;
    const anoniem = await system.vraag(RADAR);
    expect(anoniem.errors).toBeUndefined();
    const cellen = anoniem.data?.['radar'] as Cel[];
    expect(cellen.length).toBeGreaterThan(100);
    const soorten = { nul: 0, onderdrukt: 0, getoond: 0 };
    for (const cel of cellen) {
      const sleutel = `${cel.regioCode}|${cel.opleidingscode}`;
      const aantal = verwacht.get(sleutel) ?? 0;
      const telling =
        klein(aantal) || perSchool.some((eigen) => klein(aantal - (eigen.get(sleutel) ?? 0)))
          ? { waarde: null, onderdrukt: true }
          : { waarde: aantal, onderdrukt: false };
      expect({ cel: `${cel.regioCode}|${cel.opleidingscode}`, ...cel.aantalZoekendeLerenden }).toEqual({
        cel: `${cel.regioCode}|${cel.opleidingscode}`,
        ...telling,
      });
      if (telling.onderdrukt) soorten.onderdrukt += 1;
      else if (aantal === 0) soorten.nul += 1;
      else soorten.getoond += 1;
    }
    // The data must show all three cases for the comparison to mean something.
    expect(soorten.nul).toBeGreaterThan(0);
    expect(soorten.onderdrukt).toBeGreaterThan(0);
    expect(soorten.getoond).toBeGreaterThan(0);
    expect(anoniem.extensions?.['bronnen']).toEqual(
      expect.arrayContaining([expect.objectContaining({ bron: 'KAZI', toestand: 'ACTUEEL' })]),
    );
    // Suppression holds for everyone: the trajectbegeleider and the analist get exactly the same cells.
    const school = alle[0]?.instellingsnummer ?? '';
    for (const claims of [
      { rol: 'trajectbegeleider' as const, instellingsnummer: school },
      { rol: 'analist' as const },
    ]) {
      const a = await system.vraag(RADAR, {}, await alsRol(claims));
      expect(a.data?.['radar']).toEqual(cellen);
    }
  });

  it('a suggestion pointing at a vestiging whose erkenning is withdrawn is no longer shown erkend', async () => {
    const erkenningen = await leesVerwachteErkenningen(basis, REFERENTIEDATUM);
    const volta = (await leesAlleVoltaPaginas(basis)).items;
    const keerVolta = new Map<string, number>();
    for (const r of volta) keerVolta.set(r.erkenningId, (keerVolta.get(r.erkenningId) ?? 0) + 1);

    // A suggestion whose vestiging is erkend for the opleiding by Volta records alone, each once in the feed.
    let gekozen: { lerende: KaziLerende; suggestie: KaziSuggestie; records: string[] } | undefined;
    for (const lerende of (await leesLerenden(basis, { status: 'ZOEKEND' })).slice(0, 60)) {
      for (const suggestie of await suggestiesVan(basis, lerende.lerendeId, 10)) {
        const dekkend = erkenningen.filter(
          (e) => e.vestiging === suggestie.vestigingsnummer && e.opleidingscode === suggestie.opleidingscode,
        );
        const erkend = dekkend.filter((e) => e.status === 'ERKEND' && geldigOp(e, REFERENTIEDATUM));
        if (erkend.length === 0 || dekkend.some((e) => e.sector !== 'VOLTA')) continue;
        const records = [...new Set(erkend.map((e) => e.partnerId))];
        if (records.every((id) => keerVolta.get(id) === 1)) gekozen = { lerende, suggestie, records };
        if (gekozen) break;
      }
      if (gekozen) break;
    }
    if (!gekozen) throw new Error('geen suggestie met een erkenning van Volta alleen in de data');
    const { lerende, suggestie, records } = gekozen;
    const begeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: lerende.instellingsnummer,
    });
    const erkendVoor = async () => {
      const a = await system.vraag(
        SUGGESTIES,
        { id: lerende.lerendeId, code: suggestie.opleidingscode },
        begeleider,
      );
      expect(a.errors).toBeUndefined();
      const lijst = (
        a.data?.['lerende'] as {
          suggesties: { vestiging: { vestigingsnummer: string; erkendVoor: boolean } | null }[];
        }
      ).suggesties;
      const punten = suggestie.vestigingsnummer.replace(/^(\d)(\d{3})(\d{3})(\d{3})$/, '$1.$2.$3.$4');
      // A vestiging the caller knows through no erkenning it may see answers as an unknown one: null.
      return lijst.find((s) => s.vestiging?.vestigingsnummer === punten)?.vestiging?.erkendVoor;
    };
    expect(await erkendVoor()).toBe(true);

    for (const id of records) {
      const record = volta.find((r) => r.erkenningId === id);
      const antwoord = await fetch(`${basis}/_mock/volta/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...record, status: 'INGETROKKEN' }),
      });
      expect(antwoord.status).toBe(200);
    }
    // Kazi still suggests the workplace (its copy lags); the graph tells it is no longer erkend: erkendVoor
    // false where an ERKEND erkenning still names the vestiging, else (a trajectbegeleider does not see
    // withdrawn erkenningen) the vestiging is one no source the caller may see knows, and not in the answer.
    const blijftBekend = erkenningen.some(
      (e) =>
        e.vestiging === suggestie.vestigingsnummer &&
        e.status === 'ERKEND' &&
        !(e.sector === 'VOLTA' && records.includes(e.partnerId)),
    );
    await expect.poll(erkendVoor, { timeout: 15_000, interval: 250 }).toBe(blijftBekend ? false : undefined);
    expect((await suggestiesVan(basis, lerende.lerendeId, 10)).map((s) => s.vestigingsnummer)).toContain(
      suggestie.vestigingsnummer,
    );
  });
});
