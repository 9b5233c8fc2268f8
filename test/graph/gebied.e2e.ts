import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesWestVlaamseGemeenten } from '../contract/sector-reader.ts';
import { startSystem, type System } from './system.ts';

describe("gemeenten and regio's through the gateway", () => {
  let system: System;
  const glossarium = leesWestVlaamseGemeenten();

  beforeAll(async () => {
    system = await startSystem({ vdabPerSeconde: 1_000 });
  });

  afterAll(async () => {
    await system.stop();
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
});
