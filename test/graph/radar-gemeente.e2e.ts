import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { leesWestVlaamseGemeenten } from '../contract/sector-reader.ts';
import { REGIOS } from './expectations.ts';
import { leesRadarMoment, type VerwachteCel } from './radar-moment.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';

const VDAB_PER_SECONDE = 1_000;

/** The paritaire comités of each sector databank (../shared/domain/GLOSSARY.md). */
interface Telling {
  waarde: number | null;
  onderdrukt: boolean;
}

interface Cel {
  id: string;
  regioCode: string;
  opleidingscode: string;
  gemeente: { nisCode: string; regio: { code: string } } | null;
  aantalAanbieders: number | null;
  aantalPlaatsen: number | null;
  aantalErkendeLeerwerkplekken: number | null;
  aantalVacatures: number | null;
  aantalDualeVacatures: number | null;
  knelpunt: boolean | null;
  aantalZoekendeLerenden: Telling | null;
  aantalGestarteLerenden: Telling | null;
  aantalActieveLeerwerkplekken: number | null;
  witteVlek: boolean;
  signalen: string[];
  onbekend: string[];
}

const VELDEN = `id regioCode opleidingscode gemeente { nisCode regio { code } }
  aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures aantalDualeVacatures knelpunt
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalActieveLeerwerkplekken witteVlek signalen onbekend`;

const RADAR = `query Radar($per: RadarSchaal, $filter: RadarFilter) {
  radar(provincie: WEST_VLAANDEREN, per: $per, filter: $filter) { ${VELDEN} }
}`;

const GEMEENTEN = leesWestVlaamseGemeenten();
const SIGNALEN = [
  'VRAAG_ZONDER_AANBOD',
  'AANBOD_ZONDER_LEERWERKPLEKKEN',
  'LERENDEN_ZONDER_LEERWERKPLEK',
  'KNELPUNT_ZONDER_AANBOD',
];

