import { schooljaarVan } from '@duaal-graph/domein';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { startSysteem, type Systeem } from './systeem.ts';
import {
  aanbodTellingen,
  erkendeLeerwerkplekken,
  leesAanbod,
  leesVerwachteErkenningen,
  REGIOS,
} from './verwachting.ts';

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalAanbieders: number;
  aantalPlaatsen: number | null;
  aantalErkendeLeerwerkplekken: number;
  witteVlek: boolean;
  signalen: string[];
}

const RADAR = `query Radar($niveau: Niveau) {
  radar(provincie: WEST_VLAANDEREN, niveau: $niveau) {
    regioCode opleidingscode aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken witteVlek signalen
    regio { naam provincie } opleiding { naam niveau }
  }
}`;

describe('the Radar Duaal of West-Vlaanderen through the gateway', () => {
  let systeem: Systeem;
  let opleidingen: { opleidingscode: string; niveau: string }[];
  let plekken: Map<string, number>;
  let aanbod: Map<string, { aanbieders: number; plaatsen: number | null }>;

  beforeAll(async () => {
    systeem = await startSysteem();
    const basis = systeem.mock.url;
    opleidingen = (await (await fetch(`${basis}/onderwijs/v1/opleidingen`)).json()) as typeof opleidingen;
    plekken = erkendeLeerwerkplekken(await leesVerwachteErkenningen(basis, REFERENTIEDATUM), REFERENTIEDATUM);
    aanbod = aanbodTellingen(await leesAanbod(basis, schooljaarVan(REFERENTIEDATUM)));
  });

  afterAll(async () => {
    await systeem.stop();
  });

  it('answers one cell per regio and opleiding, zero cells included, with every count equal to the partner data', async () => {
    const antwoord = await systeem.vraag(RADAR);
    expect(antwoord.errors).toBeUndefined();
    const cellen = (antwoord.data?.['radar'] ?? []) as Cel[];
    expect(cellen).toHaveLength(REGIOS.length * opleidingen.length);
    expect(new Set(cellen.map((c) => `${c.regioCode}|${c.opleidingscode}`)).size).toBe(cellen.length);
    let witteVlekken = 0;
    for (const cel of cellen) {
      const sleutel = `${cel.regioCode}|${cel.opleidingscode}`;
      const verwacht = aanbod.get(sleutel) ?? { aanbieders: 0, plaatsen: 0 };
      expect({
        sleutel,
        aanbieders: cel.aantalAanbieders,
        plaatsen: cel.aantalPlaatsen,
        plekken: cel.aantalErkendeLeerwerkplekken,
      }).toEqual({
        sleutel,
        aanbieders: verwacht.aanbieders,
        plaatsen: verwacht.plaatsen,
        plekken: plekken.get(sleutel) ?? 0,
      });
      const zonderPlekken = cel.aantalAanbieders > 0 && cel.aantalErkendeLeerwerkplekken === 0;
      expect(cel.signalen.includes('AANBOD_ZONDER_LEERWERKPLEKKEN')).toBe(zonderPlekken);
      expect(cel.witteVlek).toBe(cel.signalen.length > 0);
      if (cel.witteVlek) witteVlekken += 1;
    }
    // The data set must make the radar interesting: some cells with offer and workplaces, some witte vlekken.
    expect(cellen.filter((c) => c.aantalErkendeLeerwerkplekken > 0).length).toBeGreaterThan(50);
    expect(witteVlekken).toBeGreaterThan(0);
  });

  it('lists the sources it answered from in extensions.bronnen', async () => {
    const antwoord = await systeem.vraag(RADAR);
    const bronnen = (antwoord.extensions?.['bronnen'] ?? []) as { bron: string; toestand: string }[];
    expect(bronnen.map((b) => b.bron).sort()).toEqual([
      'CONSTRUCTIV',
      'EDUCAM',
      'MTECH',
      'ONDERWIJS',
      'VOLTA',
      'WOODWIZE',
    ]);
    expect(bronnen.every((b) => b.toestand === 'ACTUEEL')).toBe(true);
  });

  it('limits the cells to one niveau', async () => {
    const antwoord = await systeem.vraag(RADAR, { niveau: 'HOGER' });
    const cellen = (antwoord.data?.['radar'] ?? []) as (Cel & { opleiding: { niveau: string } })[];
    const hoger = opleidingen.filter((o) => o.niveau === 'HOGER').length;
    expect(hoger).toBeGreaterThan(0);
    expect(cellen).toHaveLength(REGIOS.length * hoger);
    expect(cellen.every((c) => c.opleiding.niveau === 'HOGER')).toBe(true);
  });

  it('asks no partner anything for a warm radar', async () => {
    await systeem.vraag(RADAR);
    await fetch(`${systeem.mock.url}/_mock/stats/reset`, { method: 'POST' });
    await systeem.vraag(RADAR);
    const stats = (await (await fetch(`${systeem.mock.url}/_mock/stats`)).json()) as Record<
      string,
      { requests: number }
    >;
    expect(Object.values(stats).reduce((som, p) => som + p.requests, 0)).toBe(0);
  });
});
