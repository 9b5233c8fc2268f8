/**
 * No silent zeros (CONTRACT.md part 2): an unknown opleidingscode, regioCode or
 * nisCode in an argument or filter of any subgraph is BAD_USER_INPUT naming it,
 * and a school year the register does not hold is BAD_USER_INPUT naming the ones
 * it holds; a lookup by key still answers null, and a known code with nothing
 * attached still answers an empty list. Plus `Opleiding.erkenningsbronnen`
 * against the glossary's paritaire comités.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { leesRegister, type RegisterOpleiding } from '../contract/sector-reader.ts';

/** The register's opleiding as onderwijsaanbod.md gives it: the reader types only the fields it needs. */
type RegisterRij = RegisterOpleiding & { readonly paritaireComites: readonly string[] };
import { schooljaarVan } from '../contract/glossary.ts';
import { leesVerwachteErkenningen } from './expectations.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';

const ONBEKENDE_CODE = 'DS-ONBESTAAND-3';
const ONBEKENDE_REGIO = 'NERGENSLAND';
// Five digits, but no Flemish municipality.
const ONBEKENDE_NIS = '99999';

/** The paritaire comités of each integrated databank, from ../shared/domain/GLOSSARY.md. */
const COMITES: Record<string, readonly string[]> = {
  VOLTA: ['149.01'],
  EDUCAM: ['112'],
  CONSTRUCTIV: ['124'],
  MTECH: ['111', '209'],
  WOODWIZE: ['125', '126'],
};

