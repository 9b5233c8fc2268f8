import { beforeAll, describe, expect, it } from 'vitest';
import { leesLerenden, zoekendeLerendenPerCel, type KaziLerende } from './kazi-reader.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';
import { REGIO_VAN_NIS } from './expectations.ts';

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalZoekendeLerenden: { waarde: number | null; onderdrukt: boolean };
}

const RADAR = `{ radar(provincie: WEST_VLAANDEREN) { regioCode opleidingscode aantalZoekendeLerenden { waarde onderdrukt } } }`;

const EIGEN_ZOEKENDEN = `query($after: String) {
  lerenden(filter: { status: ZOEKEND }, first: 100, after: $after) {
    edges { node { id status opleiding { code } woonGemeente { nisCode } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface EigenLerende {
  id: string;
  status: string;
  opleiding: { code: string };
  woonGemeente: { nisCode: string };
}

const isKlein = (n: number) => n >= 1 && n <= 4;
const sleutel = (c: Cel) => `${c.regioCode}|${c.opleidingscode}`;

describe('learner counts cannot be differenced down to 1 to 4', () => {
  let system: System;
  let lerenden: KaziLerende[];
  let scholen: string[];

  beforeAll(async () => {
    system = await sharedSystem();
    lerenden = await leesLerenden(system.mock.url);
    scholen = [...new Set(lerenden.map((l) => l.instellingsnummer))].sort();
  });

  /** What a trajectbegeleider of this school sees of its own ZOEKEND learners, through the graph, per cell. */
  async function eigenPerCel(headers: Record<string, string>): Promise<Map<string, number>> {
    const perCel = new Map<string, number>();
    let after: string | null = null;
    for (;;) {
      const a = await system.vraag(EIGEN_ZOEKENDEN, { after }, headers);
      expect(a.errors).toBeUndefined();
      const connection = a.data?.['lerenden'] as {
        edges: { node: EigenLerende }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      for (const { node } of connection.edges) {
        const regio = REGIO_VAN_NIS.get(node.woonGemeente.nisCode);
        if (!regio || node.status !== 'ZOEKEND') continue;
        const s = `${regio}|${node.opleiding.code}`;
        perCel.set(s, (perCel.get(s) ?? 0) + 1);
      }
      if (!connection.pageInfo.hasNextPage) return perCel;
      after = connection.pageInfo.endCursor;
    }
  }

  it('the data holds cells that the 1-to-4 rule alone would give away by difference', () => {
    // Without this the test below could not fail: the issue found 52 such (school, cell) pairs.
    const totaal = zoekendeLerendenPerCel(lerenden);
    const perSchool = new Map<string, Map<string, number>>();
    for (const school of scholen)
      perSchool.set(school, zoekendeLerendenPerCel(lerenden.filter((l) => l.instellingsnummer === school)));
    let gevaarlijk = 0;
    for (const [cel, aantal] of totaal) {
      if (isKlein(aantal)) continue;
      for (const eigen of perSchool.values()) if (isKlein(aantal - (eigen.get(cel) ?? 0))) gevaarlijk += 1;
    }
    expect(gevaarlijk).toBeGreaterThan(0);
  });

  it('no trajectbegeleider of any school finds 1 to 4 by subtracting its own learners, from any radar cell', async () => {
    const anoniem = await system.vraag(RADAR);
    expect(anoniem.errors).toBeUndefined();
    const publiek = new Map((anoniem.data?.['radar'] as Cel[]).map((c) => [sleutel(c), c]));
    expect(publiek.size).toBeGreaterThan(100);

    const afgeleid: string[] = [];
    let vergeleken = 0;
    let eigenGezien = 0;
    for (const school of scholen) {
      const headers = await alsRol({
        rol: 'trajectbegeleider',
        instellingsnummer: school,
        sub: `tb-${school}`,
      });
      const [radar, eigen] = await Promise.all([system.vraag(RADAR, {}, headers), eigenPerCel(headers)]);
      expect(radar.errors).toBeUndefined();
      for (const cel of radar.data?.['radar'] as Cel[]) {
        const mijn = eigen.get(sleutel(cel)) ?? 0;
        eigenGezien += mijn;
        // The same person may ask without a token: both answers are differenced.
        for (const getoond of [
          cel.aantalZoekendeLerenden,
          publiek.get(sleutel(cel))?.aantalZoekendeLerenden,
        ]) {
          if (getoond?.waarde === null || getoond?.waarde === undefined) continue;
          vergeleken += 1;
          if (isKlein(getoond.waarde - mijn) || isKlein(getoond.waarde))
            afgeleid.push(`${school} ${sleutel(cel)}: ${String(getoond.waarde)} - ${String(mijn)}`);
        }
      }
    }
    expect(afgeleid).toEqual([]);
    // The comparison must have met shown counts and own learners in them to mean something.
    expect(vergeleken).toBeGreaterThan(scholen.length * 100);
    expect(eigenGezien).toBeGreaterThan(0);
  });

  it('a count that is shown is the true one, and the same for every caller', async () => {
    const waar = zoekendeLerendenPerCel(lerenden);
    const anoniem = (await system.vraag(RADAR)).data?.['radar'] as Cel[];
    const getoond = anoniem.filter((c) => c.aantalZoekendeLerenden.waarde !== null);
    expect(getoond.some((c) => (c.aantalZoekendeLerenden.waarde ?? 0) >= 5)).toBe(true);
    for (const cel of anoniem) {
      const aantal = waar.get(sleutel(cel)) ?? 0;
      if (cel.aantalZoekendeLerenden.onderdrukt) expect(aantal).toBeGreaterThan(0);
      else
        expect({ cel: sleutel(cel), aantal: cel.aantalZoekendeLerenden.waarde }).toEqual({
          cel: sleutel(cel),
          aantal,
        });
    }
    for (const claims of [
      { rol: 'analist' as const },
      { rol: 'trajectbegeleider' as const, instellingsnummer: scholen[0] ?? '' },
    ]) {
      expect((await system.vraag(RADAR, {}, await alsRol(claims))).data?.['radar']).toEqual(anoniem);
    }
  });
});
