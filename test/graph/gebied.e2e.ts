import { beforeAll, describe, expect, it } from 'vitest';
import { leesWestVlaamseGemeenten } from '../contract/sector-reader.ts';
import { GEO_GEMEENTEN, GEO_POSTCODES } from './geo-reader.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';

describe("gemeenten and regio's through the gateway", () => {
  let system: System;
  const glossarium = leesWestVlaamseGemeenten();

  beforeAll(async () => {
    system = await sharedSystem();
  });

  it("gives the glossary's five West-Flemish regions with every municipality in the right one", async () => {
    const antwoord = await system.vraag(
      '{ regios(provincie: WEST_VLAANDEREN) { code naam provincie gemeenten { nisCode naam postcodes } } }',
    );
    const regios = antwoord.data?.['regios'] as {
      code: string;
      gemeenten: { nisCode: string; naam: string; postcodes: string[] }[];
    }[];
    expect(regios.map((r) => r.code).sort()).toEqual([
      'BRUGGE',
      'MIDWEST',
      'OOSTENDE',
      'WESTHOEK',
      'ZUID_WEST_VLAANDEREN',
    ]);
    const gekregen = regios
      .flatMap((r) => r.gemeenten.map((g) => `${g.nisCode}|${g.naam}|${g.postcodes[0] ?? ''}|${r.code}`))
      .sort();
    expect(gekregen).toEqual(glossarium.map((g) => `${g.nis}|${g.gemeente}|${g.postcode}|${g.regio}`).sort());
    const alle = await system.vraag('{ regios { code provincie } }');
    expect((alle.data?.['regios'] as unknown[]).length).toBe(19);
  });

  it('finds a gemeente by NIS code and by postcode, null when unknown, BAD_USER_INPUT when malformed', async () => {
    const antwoord = await system.vraag(`{
      kortrijk: gemeente(nisCode: "34022") { naam provincie regio { code naam } }
      viaPostcode: gemeenteVoorPostcode(postcode: "8957") { nisCode naam }
      onbekend: gemeenteVoorPostcode(postcode: "9999") { nisCode }
      regio(code: "MIDWEST") { naam gemeenten { naam } }
    }`);
    expect(antwoord.errors).toBeUndefined();
    expect(antwoord.data).toMatchObject({
      kortrijk: {
        naam: 'Kortrijk',
        provincie: 'WEST_VLAANDEREN',
        regio: { code: 'ZUID_WEST_VLAANDEREN', naam: 'Zuid-West-Vlaanderen' },
      },
      viaPostcode: { nisCode: '33016', naam: 'Mesen' },
      onbekend: null,
    });
    expect((antwoord.data?.['regio'] as { gemeenten: unknown[] }).gemeenten).toHaveLength(
      glossarium.filter((g) => g.regio === 'MIDWEST').length,
    );
    const fout = await system.vraag('{ gemeente(nisCode: "3402") { naam } }');
    expect(fout.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'nisCode' });
  });

  it('places every gemeente of Flanders at its representative point, with every postcode of the geo data', async () => {
    const antwoord = await system.vraag(
      '{ regios { gemeenten { nisCode naam postcodes ligging { lat lon } } } }',
    );
    expect(antwoord.errors).toBeUndefined();
    const gemeenten = (
      antwoord.data?.['regios'] as {
        gemeenten: {
          nisCode: string;
          naam: string;
          postcodes: string[];
          ligging: { lat: number; lon: number };
        }[];
      }[]
    ).flatMap((r) => r.gemeenten);
    expect(gemeenten).toHaveLength(GEO_GEMEENTEN.length);
    const postcodesPerNis = new Map<string, string[]>();
    for (const [postcode, lijst] of GEO_POSTCODES)
      for (const nis of lijst) postcodesPerNis.set(nis, [...(postcodesPerNis.get(nis) ?? []), postcode]);
    for (const g of GEO_GEMEENTEN) {
      const gekregen = gemeenten.find((x) => x.nisCode === g.nis);
      expect(gekregen, g.naam).toMatchObject({ naam: g.naam, ligging: { lat: g.lat, lon: g.lon } });
      expect([...(gekregen?.postcodes ?? [])].sort(), g.naam).toEqual(postcodesPerNis.get(g.nis)?.sort());
    }
  });

  it('answers every Flemish postcode, deelgemeenten included, and refuses a malformed one', async () => {
    const postcodes = [...GEO_POSTCODES.keys()];
    // In chunks within the limit of root fields.
    for (let i = 0; i < postcodes.length; i += 20) {
      const deel = postcodes.slice(i, i + 20);
      const antwoord = await system.vraag(
        `{ ${deel.map((p) => `p${p}: gemeenteVoorPostcode(postcode: "${p}") { nisCode }`).join(' ')} }`,
      );
      expect(antwoord.errors).toBeUndefined();
      for (const p of deel)
        expect((antwoord.data?.[`p${p}`] as { nisCode: string }).nisCode, p).toBe(GEO_POSTCODES.get(p)?.[0]);
    }
    const voorbeelden = await system.vraag(`{
      assebroek: gemeenteVoorPostcode(postcode: "8310") { naam }
      sintAndries: gemeenteVoorPostcode(postcode: "B-8200") { naam }
      heule: gemeenteVoorPostcode(postcode: " 8501 ") { naam }
      brussel: gemeenteVoorPostcode(postcode: "1000") { naam }
    }`);
    expect(voorbeelden.data).toEqual({
      assebroek: { naam: 'Brugge' },
      sintAndries: { naam: 'Brugge' },
      heule: { naam: 'Kortrijk' },
      brussel: null,
    });
    const fout = await system.vraag('{ gemeenteVoorPostcode(postcode: "83 10") { naam } }');
    expect(fout.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'postcode' });
  });
});
