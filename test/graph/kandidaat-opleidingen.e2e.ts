import { schooljaarVan } from '@duaal-graph/domein';
import { beforeAll, describe, expect, it } from 'vitest';
import { sectorVanNace } from '../contract/kbolezer.ts';
import { haal, jsonVan } from '../contract/sector-reader.ts';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { geldigOp, leesAanbod, leesVerwachteErkenningen, type VerwachteErkenning } from './expectations.ts';
import { afstandTussen, nisVoorPostcode, tiendeKm } from './geo-reader.ts';
import { leesLerenden } from './kazi-reader.ts';
import { leesKbo, metPunten, verwachtVan, type KboVerwachting } from './kbo-expectations.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { isDuaal, leesKnelpuntcodes, leesVacatures, ref } from './vacatures-expectations.ts';

/**
 * `Onderneming.kandidaatOpleidingen` ("maximaal duaal") against an independent
 * computation of the contract's definition from the partners' own data: the
 * sectors of a company's erkenningen (those the public sees) and of its NACE
 * codes in the register, the register's opleidingen of those sectors by their
 * paritaire comités, minus those it holds a geldig erkenning for; "in de
 * buurt" within km of its vestigingen or else its seat, distances from
 * ../shared/domain/geo computed here; and the order. One system for all.
 */

const SECTOR_PCS: Record<string, readonly string[]> = {
  VOLTA: ['149.01'],
  EDUCAM: ['112'],
  CONSTRUCTIV: ['124'],
  MTECH: ['111', '209'],
  WOODWIZE: ['125', '126'],
};
const SECTOREN = Object.keys(SECTOR_PCS);

interface RegisterOpleiding {
  opleidingscode: string;
  beroepsprofielCodes: string[];
  paritaireComites: string[];
}

interface Kandidaat {
  opleiding: { code: string };
  sectoren: string[];
  aantalScholenInDeBuurt: number;
  dichtsteAanbod: {
    afstandKm: number;
    aanbod: { school: { instellingsnummer: string }; gemeente: { nisCode: string } };
  }[];
  aantalZoekendeLerendenInDeBuurt: { waarde: number | null; onderdrukt: boolean };
  aantalDualeVacaturesInDeBuurt: number;
  knelpunt: boolean;
}

const SELECTIE = `opleiding { code } sectoren aantalScholenInDeBuurt
  dichtsteAanbod { afstandKm aanbod { school { instellingsnummer } gemeente { nisCode } } }
  aantalZoekendeLerendenInDeBuurt { waarde onderdrukt } aantalDualeVacaturesInDeBuurt knelpunt`;

