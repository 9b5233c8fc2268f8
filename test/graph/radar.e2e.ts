import { schooljaarVan } from '@duaal-graph/domein';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { leesLerenden, zoekendeLerendenPerCel } from './kazi-reader.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import {
  leesBeroepenPerOpleiding,
  leesKnelpuntcodes,
  leesVacatures,
  vacatureTellingen,
} from './vacatures-expectations.ts';
import {
  aanbodTellingen,
  erkendeLeerwerkplekken,
  leesAanbod,
  leesVerwachteErkenningen,
  REGIOS,
} from './expectations.ts';

/** VDAB's limit is not what this file is about: both sides raise it, so that the vacatures load in a moment. */
const VDAB_PER_SECONDE = 1_000;

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalAanbieders: number;
  aantalPlaatsen: number | null;
  aantalErkendeLeerwerkplekken: number | null;
  aantalVacatures: number;
  aantalDualeVacatures: number;
  knelpunt: boolean;
  witteVlek: boolean;
  signalen: string[];
  onbekend: string[];
}

/** The paritaire comités of each sector databank (../shared/domain/GLOSSARY.md). */
const COMITES = ['149.01', '112', '124', '111', '209', '125', '126'];

const RADAR = `query Radar($niveau: Niveau) {
  radar(provincie: WEST_VLAANDEREN, niveau: $niveau) {
    regioCode opleidingscode aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken
    aantalVacatures aantalDualeVacatures knelpunt witteVlek signalen onbekend
    regio { naam provincie } opleiding { naam niveau }
  }
}`;

