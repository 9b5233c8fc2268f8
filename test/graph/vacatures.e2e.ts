import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import type { Vacature } from '../contract/vdab-reader.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';
import {
  isDuaal,
  kboMetPunten,
  leesBeroepenPerOpleiding,
  leesKnelpuntcodes,
  leesVacatures,
  nieuwsteEerst,
  nisVan,
  ref,
  regioVan,
  werkgeverVan,
} from './vacatures-expectations.ts';

/** This file is not about VDAB's limit: both sides raise it, so that the vacatures load in a moment. */
const VDAB_PER_SECONDE = 1_000;

interface GraafVacature {
  id: string;
  titel: string;
  contract: string;
  duaal: boolean;
  postcode: string;
  gemeente: { nisCode: string } | null;
  werkgever: { ondernemingsnummer: string } | null;
  leverancier: { naam: string; type: string; ondernemingsnummer: string | null };
  beroepsprofiel: { code: string; label: string; knelpuntberoep: boolean };
  publicatiedatum: string;
  aantalPosten: number;
}

interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const VELDEN = `id titel contract duaal postcode gemeente { nisCode } werkgever { ondernemingsnummer }
  leverancier { naam type ondernemingsnummer } beroepsprofiel { code label knelpuntberoep } publicatiedatum aantalPosten`;

