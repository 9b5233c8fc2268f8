import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesAlleVoltaPaginas, type VoltaErkenning } from '../contract/sector-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/**
 * The findings history (`Bevinding.eersteKeerGezien`, `laatstGezien`,
 * `opgelost`, `BronRapport.bevindingen(opgelost:)`): a dirty Volta record is
 * fixed and a new one made dirty through the mock's record hooks, Volta is
 * read again, and the erkenningen subgraph is restarted.
 */

interface Bevinding {
  recordId: string | null;
  regel: string;
  veld: string | null;
  waarde: string | null;
  eersteKeerGezien: string;
  laatstGezien: string;
  opgelost: boolean;
}

const RAPPORT = `query($opgelost: Boolean) { erkenningsbronnen { bron
  bevindingen(first: 10000, opgelost: $opgelost) { recordId regel veld waarde eersteKeerGezien laatstGezien opgelost } } }`;

/** A code no register holds: the record that carries it is rejected with ONBEKENDE_OPLEIDING. */
const ONBEKENDE_CODE = 'ZZ-HISTORIE-9';

describe('the findings history', () => {
  let systeem: System;
  let analist: Record<string, string>;

  beforeAll(async () => {
    systeem = await startSystem({ vdabPerSeconde: 1_000 });
    analist = await alsRol({ rol: 'analist' });
    // The whole system on a busy 2-core machine: minutes, as for the other files that start it.
  }, 300_000);

  afterAll(async () => {
    await systeem.stop();
  });

  const volta = async (opgelost?: boolean, headers = analist): Promise<Bevinding[]> => {
    const antwoord = await systeem.vraag(RAPPORT, opgelost === undefined ? {} : { opgelost }, headers);
    expect(antwoord.errors).toBeUndefined();
    const rapporten = antwoord.data?.['erkenningsbronnen'] as { bron: string; bevindingen: Bevinding[] }[];
    return rapporten.find((r) => r.bron === 'VOLTA')?.bevindingen ?? [];
  };
  const leesVolta = () =>
    systeem.erkenningen.bestand.sectoren.find((s) => s.sector === 'VOLTA')?.snapshot.ververs();
  const zet = async (record: VoltaErkenning) => {
    const antwoord = await fetch(`${systeem.mock.url}/_mock/volta/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record),
    });
    expect(antwoord.status).toBe(200);
  };

  it('a fixed record’s finding is opgelost, seen first before and last at the last read that had it; a new one has its own first sighting; a restart keeps both', async () => {
    const vuil = systeem.mock.wereld.vuil.find(
      (v) => v.partner === 'volta' && v.soort === 'ONBEKENDE_OPLEIDING',
    );
    if (!vuil) throw new Error('geen Volta-record met een onbekende opleiding in de testdata');
    const records = (await leesAlleVoltaPaginas(systeem.mock.url)).items;
    const vuilRecord = records.find((r) => r.erkenningId === vuil.recordId);
    const vuileIds = new Set(
      systeem.mock.wereld.vuil.filter((v) => v.partner === 'volta').map((v) => v.recordId),
    );
    const schoon = records.find((r) => !vuileIds.has(r.erkenningId));
    if (!vuilRecord || !schoon) throw new Error('Volta-records niet gevonden');
    const vanRecord = (lijst: Bevinding[], id: string) =>
      lijst.find((b) => b.recordId === id && b.regel === 'ONBEKENDE_OPLEIDING');

    const voor = vanRecord(await volta(), vuil.recordId);
    expect(voor).toMatchObject({ opgelost: false, waarde: vuil.waarde });
    expect(vanRecord(await volta(), schoon.erkenningId)).toBeUndefined();

    // A read that still has it moves its last sighting, not its first.
    await leesVolta();
    const gezien = vanRecord(await volta(), vuil.recordId);
    expect(gezien?.eersteKeerGezien).toBe(voor?.eersteKeerGezien);
    expect(Date.parse(gezien?.laatstGezien ?? '')).toBeGreaterThan(Date.parse(voor?.laatstGezien ?? ''));

    await zet({
      ...vuilRecord,
      opleidingscodes: vuilRecord.opleidingscodes.filter((c) => c !== vuil.waarde),
    });
    await zet({ ...schoon, opleidingscodes: [...schoon.opleidingscodes, ONBEKENDE_CODE] });
    const voorLezing = Date.now();
    await leesVolta();

    const alle = await volta();
    expect(vanRecord(alle, vuil.recordId)).toEqual({
      ...gezien,
      laatstGezien: gezien?.laatstGezien,
      opgelost: true,
    });
    const nieuw = vanRecord(alle, schoon.erkenningId);
    expect(nieuw).toMatchObject({ waarde: ONBEKENDE_CODE, opgelost: false });
    expect(Date.parse(nieuw?.eersteKeerGezien ?? '')).toBeGreaterThanOrEqual(voorLezing);
    expect(nieuw?.laatstGezien).toBe(nieuw?.eersteKeerGezien);
    // Open ones first, and the filter gives each side alone.
    expect(alle.findIndex((b) => b.opgelost)).toBeGreaterThan(alle.findIndex((b) => !b.opgelost));
    const opgelost = await volta(true);
    const open = await volta(false);
    expect(opgelost.every((b) => b.opgelost) && open.every((b) => !b.opgelost)).toBe(true);
    expect(opgelost.length + open.length).toBe(alle.length);
    expect(vanRecord(opgelost, vuil.recordId)).toBeDefined();
    expect(vanRecord(open, schoon.erkenningId)).toBeDefined();

    await systeem.herstartErkenningen();
    const na = await volta();
    expect(vanRecord(na, vuil.recordId)).toEqual(vanRecord(alle, vuil.recordId));
    expect(vanRecord(na, schoon.erkenningId)?.eersteKeerGezien).toBe(nieuw?.eersteKeerGezien);
    expect(vanRecord(na, schoon.erkenningId)?.opgelost).toBe(false);
  }, 300_000);

  it('follows the access rules of BronRapport: a partner sees its own sector’s history only, the public none', async () => {
    const partner = await alsRol({ rol: 'partner', sector: 'EDUCAM' });
    const antwoord = await systeem.vraag(RAPPORT, { opgelost: true }, partner);
    const rapporten = antwoord.data?.['erkenningsbronnen'] as { bron: string }[];
    expect(rapporten.map((r) => r.bron)).toEqual(['EDUCAM']);
    const publiek = await systeem.vraag(RAPPORT, { opgelost: true });
    expect(publiek.data?.['erkenningsbronnen']).toEqual([]);
  });
});