const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('kandidaatOpleidingen through the gateway', () => {
  let system: System;
  let register: RegisterOpleiding[];
  let erkenningen: VerwachteErkenning[];
  let kbo: KboVerwachting;
  let aanbod: { instellingsnummer: string; opleidingscode: string; nis: string }[];
  let duale: { id: string; nis: string | null; beroep: string }[];
  let knelpunten: Set<string>;
  let zoekenden: { code: string; nis: string; school: string }[];
  /** By dotted number: the KBO activities' sectors, MAIN and other. */
  const naceSectoren = new Map<string, Set<string>>();
  /** By dotted number: the erkenningen the public sees (status ERKEND). */
  const perOnderneming = new Map<string, VerwachteErkenning[]>();
  let stalen: { soort: string; nummer: string }[];

  beforeAll(async () => {
    system = await sharedSystem();
    // The first read of the register may still be under way when the system is ready.
    for (let i = 0; i < 20 && !system.erkenningen.bestand.kbo?.data; i++)
      await system.erkenningen.bestand.kbo?.ververs();
    const basis = system.mock.url;
    register = jsonVan(await haal(`${basis}/onderwijs/v1/opleidingen`)) as RegisterOpleiding[];
    erkenningen = await leesVerwachteErkenningen(basis, REFERENTIEDATUM);
    for (const e of erkenningen) {
      const nummer = metPunten(e.kbo);
      const lijst = perOnderneming.get(nummer) ?? [];
      if (e.status === 'ERKEND') lijst.push(e);
      perOnderneming.set(nummer, lijst);
    }
    kbo = verwachtVan(await leesKbo(basis));
    for (const [nummer, g] of kbo.gegevens)
      naceSectoren.set(nummer, new Set(g.activiteiten.flatMap((a) => sectorVanNace(a.code) ?? [])));
    aanbod = (await leesAanbod(basis, schooljaarVan(REFERENTIEDATUM))).map((r) => ({
      instellingsnummer: r.instellingsnummer,
      opleidingscode: r.opleidingscode,
      nis: r.vestigingsplaats.nisCode,
    }));
    duale = (await leesVacatures(basis, 1_000)).filter(isDuaal).map((v) => ({
      id: ref(v),
      nis: nisVoorPostcode(v.tewerkstellingsadres.postcode),
      beroep: v.functie.beroepsprofiel.code.trim().toUpperCase(),
    }));
    knelpunten = new Set(
      [...(await leesKnelpuntcodes(basis, Number(REFERENTIEDATUM.slice(0, 4))))].map((c) =>
        c.trim().toUpperCase(),
      ),
    );
    zoekenden = (await leesLerenden(basis))
      .filter((l) => l.status === 'ZOEKEND')
      .map((l) => ({ code: l.opleidingscode, nis: l.woonplaatsNisCode, school: l.instellingsnummer }));
    stalen = steekproef();
  }, 480_000);

  /** The public's view: only ERKEND erkenningen, of this company (dotted number). */
  const zichtbaar = (nummer: string) => perOnderneming.get(nummer) ?? [];

  /** Where the company lies: its vestigingen (the register's address first), else its seat. */
  function plaatsen(nummer: string): string[] | null {
    return waar(nummer)?.nis ?? null;
  }

  function waar(nummer: string): { nis: string[]; zetel: boolean } | null {
    const eigen = zichtbaar(nummer);
    const perVestiging = new Map<string, Set<string>>();
    for (const e of eigen) {
      if (!e.vestiging) continue;
      const nis = e.nis ?? (e.postcode ? nisVoorPostcode(e.postcode) : null);
      const set = perVestiging.get(e.vestiging) ?? new Set<string>();
      if (nis) set.add(nis);
      perVestiging.set(e.vestiging, set);
    }
    const g = kbo.gegevens.get(nummer);
    const uitKbo = new Map(
      (g?.vestigingen ?? []).map((v) => [
        v.vestigingsnummer.replace(/\D/g, ''),
        v.kbo.adres?.gemeente?.nisCode,
      ]),
    );
    const nis = new Set<string>();
    for (const v of new Set([...perVestiging.keys(), ...uitKbo.keys()])) {
      const k = uitKbo.get(v);
      if (k) nis.add(k);
      else {
        const s = perVestiging.get(v) ?? new Set<string>();
        // Sectors disagreeing on where a vestiging lies: not a case this test can judge.
        if (s.size > 1) return null;
        for (const x of s) nis.add(x);
      }
    }
    if (nis.size > 0) return { nis: [...nis].sort(), zetel: false };
    if (g) return { nis: g.zetel?.gemeente ? [g.zetel.gemeente.nisCode] : [], zetel: true };
    return { nis: [...new Set(eigen.flatMap((e) => e.nis ?? []))].sort(), zetel: true };
  }

  function verwacht(nummer: string, km: number): Kandidaat[] | null {
    const waar = plaatsen(nummer);
    if (waar === null) return null;
    const eigen = zichtbaar(nummer);
    const sectoren = new Set([...eigen.map((e) => e.sector), ...(naceSectoren.get(nummer) ?? [])]);
    const gehost = new Set(eigen.filter((e) => geldigOp(e, REFERENTIEDATUM)).map((e) => e.opleidingscode));
    const afstand = (nis: string) => Math.min(...waar.map((p) => afstandTussen(p, nis)));
    const binnen = (nis: string | null) => nis !== null && waar.length > 0 && afstand(nis) <= km;
    const uit: (Kandidaat & { gewicht: number })[] = [];
    for (const o of register) {
      const bronnen = SECTOREN.filter((s) => o.paritaireComites.some((pc) => SECTOR_PCS[s]?.includes(pc)));
      if (gehost.has(o.opleidingscode) || !bronnen.some((s) => sectoren.has(s))) continue;
      const rijen = aanbod
        .filter((a) => a.opleidingscode === o.opleidingscode && binnen(a.nis))
        .map((a) => ({ a, km: tiendeKm(afstand(a.nis)), sleutel: `${a.instellingsnummer}:${a.nis}` }))
        .sort((x, y) => x.km - y.km || bytes(x.sleutel, y.sleutel));
      const beroepen = new Set(o.beroepsprofielCodes.map((b) => b.trim().toUpperCase()));
      const vacatures = new Set(
        duale.filter((d) => beroepen.has(d.beroep) && binnen(d.nis)).map((d) => d.id),
      );
      const lerenden = zoekenden.filter((l) => l.code === o.opleidingscode && binnen(l.nis));
      const perSchool = new Map<string, number>();
      for (const l of lerenden) perSchool.set(l.school, (perSchool.get(l.school) ?? 0) + 1);
      const klein = (n: number) => n >= 1 && n <= 4;
      const onderdrukt =
        klein(lerenden.length) || [...perSchool.values()].some((m) => klein(lerenden.length - m));
      uit.push({
        opleiding: { code: o.opleidingscode },
        sectoren: bronnen,
        aantalScholenInDeBuurt: new Set(rijen.map((r) => r.a.instellingsnummer)).size,
        dichtsteAanbod: rijen.slice(0, 3).map((r) => ({
          afstandKm: r.km,
          aanbod: { school: { instellingsnummer: r.a.instellingsnummer }, gemeente: { nisCode: r.a.nis } },
        })),
        aantalZoekendeLerendenInDeBuurt: { waarde: onderdrukt ? null : lerenden.length, onderdrukt },
        aantalDualeVacaturesInDeBuurt: vacatures.size,
        knelpunt: [...beroepen].some((b) => knelpunten.has(b)),
        gewicht: vacatures.size + (onderdrukt ? 0 : lerenden.length),
      });
    }
    return uit
      .sort((x, y) => y.gewicht - x.gewicht || bytes(x.opleiding.code, y.opleiding.code))
      .map(({ gewicht: _, ...k }) => k);
  }

  /** A sample of companies of every kind the contract names, chosen from the partner data. */
  function steekproef(): { soort: string; nummer: string }[] {
    const metErkenning = [
      ...new Set(erkenningen.filter((e) => e.status === 'ERKEND').map((e) => metPunten(e.kbo))),
    ]
      .filter((n) => plaatsen(n) !== null)
      .sort();
    const geldig = metErkenning.filter((n) => zichtbaar(n).some((e) => geldigOp(e, REFERENTIEDATUM)));
    const nietGeldig = metErkenning.filter((n) => !zichtbaar(n).some((e) => geldigOp(e, REFERENTIEDATUM)));
    const bekend = new Set(perOnderneming.keys());
    const alleenKbo = [...kbo.gegevens.keys()]
      .filter((n) => !bekend.has(n) && (naceSectoren.get(n)?.size ?? 0) > 0)
      .sort();
    // No vestiging placed anywhere: the seat (or, outside the register, the erkenningen) places it.
    const zonderVestiging = [...new Set([...kbo.gegevens.keys(), ...perOnderneming.keys()])]
      .filter((n) => waar(n)?.zetel === true)
      .sort();
    const meerdere = geldig.filter((n) => (plaatsen(n)?.length ?? 0) > 1);
    const kies = (soort: string, lijst: string[], n: number) =>
      lijst.slice(0, n).map((nummer) => ({ soort, nummer }));
    const uit = [
      ...kies('geldig erkend', geldig, 3),
      ...kies('erkend, niet geldig', nietGeldig, 1),
      ...kies('meerdere gemeenten', meerdere, 1),
      ...kies('alleen KBO (NACE)', alleenKbo, 2),
      ...kies('geen vestiging', zonderVestiging, 2),
    ];
    return uit;
  }

  it('equals the contract computed from the partner data, order included, at two radii', async () => {
    const soorten = new Set(stalen.map((s) => s.soort));
    // The mock places every company at a vestiging: the seat ("geen vestiging") is in the sample only when
    // some company has none placed; the unit tests of kandidaten.ts cover it.
    for (const soort of ['geldig erkend', 'erkend, niet geldig', 'meerdere gemeenten', 'alleen KBO (NACE)'])
      expect(soorten, JSON.stringify(stalen)).toContain(soort);
    const query = `{ ${stalen
      .map(
        ({ nummer }, i) => `o${i}: onderneming(ondernemingsnummer: "${nummer}") {
          standaard: kandidaatOpleidingen { ${SELECTIE} }
          dichtbij: kandidaatOpleidingen(km: 7) { ${SELECTIE} } }`,
      )
      .join('\n')} }`;
    const antwoord = await system.vraag(query);
    expect(antwoord.errors, JSON.stringify(antwoord.errors?.[0])).toBeUndefined();
    let kandidaten = 0;
    stalen.forEach(({ soort, nummer }, i) => {
      const o = antwoord.data?.[`o${i}`] as { standaard: Kandidaat[]; dichtbij: Kandidaat[] };
      expect(o.standaard, `${soort} ${nummer} km 20`).toEqual(verwacht(nummer, 20));
      expect(o.dichtbij, `${soort} ${nummer} km 7`).toEqual(verwacht(nummer, 7));
      kandidaten += o.standaard.length;
    });
    // The sample must say something: candidates with counts that order them.
    expect(kandidaten).toBeGreaterThan(10);
  }, 120_000);

  it('costs a handful of subgraph fetches, however many candidates', async () => {
    const nummer = stalen[0]?.nummer ?? '';
    for (const p of Object.values(system.proxies)) p.wis();
    const antwoord = await system.vraag(
      `{ onderneming(ondernemingsnummer: "${nummer}") { kandidaatOpleidingen { ${SELECTIE} opleiding { naam } } } }`,
    );
    expect(antwoord.errors).toBeUndefined();
    const lijst = (antwoord.data?.['onderneming'] as { kandidaatOpleidingen: unknown[] })
      .kandidaatOpleidingen;
    expect(lijst.length).toBeGreaterThan(3);
    const fetches = Object.fromEntries(
      Object.entries(system.proxies).map(([naam, p]) => [naam, p.verzoeken.length]),
    );
    // The company and its candidates, the duale vacatures per km, the list, the counts by key, the opleidingen.
    expect(fetches).toEqual({ erkenningen: 2, onderwijsaanbod: 2, vacatures: 2, matching: 1, radar: 0 });
  }, 60_000);

  it('refuses a radius outside 1 to 50 with BAD_USER_INPUT', async () => {
    const nummer = stalen[0]?.nummer ?? '';
    for (const km of [0, 51]) {
      const antwoord = await system.vraag(
        `{ onderneming(ondernemingsnummer: "${nummer}") { kandidaatOpleidingen(km: ${km}) { opleiding { code } } } }`,
      );
      expect(antwoord.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  }, 60_000);

  it('keeps its helpers out of the public schema', async () => {
    const antwoord = await system.vraag(
      `{ onderneming(ondernemingsnummer: "0403.170.701") { kandidaatOpleidingscodes } }`,
    );
    expect(antwoord.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
