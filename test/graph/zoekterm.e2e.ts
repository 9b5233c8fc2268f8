/**
 * `OpleidingFilter.zoekterm` (CONTRACT.md part 2): every word of the term is the
 * start of a word of the opleiding's naam, studiedomein, beroepskwalificaties or
 * beroepsprofiel labels, ignoring case and diacritics. Compared with the
 * register and VDAB's labels read here from the partners themselves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { leesVacatures } from './vacatures-expectations.ts';

interface RegisterRij {
  opleidingscode: string;
  naam: string;
  studiedomein?: string | null;
  beroepskwalificaties: { naam: string }[];
  beroepsprofielCodes: string[];
}

/** Words as a reader would cut them: accents dropped, lower case, runs of letters and digits. */
function woordenVan(tekst: string): string[] {
  return (
    tekst
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

const ZOEK = `query($term: String) { opleidingen(filter: { zoekterm: $term }) { code naam } }`;

describe('zoekterm', () => {
  let system: System;
  let register: RegisterRij[];
  let labels: Map<string, string>;

  function verwacht(term: string): string[] {
    const gezocht = woordenVan(term);
    return register
      .filter((o) => {
        const woorden = woordenVan(
          [
            o.naam,
            o.studiedomein ?? '',
            ...o.beroepskwalificaties.map((b) => b.naam),
            ...o.beroepsprofielCodes.map((c) => labels.get(c) ?? ''),
          ].join(' '),
        );
        return gezocht.every((g) => woorden.some((w) => w.startsWith(g)));
      })
      .map((o) => o.opleidingscode)
      .sort();
  }

  async function gevonden(term: string): Promise<{ code: string; naam: string }[]> {
    const antwoord = await system.vraag(ZOEK, { term });
    expect(antwoord.errors).toBeUndefined();
    return antwoord.data?.['opleidingen'] as { code: string; naam: string }[];
  }

  beforeAll(async () => {
    system = await sharedSystem();
    register = (await (await fetch(`${system.mock.url}/onderwijs/v1/opleidingen`)).json()) as RegisterRij[];
    labels = new Map();
    for (const v of await leesVacatures(system.mock.url, 1_000))
      labels.set(v.functie.beroepsprofiel.code, v.functie.beroepsprofiel.label);
    const knelpunten = (await (await fetch(`${system.mock.url}/vdab/knelpuntberoepen/2026.json`)).json()) as {
      beroepen: { beroepsprofielCode: string; naam: string }[];
    };
    for (const b of knelpunten.beroepen)
      if (!labels.has(b.beroepsprofielCode)) labels.set(b.beroepsprofielCode, b.naam);
    // Onderwijsaanbod reads the labels once the vacatures subgraph holds VDAB's vacatures: wait for that copy.
    const tot = Date.now() + 60_000;
    for (;;) {
      const antwoord = await system.vraag(ZOEK, { term: 'x' });
      const bronnen = (antwoord.extensions?.['bronnen'] ?? []) as { bron: string; toestand: string }[];
      if (bronnen.some((b) => b.bron === 'VDAB' && b.toestand === 'ACTUEEL')) break;
      if (Date.now() > tot) throw new Error(`VDAB's labels never arrived: ${JSON.stringify(antwoord)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);

  it("finds the contract's examples: elektr finds Elektrotechnicus, meca the Mécanicien ones", async () => {
    const elektr = await gevonden('elektr');
    expect(elektr.map((o) => o.naam)).toContain('Elektrotechnicus duaal');
    expect(elektr.map((o) => o.code).sort()).toEqual(verwacht('elektr'));
    const meca = await gevonden('meca');
    expect(meca.length).toBeGreaterThan(0);
    expect(meca.map((o) => o.code).sort()).toEqual(verwacht('meca'));
    // Each through a word that starts with "meca" once accents are dropped.
    for (const o of meca) {
      const r = register.find((x) => x.opleidingscode === o.code);
      const tekst = [
        r?.naam,
        ...(r?.beroepskwalificaties.map((b) => b.naam) ?? []),
        ...(r?.beroepsprofielCodes.map((c) => labels.get(c)) ?? []),
      ].join(' ');
      expect(
        woordenVan(tekst).some((w) => w.startsWith('meca')),
        o.code,
      ).toBe(true);
    }
  });

  it('finds Elektrotechnicus for "Elektricien", through the beroepsprofiel label', async () => {
    const gevondenNamen = (await gevonden('Elektricien')).map((o) => o.naam);
    expect(gevondenNamen).toContain('Elektrotechnicus duaal');
    expect(woordenVan(register.find((o) => o.naam === 'Elektrotechnicus duaal')?.naam ?? '')).not.toContain(
      'elektricien',
    );
  });

  it.each([
    'ruwbouw',
    'CNC',
    'machinaal hout',
    'stem installateur',
    'Kapper',
    'ÉLEKTRO TECHN',
    'fotovoltaïsche',
    'onderhoudsmech auto',
    'lasser-monteur',
    'zzzqx',
  ])('finds for "%s" exactly the opleidingen the register and VDAB say', async (term) => {
    const codes = (await gevonden(term)).map((o) => o.code).sort();
    expect(codes).toEqual(verwacht(term));
    if (term !== 'zzzqx') expect(codes.length, term).toBeGreaterThan(0);
  });

  it('ignores case and diacritics alike', async () => {
    const a = (await gevonden('Mécanicien')).map((o) => o.code);
    expect(a.length).toBeGreaterThan(0);
    expect((await gevonden('MECANICIEN')).map((o) => o.code)).toEqual(a);
    expect((await gevonden('mecanicien')).map((o) => o.code)).toEqual(a);
  });
});
