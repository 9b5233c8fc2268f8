import { schooljaarVan, volgendSchooljaar } from '@duaal-graph/domein';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';
import { leesAanbod, REGIO_VAN_NIS } from './expectations.ts';

const SCHOOLJAAR = schooljaarVan(REFERENTIEDATUM);

describe('opleidingen, scholen and aanbod through the gateway', () => {
  let system: System;
  let rijen: Awaited<ReturnType<typeof leesAanbod>>;

  beforeAll(async () => {
    system = await sharedSystem();
    rijen = await leesAanbod(system.mock.url, SCHOOLJAAR);
  });

  it('gives the aanbod of every opleiding per region, equal to the register', async () => {
    const codes = [...new Set(rijen.map((r) => r.opleidingscode))];
    for (const regio of ['BRUGGE', 'WESTHOEK', 'ZUID_WEST_VLAANDEREN']) {
      const antwoord = await system.vraag(
        `query($regio: ID!) { opleidingen { code aanbod(regioCode: $regio) { school { instellingsnummer } capaciteit ingeschreven vrijePlaatsen schooljaar gemeente { nisCode } } } }`,
        { regio },
      );
      expect(antwoord.errors).toBeUndefined();
      const opleidingen = antwoord.data?.['opleidingen'] as {
        code: string;
        aanbod: {
          school: { instellingsnummer: string };
          capaciteit: number | null;
          ingeschreven: number;
          vrijePlaatsen: number | null;
          schooljaar: string;
          gemeente: { nisCode: string };
        }[];
      }[];
      for (const code of codes) {
        const verwacht = rijen
          .filter((r) => r.opleidingscode === code && REGIO_VAN_NIS.get(r.vestigingsplaats.nisCode) === regio)
          .map(
            (r) => `${r.instellingsnummer}|${r.vestigingsplaats.nisCode}|${r.capaciteit}|${r.ingeschreven}`,
          )
          .sort();
        const gekregen = (opleidingen.find((o) => o.code === code)?.aanbod ?? []).map(
          (a) => `${a.school.instellingsnummer}|${a.gemeente.nisCode}|${a.capaciteit}|${a.ingeschreven}`,
        );
        expect(gekregen.sort()).toEqual(verwacht);
      }
      for (const a of opleidingen.flatMap((o) => o.aanbod)) {
        expect(a.schooljaar).toBe(SCHOOLJAAR);
        expect(a.vrijePlaatsen).toBe(
          a.capaciteit === null ? null : Math.max(0, a.capaciteit - a.ingeschreven),
        );
      }
    }
  });

  it('answers the next school year on request, and refuses a school year that is none', async () => {
    const volgend = volgendSchooljaar(SCHOOLJAAR);
    const antwoord = await system.vraag(
      `query($jaar: String) { opleiding(code: "DS-ELT-3") { aanbod(schooljaar: $jaar) { schooljaar } } }`,
      { jaar: volgend },
    );
    const aanbod = (antwoord.data?.['opleiding'] as { aanbod: { schooljaar: string }[] }).aanbod;
    expect(aanbod.length).toBeGreaterThan(0);
    expect(aanbod.every((a) => a.schooljaar === volgend)).toBe(true);
    const fout = await system.vraag(
      `{ opleiding(code: "DS-ELT-3") { aanbod(schooljaar: "2026-2028") { schooljaar } } }`,
    );
    expect(fout.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'schooljaar' });
  });

  it('filters scholen on region and opleiding, with Relay paging and totalCount', async () => {
    const verwacht = new Set(
      rijen
        .filter(
          (r) =>
            r.opleidingscode === 'DS-ELT-3' && REGIO_VAN_NIS.get(r.vestigingsplaats.nisCode) === 'BRUGGE',
        )
        .map((r) => r.instellingsnummer),
    );
    const gezien: string[] = [];
    let after: string | null = null;
    for (;;) {
      const antwoord = await system.vraag(
        `query($after: String) { scholen(first: 2, after: $after, filter: { regioCode: "BRUGGE", opleidingscode: "DS-ELT-3" }) { totalCount edges { cursor node { instellingsnummer } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const scholen = antwoord.data?.['scholen'] as {
        totalCount: number;
        edges: { node: { instellingsnummer: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      expect(scholen.totalCount).toBe(verwacht.size);
      gezien.push(...scholen.edges.map((e) => e.node.instellingsnummer));
      if (!scholen.pageInfo.hasNextPage) break;
      after = scholen.pageInfo.endCursor;
    }
    expect(new Set(gezien)).toEqual(verwacht);
    expect(gezien).toHaveLength(verwacht.size);
    const teVeel = await system.vraag('{ scholen(first: 101) { totalCount } }');
    expect(teVeel.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('reports every dirty aanbod row of the register as a Bevinding in onderwijsbron', async () => {
    const antwoord = await system.vraag(
      '{ onderwijsbron { bron toestand aantalRecords aantalAfgekeurd bevindingen(first: 1000) { recordId regel veld waarde } } }',
      {},
      await alsRol({ rol: 'analist' }),
    );
    const rapport = antwoord.data?.['onderwijsbron'] as {
      toestand: string;
      aantalAfgekeurd: number;
      bevindingen: { recordId: string; regel: string }[];
    };
    expect(rapport.toestand).toBe('ACTUEEL');
    const vuil = system.mock.wereld.vuil.filter((v) => v.partner === 'onderwijs');
    expect(vuil.length).toBeGreaterThan(0);
    const ids = new Set(rapport.bevindingen.map((b) => b.recordId));
    for (const v of vuil) expect(ids.has(v.recordId), `${v.soort} ${v.recordId}`).toBe(true);
    expect(rapport.aantalAfgekeurd).toBe(vuil.filter((v) => v.behandeling === 'AFKEUREN').length);
  });
});