describe('the Radar Duaal of West-Vlaanderen per gemeente and per regio, with learners in duaal, filtered', () => {
  let system: System;
  let codes: string[];
  let verwachtTotaal: (regio: string) => Record<string, unknown>;
  let verwacht: (gebied: string, opleidingscode: string) => VerwachteCel;

  beforeAll(async () => {
    system = await sharedSystem();
    // The same independent reading of the partners as the peilingen's history (radar-moment.ts).
    const moment = await leesRadarMoment(system.mock.url, VDAB_PER_SECONDE);
    codes = [...moment.codes];
    verwacht = (gebied, code) => moment.cel(gebied, code);
    verwachtTotaal = (regio) => ({
      ...moment.totaal(regio),
      // Counted from the independent reading of every cell of the regio.
      aantalWitteVlekken: codes.filter((code) => moment.cel(regio, code).witteVlek).length,
    });
    // The system and the readings of every partner: longer than the default hook time on a busy machine.
  }, 180_000);

  /** The unfiltered radar per scale, as the first two tests asked it. */
  const ongefilterd = new Map<string, Cel[]>();

  const vergelijk = (cellen: readonly Cel[], gebiedVan: (c: Cel) => string) => {
    const soorten = { gestartOnderdrukt: 0, gestartGetoond: 0, actief: 0, signalen: 0 };
    for (const cel of cellen) {
      const { id, regioCode, opleidingscode, gemeente, ...tellingen } = cel;
      const sleutel = `${gebiedVan(cel)}|${opleidingscode}`;
      expect({ sleutel, ...tellingen }).toEqual({ sleutel, ...verwacht(gebiedVan(cel), opleidingscode) });
      expect(id.length > 0 && regioCode.length > 0 && gemeente === gemeente).toBe(true);
      if (cel.aantalGestarteLerenden?.onderdrukt) soorten.gestartOnderdrukt += 1;
      if ((cel.aantalGestarteLerenden?.waarde ?? 0) > 0) soorten.gestartGetoond += 1;
      if ((cel.aantalActieveLeerwerkplekken ?? 0) > 0) soorten.actief += 1;
      if (cel.signalen.length > 0) soorten.signalen += 1;
    }
    return soorten;
  };

  it('per gemeente: one cell per gemeente and opleiding, ordered by NIS code, every measure equal to the partner data', async () => {
    const antwoord = await system.vraag(RADAR, { per: 'GEMEENTE' });
    expect(antwoord.errors).toBeUndefined();
    const cellen = antwoord.data?.['radar'] as Cel[];
    ongefilterd.set('GEMEENTE', cellen);
    const gemeenten = GEMEENTEN.map((g) => g.nis).sort();
    expect(cellen.map((c) => `${c.gemeente?.nisCode ?? '-'}|${c.opleidingscode}`)).toEqual(
      gemeenten.flatMap((nis) => codes.map((code) => `${nis}|${code}`)),
    );
    const regioVan = new Map(GEMEENTEN.map((g) => [g.nis, g.regio]));
    for (const c of cellen) {
      expect(c.regioCode).toBe(regioVan.get(c.gemeente?.nisCode ?? ''));
      expect(c.gemeente?.regio.code).toBe(c.regioCode);
    }
    expect(new Set(cellen.map((c) => c.id)).size).toBe(cellen.length);
    const soorten = vergelijk(cellen, (c) => c.gemeente?.nisCode ?? '');
    // The data must show suppressed and shown learners in duaal, active leerwerkplekken and signals.
    expect(soorten.gestartOnderdrukt).toBeGreaterThan(0);
    expect(soorten.actief).toBeGreaterThan(0);
    expect(soorten.signalen).toBeGreaterThan(0);
  });

  it('per regio: every cell, ordered by regio code, with learners in duaal and active leerwerkplekken', async () => {
    const antwoord = await system.vraag(RADAR, {});
    expect(antwoord.errors).toBeUndefined();
    const cellen = antwoord.data?.['radar'] as Cel[];
    ongefilterd.set('REGIO', cellen);
    expect(cellen.map((c) => `${c.regioCode}|${c.opleidingscode}`)).toEqual(
      REGIOS.flatMap((r) => codes.map((code) => `${r}|${code}`)),
    );
    expect(cellen.every((c) => c.gemeente === null)).toBe(true);
    const soorten = vergelijk(cellen, (c) => c.regioCode);
    expect(soorten.gestartOnderdrukt).toBeGreaterThan(0);
    expect(soorten.actief).toBeGreaterThan(0);
  });

  it('filters on regio, gemeente and opleiding, at both scales, in any notation', async () => {
    const gemeente = GEMEENTEN.find((g) => g.regio === REGIOS[1]) ?? GEMEENTEN[0];
    const code = codes[3] ?? '';
    const sleutels = async (per: string, filter: Record<string, string>) => {
      const antwoord = await system.vraag(RADAR, { per, filter });
      expect(antwoord.errors).toBeUndefined();
      return (antwoord.data?.['radar'] as Cel[]).map(
        (c) => `${c.gemeente?.nisCode ?? c.regioCode}|${c.opleidingscode}`,
      );
    };
    const regio = REGIOS[1] ?? '';
    expect(await sleutels('REGIO', { regioCode: regio.toLowerCase() })).toEqual(
      codes.map((c) => `${regio}|${c}`),
    );
    expect(await sleutels('REGIO', { nisCode: gemeente?.nis ?? '' })).toEqual(
      codes.map((c) => `${gemeente?.regio ?? ''}|${c}`),
    );
    expect(await sleutels('GEMEENTE', { nisCode: ` ${gemeente?.nis ?? ''} ` })).toEqual(
      codes.map((c) => `${gemeente?.nis ?? ''}|${c}`),
    );
    expect(await sleutels('GEMEENTE', { regioCode: regio, opleidingscode: code })).toEqual(
      GEMEENTEN.filter((g) => g.regio === regio)
        .map((g) => g.nis)
        .sort()
        .map((nis) => `${nis}|${code}`),
    );
    expect(await sleutels('REGIO', { opleidingscode: code })).toEqual(REGIOS.map((r) => `${r}|${code}`));
    // A regio and a gemeente of another regio: no cell matches both.
    const elders = GEMEENTEN.find((g) => g.regio !== regio);
    expect(await sleutels('GEMEENTE', { regioCode: regio, nisCode: elders?.nis ?? '' })).toEqual([]);
  });

  it('regioTotalen: one row per regio, every distinct total equal to the partner data, never the sum of the cells', async () => {
    const antwoord = await system.vraag(`{ regioTotalen(provincie: WEST_VLAANDEREN) {
      regio { code } aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalAanbieders
      aantalOpleidingenMetAanbod aantalVacatures aantalDualeVacatures
      aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
      aantalWitteVlekken onbekend
    } }`);
    expect(antwoord.errors).toBeUndefined();
    const rijen = antwoord.data?.['regioTotalen'] as { regio: { code: string }; aantalVacatures: number }[];
    expect(rijen).toEqual(REGIOS.map((r) => verwachtTotaal(r)));
    // Distinct: the regio totals of vacatures stay below what summing the cells gives.
    const cellen = (await system.vraag(RADAR, {})).data?.['radar'] as Cel[];
    const somVanCellen = cellen.reduce((s, c) => s + (c.aantalVacatures ?? 0), 0);
    expect(rijen.reduce((s, r) => s + r.aantalVacatures, 0)).toBeLessThan(somVanCellen);
  });

  it.each(['REGIO', 'GEMEENTE'])(
    'per %s: each signaal and alleenWitteVlekken keep the cells the unfiltered radar and the partner data say',
    async (per) => {
      const gebiedVan = (c: Cel) => c.gemeente?.nisCode ?? c.regioCode;
      const sleutel = (c: Cel) => `${gebiedVan(c)}|${c.opleidingscode}`;
      const alle = ongefilterd.get(per) ?? ((await system.vraag(RADAR, { per })).data?.['radar'] as Cel[]);
      const filters: [Record<string, unknown>, (c: Cel) => boolean, (s: readonly string[]) => boolean][] = [
        ...SIGNALEN.map(
          (signaal) =>
            [
              { signaal },
              (c: Cel) => c.signalen.includes(signaal),
              (s: readonly string[]) => s.includes(signaal),
            ] as [Record<string, unknown>, (c: Cel) => boolean, (s: readonly string[]) => boolean],
        ),
        [{ alleenWitteVlekken: true }, (c) => c.witteVlek, (s) => s.length > 0],
        [{ alleenWitteVlekken: false }, () => true, () => true],
      ];
      // Asked at once, as a map asks its layers: they share one inner question of the graph.
      const antwoorden = await Promise.all(filters.map(([filter]) => system.vraag(RADAR, { per, filter })));
      for (const [i, [filter, houdtClient, houdtLezing]] of filters.entries()) {
        const antwoord = antwoorden[i];
        expect(antwoord?.errors).toBeUndefined();
        const gekregen = (antwoord?.data?.['radar'] as Cel[]).map(sleutel);
        const naam = JSON.stringify(filter);
        expect({ naam, gekregen }).toEqual({ naam, gekregen: alle.filter(houdtClient).map(sleutel) });
        expect({ naam, gekregen }).toEqual({
          naam,
          gekregen: alle
            .filter((c) => houdtLezing(verwacht(gebiedVan(c), c.opleidingscode).signalen))
            .map(sleutel),
        });
        // Every signal of the contract is raised somewhere in the data, or this comparison proves little.
        if (per === 'GEMEENTE' && 'signaal' in filter) expect(gekregen.length, naam).toBeGreaterThan(0);
      }
      // AND with the other fields: one regio's witte vlekken that raise one signal.
      const regio = REGIOS[2] ?? '';
      const antwoord = await system.vraag(RADAR, {
        per,
        filter: { regioCode: regio, signaal: 'VRAAG_ZONDER_AANBOD', alleenWitteVlekken: true },
      });
      expect((antwoord.data?.['radar'] as Cel[]).map(sleutel)).toEqual(
        alle.filter((c) => c.regioCode === regio && c.signalen.includes('VRAAG_ZONDER_AANBOD')).map(sleutel),
      );
    },
    // Seven radars at one scale; the first inner question of each scale is not cached yet.
    120_000,
  );

  it('refuses an unknown regio, gemeente or opleiding in the filter with BAD_USER_INPUT naming it', async () => {
    for (const [filter, argument] of [
      [{ regioCode: 'NERGENS' }, 'filter.regioCode'],
      [{ nisCode: '39999' }, 'filter.nisCode'],
      [{ nisCode: 'abc' }, 'filter.nisCode'],
      [{ opleidingscode: 'GEEN-OPLEIDING' }, 'filter.opleidingscode'],
    ] as const) {
      const antwoord = await system.vraag(RADAR, { per: 'GEMEENTE', filter });
      expect(antwoord.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['argument']])).toEqual([
        ['BAD_USER_INPUT', argument],
      ]);
      expect(antwoord.errors?.[0]?.message).toContain(argument);
    }
  });

  it("the README's example of a filtered radar, a gemeente-scale radar and regio totals answers what the radar says", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const voorbeeld = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((q) => q.includes('gefilterd: radar') && q.includes('regioTotalen'));
    expect(voorbeeld, 'the example in the README').toBeDefined();
    const antwoord = await system.vraag(voorbeeld ?? '');
    expect(antwoord.errors).toBeUndefined();
    const data = antwoord.data as Record<string, Record<string, unknown>[]>;
    const regio = ongefilterd.get('REGIO') ?? [];
    const gemeente = ongefilterd.get('GEMEENTE') ?? [];
    const velden = (cel: Record<string, unknown> | Cel | undefined, namen: readonly string[]) =>
      Object.fromEntries(namen.map((n) => [n, (cel as Record<string, unknown> | undefined)?.[n]]));
    // The one cell of the filter, as the unfiltered radar (compared with the partner data above) has it.
    const gefilterd = data['gefilterd'] ?? [];
    const namen = [
      'regioCode',
      'aantalErkendeLeerwerkplekken',
      'aantalGestarteLerenden',
      'aantalActieveLeerwerkplekken',
      'signalen',
      'onbekend',
    ];
    expect(gefilterd.map((c) => velden(c, namen))).toEqual(
      regio
        .filter((c) => c.regioCode === 'MIDWEST' && c.opleidingscode === 'DS-ELT-3')
        .map((c) => velden(c, namen)),
    );
    expect(gefilterd).toHaveLength(1);
    expect((data['vraagZonderAanbod'] ?? []).map((c) => c['opleidingscode'])).toEqual(
      gemeente.filter((c) => c.signalen.includes('VRAAG_ZONDER_AANBOD')).map((c) => c.opleidingscode),
    );
    expect((data['vraagZonderAanbod'] ?? []).length).toBeGreaterThan(0);
    // Per gemeente for one niveau: every gemeente of the province, each with a part of the opleidingen.
    const perGemeente = data['perGemeente'] ?? [];
    const nisCodes = new Set(perGemeente.map((c) => (c['gemeente'] as { nisCode: string }).nisCode));
    expect(nisCodes.size).toBe(GEMEENTEN.length);
    expect(perGemeente.length).toBeGreaterThan(0);
    expect(perGemeente.length).toBeLessThan(gemeente.length);
    const totalen = data['regioTotalen'] ?? [];
    expect(
      totalen.map((t) => velden(t, ['aantalAanbieders', 'aantalVacatures', 'aantalWitteVlekken'])),
    ).toEqual(
      REGIOS.map((r) =>
        velden(verwachtTotaal(r), ['aantalAanbieders', 'aantalVacatures', 'aantalWitteVlekken']),
      ),
    );
  });

  it('answers a gemeente-scale radar in one fetch per owner subgraph, not one per cell', async () => {
    for (const p of Object.values(system.proxies)) p.wis();
    const antwoord = await system.vraag(RADAR, { per: 'GEMEENTE' });
    expect(antwoord.errors).toBeUndefined();
    const na = Object.fromEntries(
      Object.entries(system.proxies).map(([n, p]) => [
        n,
        p.verzoeken.filter((v) => /_entities|radar/.test(v.query)).length,
      ]),
    );
    // One _entities fetch at each owner whatever the number of cells; at the radar the root and its own follow-ups.
    expect(na).toEqual({ erkenningen: 1, onderwijsaanbod: 1, vacatures: 1, matching: 1, radar: 3 });
  });
});