describe('the Radar Duaal of West-Vlaanderen through the gateway', () => {
  let system: System;
  let opleidingen: { opleidingscode: string; niveau: string; paritaireComites: string[] }[];
  /** Opleidingen whose leerwerkplekken no integrated databank can know: their count is null, not 0. */
  let zonderErkenningsbron: Set<string>;
  let plekken: Map<string, number>;
  let aanbod: Map<string, { aanbieders: number; plaatsen: number | null }>;
  let vacatures: Map<string, { totaal: number; duaal: number }>;
  let knelpuntOpleidingen: Set<string>;
  let zoekenden: Map<string, number>;

  beforeAll(async () => {
    system = await sharedSystem();
    const basis = system.mock.url;
    opleidingen = (await (await fetch(`${basis}/onderwijs/v1/opleidingen`)).json()) as typeof opleidingen;
    zonderErkenningsbron = new Set(
      opleidingen
        .filter((o) => !o.paritaireComites.some((pc) => COMITES.includes(pc)))
        .map((o) => o.opleidingscode),
    );
    plekken = erkendeLeerwerkplekken(await leesVerwachteErkenningen(basis, REFERENTIEDATUM), REFERENTIEDATUM);
    aanbod = aanbodTellingen(await leesAanbod(basis, schooljaarVan(REFERENTIEDATUM)));
    const beroepen = await leesBeroepenPerOpleiding(basis);
    vacatures = vacatureTellingen(await leesVacatures(basis, VDAB_PER_SECONDE), beroepen);
    const knelpunten = await leesKnelpuntcodes(basis, Number(REFERENTIEDATUM.slice(0, 4)));
    zoekenden = zoekendeLerendenPerCel(await leesLerenden(basis));
    knelpuntOpleidingen = new Set(
      [...beroepen].filter(([, codes]) => codes.some((c) => knelpunten.has(c))).map(([code]) => code),
    );
  });

  it('answers one cell per regio and opleiding, zero cells included, with every count equal to the partner data', async () => {
    const antwoord = await system.vraag(RADAR);
    expect(antwoord.errors).toBeUndefined();
    const cellen = (antwoord.data?.['radar'] ?? []) as Cel[];
    expect(cellen).toHaveLength(REGIOS.length * opleidingen.length);
    expect(new Set(cellen.map((c) => `${c.regioCode}|${c.opleidingscode}`)).size).toBe(cellen.length);
    let witteVlekken = 0;
    const gezien = new Set<string>();
    for (const cel of cellen) {
      const sleutel = `${cel.regioCode}|${cel.opleidingscode}`;
      const verwacht = aanbod.get(sleutel) ?? { aanbieders: 0, plaatsen: 0 };
      const vraag = vacatures.get(sleutel) ?? { totaal: 0, duaal: 0 };
      const knelpunt = knelpuntOpleidingen.has(cel.opleidingscode);
      const aantalPlekken = zonderErkenningsbron.has(cel.opleidingscode) ? null : (plekken.get(sleutel) ?? 0);
      expect({
        sleutel,
        aanbieders: cel.aantalAanbieders,
        plaatsen: cel.aantalPlaatsen,
        plekken: cel.aantalErkendeLeerwerkplekken,
        vacatures: cel.aantalVacatures,
        dualeVacatures: cel.aantalDualeVacatures,
        knelpunt: cel.knelpunt,
      }).toEqual({
        sleutel,
        aanbieders: verwacht.aanbieders,
        plaatsen: verwacht.plaatsen,
        plekken: aantalPlekken,
        vacatures: vraag.totaal,
        dualeVacatures: vraag.duaal,
        knelpunt,
      });
      // The rules of CONTRACT.md; a suppressed learner count (1 to 4) counts as not 0.
      const lerenden = zoekenden.get(sleutel) ?? 0;
      const signalen = [
        ...(vraag.totaal > 0 && verwacht.aanbieders === 0 ? ['VRAAG_ZONDER_AANBOD'] : []),
        // An unknown number of workplaces raises neither signal that needs it.
        ...(verwacht.aanbieders > 0 && aantalPlekken === 0 ? ['AANBOD_ZONDER_LEERWERKPLEKKEN'] : []),
        ...(lerenden > 0 && aantalPlekken === 0 ? ['LERENDEN_ZONDER_LEERWERKPLEK'] : []),
        ...(knelpunt && verwacht.aanbieders === 0 ? ['KNELPUNT_ZONDER_AANBOD'] : []),
      ];
      expect({ sleutel, signalen: cel.signalen }).toEqual({ sleutel, signalen });
      const onbekend = [
        ...(aantalPlekken === null ? ['ERKENDE_LEERWERKPLEKKEN'] : []),
        ...(verwacht.plaatsen === null ? ['PLAATSEN'] : []),
      ];
      expect({ sleutel, onbekend: cel.onbekend }).toEqual({ sleutel, onbekend });
      for (const s of cel.signalen) gezien.add(s);
      expect(cel.witteVlek).toBe(signalen.length > 0);
      if (cel.witteVlek) witteVlekken += 1;
    }
    // The data set must show every signal the graph can raise.
    expect([...gezien].sort()).toEqual([
      'AANBOD_ZONDER_LEERWERKPLEKKEN',
      'KNELPUNT_ZONDER_AANBOD',
      'LERENDEN_ZONDER_LEERWERKPLEK',
      'VRAAG_ZONDER_AANBOD',
    ]);
    expect(cellen.filter((c) => c.aantalDualeVacatures > 0).length).toBeGreaterThan(20);
    // The data set must make the radar interesting: some cells with offer and workplaces, some witte vlekken.
    expect(cellen.filter((c) => (c.aantalErkendeLeerwerkplekken ?? 0) > 0).length).toBeGreaterThan(50);
    // Some opleidingen have no erkenningsbron: the data set must show the unknown count too.
    expect(cellen.filter((c) => c.aantalErkendeLeerwerkplekken === null).length).toBeGreaterThan(0);
    expect(witteVlekken).toBeGreaterThan(0);
  });

  it('lists the sources it answered from in extensions.bronnen', async () => {
    const antwoord = await system.vraag(RADAR);
    const bronnen = (antwoord.extensions?.['bronnen'] ?? []) as { bron: string; toestand: string }[];
    expect(bronnen.map((b) => b.bron).sort()).toEqual([
      'CONSTRUCTIV',
      'EDUCAM',
      'KAZI',
      'MTECH',
      'ONDERWIJS',
      'VDAB',
      'VOLTA',
      'WOODWIZE',
    ]);
    expect(bronnen.every((b) => b.toestand === 'ACTUEEL')).toBe(true);
  });

  it('limits the cells to one niveau', async () => {
    const antwoord = await system.vraag(RADAR, { niveau: 'HOGER' });
    const cellen = (antwoord.data?.['radar'] ?? []) as (Cel & { opleiding: { niveau: string } })[];
    const hoger = opleidingen.filter((o) => o.niveau === 'HOGER').length;
    expect(hoger).toBeGreaterThan(0);
    expect(cellen).toHaveLength(REGIOS.length * hoger);
    expect(cellen.every((c) => c.opleiding.niveau === 'HOGER')).toBe(true);
  });

  it('asks no partner anything for a warm radar', async () => {
    await system.vraag(RADAR);
    await fetch(`${system.mock.url}/_mock/stats/reset`, { method: 'POST' });
    await system.vraag(RADAR);
    const stats = (await (await fetch(`${system.mock.url}/_mock/stats`)).json()) as Record<
      string,
      { requests: number }
    >;
    expect(Object.values(stats).reduce((som, p) => som + p.requests, 0)).toBe(0);
  });
});