describe('VDAB vacatures through the gateway', () => {
  let system: System;
  let vdab: Vacature[];
  let knelpunten: Set<string>;
  let beroepen: Map<string, string[]>;

  beforeAll(async () => {
    system = await sharedSystem();
    const basis = system.mock.url;
    vdab = await leesVacatures(basis, VDAB_PER_SECONDE);
    knelpunten = await leesKnelpuntcodes(basis, Number(REFERENTIEDATUM.slice(0, 4)));
    beroepen = await leesBeroepenPerOpleiding(basis);
  });

  /** Every vacature of `vacatures`, 100 at a time. */
  async function alleVacatures(query: string) {
    const nodes: GraafVacature[] = [];
    let after: string | null = null;
    let totaal = 0;
    do {
      const antwoord = await system.vraag(query, { after });
      expect(antwoord.errors).toBeUndefined();
      const connection = antwoord.data?.['vacatures'] as Connection<GraafVacature>;
      nodes.push(...connection.edges.map((e) => e.node));
      totaal = connection.totalCount;
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after !== null);
    return { nodes, totaal };
  }

  it('answers every published vacature once, newest first, with every field as VDAB has it after the rules', async () => {
    const { nodes, totaal } = await alleVacatures(
      `query($after: String) { vacatures(first: 100, after: $after) { totalCount edges { cursor node { ${VELDEN} } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(totaal).toBe(vdab.length);
    expect(nodes.map((n) => n.id)).toEqual([...vdab].sort(nieuwsteEerst).map(ref));
    const perId = new Map(nodes.map((n) => [n.id, n]));
    for (const v of vdab) {
      const kbo = kboMetPunten(v.leverancier.kboNummer);
      const nis = nisVan(v);
      expect(perId.get(ref(v))).toEqual({
        id: ref(v),
        titel: v.functie.functieTitel,
        contract: v.arbeidsovereenkomst.arbeidsContract,
        duaal: isDuaal(v),
        postcode: v.tewerkstellingsadres.postcode,
        gemeente: nis ? { nisCode: nis } : null,
        werkgever: werkgeverVan(v) ? { ondernemingsnummer: werkgeverVan(v) } : null,
        leverancier: { naam: v.leverancier.naam, type: v.leverancier.type, ondernemingsnummer: kbo },
        beroepsprofiel: {
          code: v.functie.beroepsprofiel.code,
          label: v.functie.beroepsprofiel.label,
          knelpuntberoep: knelpunten.has(v.functie.beroepsprofiel.code),
        },
        publicatiedatum: new Date(v.publicatieDatum).toISOString(),
        aantalPosten: v.aantalPosten,
      });
    }
    // Interim vacatures never name the agency as werkgever.
    const interim = nodes.filter((n) => n.contract === 'INTERIM');
    expect(interim.length).toBeGreaterThan(0);
    expect(interim.every((n) => n.werkgever === null && n.leverancier.type === 'INTERIMKANTOOR')).toBe(true);
  });

  it("lists a company's vacatures as werkgever, in the usual notations, and resolves the werkgever across subgraphs", async () => {
    const perWerkgever = new Map<string, Vacature[]>();
    for (const v of vdab) {
      const kbo = werkgeverVan(v);
      if (kbo) perWerkgever.set(kbo, [...(perWerkgever.get(kbo) ?? []), v]);
    }
    const steekproef = [...perWerkgever].sort((a, b) => b[1].length - a[1].length).slice(0, 15);
    for (const [kbo, lijst] of steekproef) {
      const antwoord = await system.vraag(
        `query($kbo: ID!) { onderneming(ondernemingsnummer: $kbo) { naam
          vacatures(first: 100) { totalCount edges { node { id werkgever { ondernemingsnummer } } } }
          duaal: vacatures(alleenDuaal: true, first: 100) { totalCount edges { node { id } } } } }`,
        { kbo: `BE${kbo.replace(/\./g, '')}` },
      );
      expect(antwoord.errors).toBeUndefined();
      const o = antwoord.data?.['onderneming'] as {
        naam: string | null;
        vacatures: Connection<{ id: string }>;
        duaal: Connection<{ id: string }>;
      };
      expect(o.vacatures.totalCount).toBe(lijst.length);
      expect(o.vacatures.edges.map((e) => e.node.id)).toEqual(
        [...lijst].sort(nieuwsteEerst).map(ref).slice(0, 100),
      );
      expect(o.duaal.edges.map((e) => e.node.id)).toEqual(
        lijst.filter(isDuaal).sort(nieuwsteEerst).map(ref).slice(0, 100),
      );
    }
    // An interim agency has none of the vacatures it posts as werkgever.
    const kantoor = vdab.find(
      (v) => v.leverancier.type === 'INTERIMKANTOOR' && kboMetPunten(v.leverancier.kboNummer),
    );
    const kantoorKbo = kboMetPunten(kantoor?.leverancier.kboNummer) ?? '';
    const eigen = await system.vraag(`{ vacatures(filter: { werkgever: "${kantoorKbo}" }) { totalCount } }`);
    expect((eigen.data?.['vacatures'] as { totalCount: number }).totalCount).toBe(
      perWerkgever.get(kantoorKbo)?.length ?? 0,
    );
  });

  it('lists the vacatures of every opleiding per region, and knows its knelpuntberoep', async () => {
    const antwoord = await system.vraag(`{ opleidingen { code knelpuntberoep
      brugge: vacatures(regioCode: "BRUGGE", first: 100) { totalCount edges { node { id } } }
      kortrijk: vacatures(nisCode: "34022", alleenDuaal: true) { totalCount } } }`);
    expect(antwoord.errors).toBeUndefined();
    const opleidingen = antwoord.data?.['opleidingen'] as {
      code: string;
      knelpuntberoep: boolean;
      brugge: Connection<{ id: string }>;
      kortrijk: { totalCount: number };
    }[];
    expect(opleidingen).toHaveLength(beroepen.size);
    for (const o of opleidingen) {
      const codes = beroepen.get(o.code) ?? [];
      const voorOpleiding = vdab.filter((v) => codes.includes(v.functie.beroepsprofiel.code));
      const brugge = voorOpleiding.filter((v) => regioVan(v) === 'BRUGGE').sort(nieuwsteEerst);
      expect({ code: o.code, brugge: o.brugge.totalCount }).toEqual({ code: o.code, brugge: brugge.length });
      expect(o.brugge.edges.map((e) => e.node.id)).toEqual(brugge.map(ref).slice(0, 100));
      expect(o.kortrijk.totalCount).toBe(
        voorOpleiding.filter((v) => nisVan(v) === '34022' && isDuaal(v)).length,
      );
      expect(o.knelpuntberoep).toBe(codes.some((c) => knelpunten.has(c)));
    }
  });

  it('filters vacatures on regio, opleiding, beroepsprofiel and duaal together', async () => {
    const [opleiding, codes] = [...beroepen].find(([, c]) => c.length > 1) ?? ['', []];
    const antwoord = await system.vraag(
      `query($o: ID!, $b: String!) {
        a: vacatures(filter: { regioCode: "ZUID_WEST_VLAANDEREN", opleidingscode: $o, alleenDuaal: true }) { totalCount }
        b: vacatures(filter: { beroepsprofielCode: $b, nisCode: "31005" }) { totalCount } }`,
      { o: opleiding, b: codes[0] },
    );
    expect(antwoord.errors).toBeUndefined();
    const verwacht = (past: (v: Vacature) => boolean) => vdab.filter(past).length;
    expect(antwoord.data).toEqual({
      a: {
        totalCount: verwacht(
          (v) =>
            regioVan(v) === 'ZUID_WEST_VLAANDEREN' &&
            codes.includes(v.functie.beroepsprofiel.code) &&
            isDuaal(v),
        ),
      },
      b: { totalCount: verwacht((v) => v.functie.beroepsprofiel.code === codes[0] && nisVan(v) === '31005') },
    });
    // An opleiding the register does not hold is no opleiding without vacatures (no silent zero, part 2).
    const onbekend = await system.vraag(
      '{ vacatures(filter: { opleidingscode: "BESTAAT-NIET" }) { totalCount } }',
    );
    expect(onbekend.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'opleidingscode',
    });
  });

  it('refuses bad identifiers with BAD_USER_INPUT naming the argument, and answers null for an unknown vacature', async () => {
    for (const [query, argument] of [
      ['{ vacatures(filter: { werkgever: "0403.170.702" }) { totalCount } }', 'werkgever'],
      ['{ vacatures(filter: { nisCode: "99999" }) { totalCount } }', 'nisCode'],
      ['{ vacatures(filter: { regioCode: "NERGENS" }) { totalCount } }', 'regioCode'],
      ['{ vacature(id: "abc") { id } }', 'id'],
    ] as const) {
      const antwoord = await system.vraag(query);
      expect(antwoord.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const onbekend = await system.vraag('{ vacature(id: "1") { id } }');
    expect(onbekend.errors).toBeUndefined();
    expect(onbekend.data).toEqual({ vacature: null });
  });

  it("answers this year's knelpuntberoepen", async () => {
    const antwoord = await system.vraag('{ knelpuntberoepen { code knelpuntberoep oorzaken } }');
    const lijst = antwoord.data?.['knelpuntberoepen'] as {
      code: string;
      knelpuntberoep: boolean;
      oorzaken: string[];
    }[];
    expect(lijst.map((b) => b.code)).toEqual([...knelpunten].sort());
    expect(lijst.every((b) => b.knelpuntberoep && b.oorzaken.length > 0)).toBe(true);
  });

  it('reports every dirty vacature as a Bevinding in vacaturebron, kept in the answers; only to an analist', async () => {
    const forbidden = await system.vraag('{ vacaturebron { bron } }');
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const antwoord = await system.vraag(
      '{ vacaturebron { bron toestand laatsteSucces aantalRecords aantalAfgekeurd bevindingen(first: 1000) { recordId veld regel waarde } } }',
      {},
      await alsRol({ rol: 'analist' }),
    );
    expect(antwoord.errors).toBeUndefined();
    const rapport = antwoord.data?.['vacaturebron'] as {
      toestand: string;
      aantalRecords: number;
      aantalAfgekeurd: number;
      bevindingen: { recordId: string; veld: string; regel: string; waarde: string | null }[];
    };
    expect(rapport).toMatchObject({ bron: 'VDAB', toestand: 'ACTUEEL', aantalAfgekeurd: 0 });
    expect(rapport.aantalRecords).toBe(vdab.length + knelpunten.size);
    const vuil = system.mock.wereld.vuil.filter((v) => v.partner === 'vdab' && v.behandeling === 'BEHOUDEN');
    const regel: Record<string, string> = {
      KBO_ONTBREEKT: 'KBO_ONTBREEKT',
      KBO_CONTROLE: 'KBO_CONTROLE',
      ONBESTAANDE_POSTCODE: 'ONBEKENDE_POSTCODE',
    };
    expect(vuil.length).toBeGreaterThanOrEqual(3);
    const sleutel = (b: { recordId: string; veld: string; regel: string }) =>
      `${b.recordId} ${b.veld} ${b.regel}`;
    expect(rapport.bevindingen.map(sleutel).sort()).toEqual(
      vuil
        .map((v) => sleutel({ recordId: v.recordId, veld: v.veld, regel: regel[v.soort] ?? v.soort }))
        .sort(),
    );
    // A vacature reported as changed twice is applied once, without a finding.
    const dubbel = system.mock.wereld.vuil.filter(
      (v) => v.partner === 'vdab' && v.soort === 'DUBBELE_WIJZIGING',
    );
    for (const d of dubbel) expect(rapport.bevindingen.some((b) => b.recordId === d.recordId)).toBe(false);
  });

  it('lists VDAB in extensions.bronnen, up to date', async () => {
    const antwoord = await system.vraag('{ vacatures(first: 1) { totalCount } }');
    expect(antwoord.extensions?.['bronnen']).toEqual([
      { bron: 'VDAB', toestand: 'ACTUEEL', bijgewerktOp: expect.any(String) as unknown },
    ]);
  });
});