describe('no silent zeros', () => {
  let system: System;
  let kbo: string;
  let vestiging: string;
  let register: RegisterRij[];
  let code: string;
  let instellingsnummer: string;
  let analist: Record<string, string>;

  beforeAll(async () => {
    system = await sharedSystem();
    const verwacht = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
    const e = verwacht.find((x) => x.status === 'ERKEND' && x.vestiging !== null);
    kbo = e?.kbo ?? '';
    vestiging = e?.vestiging ?? '';
    code = e?.opleidingscode ?? '';
    register = (await leesRegister(system.mock.url)) as RegisterRij[];
    const scholen = await system.vraag('{ scholen(first: 1) { edges { node { instellingsnummer } } } }');
    instellingsnummer =
      (scholen.data?.['scholen'] as { edges: { node: { instellingsnummer: string } }[] }).edges[0]?.node
        .instellingsnummer ?? '';
    analist = await alsRol({ rol: 'analist' });
  });

  async function geweigerd(
    query: string,
    variables: Record<string, unknown>,
    argument: string,
  ): Promise<{ message: string }> {
    const antwoord = await system.vraag(
      query,
      { kbo, vestiging, code, instellingsnummer, ...variables },
      analist,
    );
    const fout = antwoord.errors?.[0];
    expect(fout?.extensions, JSON.stringify(antwoord)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    return { message: fout?.message ?? '' };
  }

  describe('an unknown opleidingscode', () => {
    const o = { o: ONBEKENDE_CODE };
    it.each([
      [
        'ondernemingen(filter)',
        'query($o: ID) { ondernemingen(filter: { opleidingscode: $o }) { totalCount } }',
      ],
      [
        'Onderneming.erkenningen',
        'query($kbo: ID!, $o: ID) { onderneming(ondernemingsnummer: $kbo) { erkenningen(opleidingscode: $o) { id } } }',
      ],
      [
        'Vestiging.erkenningen',
        'query($vestiging: ID!, $o: ID) { vestiging(vestigingsnummer: $vestiging) { erkenningen(opleidingscode: $o) { id } } }',
      ],
      [
        'Vestiging.erkendVoor',
        'query($vestiging: ID!, $o: ID!) { vestiging(vestigingsnummer: $vestiging) { erkendVoor(opleidingscode: $o) } }',
      ],
      ['erkenningen(filter)', 'query($o: ID) { erkenningen(filter: { opleidingscode: $o }) { totalCount } }'],
      ['scholen(filter)', 'query($o: ID) { scholen(filter: { opleidingscode: $o }) { totalCount } }'],
      ['vacatures(filter)', 'query($o: ID) { vacatures(filter: { opleidingscode: $o }) { totalCount } }'],
    ])('in %s is BAD_USER_INPUT naming opleidingscode', async (_, query) => {
      const { message } = await geweigerd(query, o, 'opleidingscode');
      expect(message).toContain(ONBEKENDE_CODE);
    });

    it('in lerenden(filter) of a trajectbegeleider is BAD_USER_INPUT naming filter.opleidingscode', async () => {
      const antwoord = await system.vraag(
        'query($o: ID) { lerenden(filter: { opleidingscode: $o }) { totalCount } }',
        o,
        await alsRol({ rol: 'trajectbegeleider', instellingsnummer }),
      );
      expect(antwoord.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'filter.opleidingscode',
      });
      const bekend = await system.vraag(
        'query($o: ID) { lerenden(filter: { opleidingscode: $o }) { totalCount } }',
        { o: code },
        await alsRol({ rol: 'trajectbegeleider', instellingsnummer }),
      );
      expect(bekend.errors).toBeUndefined();
    });

    it('in a lookup by key still answers null', async () => {
      const antwoord = await system.vraag('query($o: ID!) { opleiding(code: $o) { naam } }', o);
      expect(antwoord.errors).toBeUndefined();
      expect(antwoord.data).toEqual({ opleiding: null });
    });

    it('differs from a known code with nothing attached, which is an honest empty answer', async () => {
      // An opleiding no databank covers has no erkenning anywhere.
      const zonderBron = register.find(
        (r) => !r.paritaireComites.some((pc) => Object.values(COMITES).flat().includes(pc)),
      );
      expect(zonderBron).toBeDefined();
      const antwoord = await system.vraag(
        'query($o: ID) { ondernemingen(filter: { opleidingscode: $o }) { totalCount } erkenningen(filter: { opleidingscode: $o }) { totalCount } }',
        { o: zonderBron?.opleidingscode },
      );
      expect(antwoord.errors).toBeUndefined();
      expect(antwoord.data).toEqual({ ondernemingen: { totalCount: 0 }, erkenningen: { totalCount: 0 } });
    });
  });

  describe('an unknown regioCode or nisCode', () => {
    it.each([
      [
        'ondernemingen(filter)',
        'query($r: ID, $n: ID) { ondernemingen(filter: { regioCode: $r, nisCode: $n }) { totalCount } }',
      ],
      [
        'erkenningen(filter)',
        'query($r: ID, $n: ID) { erkenningen(filter: { regioCode: $r, nisCode: $n }) { totalCount } }',
      ],
      [
        'Opleiding.erkendeLeerwerkplekken',
        'query($code: ID!, $r: ID, $n: ID) { opleiding(code: $code) { erkendeLeerwerkplekken(regioCode: $r, nisCode: $n) { totalCount } } }',
      ],
      [
        'scholen(filter)',
        'query($r: ID, $n: ID) { scholen(filter: { regioCode: $r, nisCode: $n }) { totalCount } }',
      ],
      [
        'Opleiding.aanbod',
        'query($code: ID!, $r: ID, $n: ID) { opleiding(code: $code) { aanbod(regioCode: $r, nisCode: $n) { schooljaar } } }',
      ],
      [
        'vacatures(filter)',
        'query($r: ID, $n: ID) { vacatures(filter: { regioCode: $r, nisCode: $n }) { totalCount } }',
      ],
      [
        'Opleiding.vacatures',
        'query($code: ID!, $r: ID, $n: ID) { opleiding(code: $code) { vacatures(regioCode: $r, nisCode: $n) { totalCount } } }',
      ],
    ])('in %s is BAD_USER_INPUT naming the argument', async (_, query) => {
      expect((await geweigerd(query, { r: ONBEKENDE_REGIO }, 'regioCode')).message).toContain(
        ONBEKENDE_REGIO,
      );
      expect((await geweigerd(query, { n: ONBEKENDE_NIS }, 'nisCode')).message).toContain(ONBEKENDE_NIS);
    });
  });

  describe('a school year the register does not hold', () => {
    const huidig = schooljaarVan(REFERENTIEDATUM);
    const volgend = `${Number(huidig.slice(0, 4)) + 1}-${Number(huidig.slice(0, 4)) + 2}`;
    it.each([
      [
        'Opleiding.aanbod',
        'query($code: ID!, $j: String) { opleiding(code: $code) { aanbod(schooljaar: $j) { schooljaar } } }',
      ],
      [
        'School.aanbod',
        'query($instellingsnummer: ID!, $j: String) { school(instellingsnummer: $instellingsnummer) { aanbod(schooljaar: $j) { schooljaar } } }',
      ],
    ])('in %s is BAD_USER_INPUT naming the years it holds', async (_, query) => {
      for (const jaar of ['2019-2020', '2031-2032', 'volgend jaar']) {
        const { message } = await geweigerd(query, { j: jaar }, 'schooljaar');
        expect(message).toContain(huidig);
        expect(message).toContain(volgend);
      }
      // The years it holds answer, each with its own rows.
      for (const jaar of [huidig, volgend]) {
        const antwoord = await system.vraag(query, { code, instellingsnummer, j: jaar });
        expect(antwoord.errors).toBeUndefined();
        const rijen = JSON.stringify(antwoord.data).match(/"schooljaar":"([^"]+)"/g) ?? [];
        for (const r of rijen) expect(r).toContain(jaar);
      }
    });
  });

  describe('Opleiding.erkenningsbronnen', () => {
    it("names the databanks whose paritaire comités meet the opleiding's, for every opleiding", async () => {
      const antwoord = await system.vraag('{ opleidingen { code paritaireComites erkenningsbronnen } }');
      expect(antwoord.errors).toBeUndefined();
      const lijst = antwoord.data?.['opleidingen'] as {
        code: string;
        paritaireComites: string[];
        erkenningsbronnen: string[];
      }[];
      expect(lijst.map((o) => o.code).sort()).toEqual(register.map((o) => o.opleidingscode).sort());
      for (const o of register) {
        const verwacht = Object.keys(COMITES).filter((s) =>
          COMITES[s]?.some((pc) => o.paritaireComites.includes(pc)),
        );
        expect(lijst.find((x) => x.code === o.opleidingscode)?.erkenningsbronnen, o.opleidingscode).toEqual(
          verwacht,
        );
      }
      // Both kinds are in the data: opleidingen with a databank, and without one.
      expect(lijst.some((o) => o.erkenningsbronnen.length === 0)).toBe(true);
      expect(lijst.some((o) => o.erkenningsbronnen.length > 0)).toBe(true);
    });
  });
});
