import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from './mock.ts';
import {
  cijfers,
  educamDatum,
  groepeer,
  isIsoDatum,
  isOndernemingsnummer,
  isVestigingsnummer,
  leesAlleConstructivPaginas,
  leesAlleMtechPaginas,
  leesAlleVoltaPaginas,
  leesAlleWoodwizePaginas,
  leesEducamExport,
  leesRegister,
  leesWestVlaamseGemeenten,
  type GlossariumGemeente,
  type VuilMelding,
} from './sector-reader.ts';

/**
 * What holds across the five sector databanks: the register the opleidingscodes
 * point into, the ondernemingen they share, the identifiers and places they use,
 * and the size of the whole; ../shared/partners/sectoren.md and ../domain/GLOSSARY.md.
 */

type Sector = 'VOLTA' | 'EDUCAM' | 'CONSTRUCTIV' | 'MTECH' | 'WOODWIZE';
const SECTOREN: readonly Sector[] = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'];
const PARTNER: Record<Sector, string> = {
  VOLTA: 'volta',
  EDUCAM: 'educam',
  CONSTRUCTIV: 'constructiv',
  MTECH: 'mtech',
  WOODWIZE: 'woodwize',
};

/** One partner record as every sector has it, before any validation. */
interface SectorRecord {
  readonly sector: Sector;
  readonly recordId: string;
  /** Ten digits as the partner sent them, Educam's lost leading zero restored. */
  readonly kbo: string;
  readonly vestiging: string | null;
  readonly naam: string | null;
  /** The codes as the partner wrote them: opleidingscodes, or Educam's BK code. */
  readonly codes: readonly string[];
  readonly plaats: { postcode: string; nis: string | null; gemeente: string | null } | null;
  readonly geldigVan: string | null;
  readonly geldigTot: string | null;
}

let mock: TestMock;
let records: SectorRecord[];
let vuil: VuilMelding[];
let registercodes: Set<string>;
let opleidingenPerBk: Map<string, string[]>;
let gemeenten: GlossariumGemeente[];

function datumOfNull(waarde: string): string | null {
  return isIsoDatum(waarde) ? waarde : null;
}

async function leesAlleSectoren(basis: string): Promise<SectorRecord[]> {
  const [volta, educam, constructiv, mtech, woodwize] = await Promise.all([
    leesAlleVoltaPaginas(basis, 500),
    leesEducamExport(basis),
    leesAlleConstructivPaginas(basis, 500),
    leesAlleMtechPaginas(basis, 250),
    leesAlleWoodwizePaginas(basis),
  ]);
  // Of Volta's duplicates only the later copy counts, as the contract says.
  const voltaLaatst = [...groepeer(volta.items, (e) => e.erkenningId).values()].map(
    (kopieen) =>
      [...kopieen].sort((a, b) => b.laatstGewijzigd.localeCompare(a.laatstGewijzigd))[0] ?? kopieen[0],
  );
  return [
    ...voltaLaatst.flatMap((e) =>
      e === undefined
        ? []
        : [
            {
              sector: 'VOLTA' as const,
              recordId: e.erkenningId,
              kbo: cijfers(e.ondernemingsnummer),
              vestiging: cijfers(e.vestigingsnummer),
              naam: e.ondernemingsnaam,
              codes: e.opleidingscodes,
              plaats: { postcode: e.adres.postcode, nis: e.adres.nisCode, gemeente: e.adres.gemeente },
              geldigVan: datumOfNull(e.geldigVan),
              geldigTot: e.geldigTot,
            },
          ],
    ),
    ...educam.rijen.map((r) => ({
      sector: 'EDUCAM' as const,
      recordId: r.erkenning_nr,
      kbo: cijfers(r.kbo).padStart(10, '0'),
      vestiging: r.vestiging,
      naam: r.naam,
      codes: [r.bk_code],
      plaats: { postcode: r.postcode, nis: r.nis, gemeente: r.gemeente },
      geldigVan: educamDatum(r.van),
      geldigTot: r.tot === '' ? null : educamDatum(r.tot),
    })),
    ...constructiv.items.map((p) => ({
      sector: 'CONSTRUCTIV' as const,
      recordId: String(p.id),
      kbo: p.onderneming.kbo,
      vestiging: p.vestiging.nummer,
      naam: p.onderneming.naam,
      codes: [p.opleiding.code],
      plaats: {
        postcode: p.vestiging.adres.postcode,
        nis: p.vestiging.adres.nis,
        gemeente: p.vestiging.adres.gemeente,
      },
      geldigVan: datumOfNull(p.periode.start),
      geldigTot: p.periode.einde,
    })),
    ...mtech.items.map((e) => ({
      sector: 'MTECH' as const,
      recordId: e.id,
      kbo: e.kbo,
      vestiging: e.vestigingseenheid,
      naam: null,
      codes: [e.opleiding],
      plaats: { postcode: e.vestigingsadres.postcode, nis: null, gemeente: e.vestigingsadres.gemeente },
      geldigVan: datumOfNull(e.start),
      geldigTot: e.einde,
    })),
    ...woodwize.items.map((e) => ({
      sector: 'WOODWIZE' as const,
      recordId: e.id,
      kbo: cijfers(e.kbo),
      vestiging: e.vestiging === null ? null : cijfers(e.vestiging.nr),
      naam: e.naam,
      codes: [e.opleidingscode],
      plaats:
        e.vestiging === null
          ? null
          : { postcode: e.vestiging.postcode, nis: e.vestiging.nis, gemeente: null },
      geldigVan: datumOfNull(e.van),
      geldigTot: e.tot,
    })),
  ];
}

/** The opleidingen one record stands for: Educam's BK code maps to every opleiding that lists it. */
function opleidingenVan(r: SectorRecord): string[] {
  return r.sector === 'EDUCAM'
    ? r.codes.flatMap((bk) => opleidingenPerBk.get(bk) ?? [])
    : r.codes.filter((c) => registercodes.has(c));
}

/** The normalised erkenningen the graph keeps, following the handling table of the contract. */
function genormaliseerd(r: SectorRecord): string[] {
  if (!isOndernemingsnummer(r.kbo)) return [];
  if (r.vestiging !== null && !isVestigingsnummer(r.vestiging)) return [];
  if (r.geldigVan === null) return [];
  if (r.geldigTot !== null && (!isIsoDatum(r.geldigTot) || r.geldigTot < r.geldigVan)) return [];
  return opleidingenVan(r).map((code) => `${r.sector}:${r.recordId}:${code}`);
}

const sleutel = (sector: string, recordId: string) => `${sector.toLowerCase()}:${recordId}`;

beforeAll(async () => {
  mock = await startTestMock();
  vuil = mock.wereld.vuil.filter((v) => Object.values(PARTNER).includes(v.partner));
  const register = await leesRegister(mock.url);
  registercodes = new Set(register.map((o) => o.opleidingscode));
  opleidingenPerBk = new Map();
  for (const o of register) {
    for (const bk of o.beroepskwalificaties) {
      opleidingenPerBk.set(bk.code, [...(opleidingenPerBk.get(bk.code) ?? []), o.opleidingscode]);
    }
  }
  records = await leesAlleSectoren(mock.url);
  gemeenten = leesWestVlaamseGemeenten();
});

afterAll(async () => {
  await mock.stop();
});

describe('the glossary table this test reads', () => {
  it('has the 64 West-Flemish municipalities in the five regions', () => {
    expect(gemeenten).toHaveLength(64);
    expect(new Set(gemeenten.map((g) => g.regio))).toEqual(
      new Set(['BRUGGE', 'OOSTENDE', 'WESTHOEK', 'MIDWEST', 'ZUID_WEST_VLAANDEREN']),
    );
    expect(gemeenten).toContainEqual({
      nis: '34022',
      gemeente: 'Kortrijk',
      postcode: '8500',
      regio: 'ZUID_WEST_VLAANDEREN',
    });
  });
});

describe('the identifier check of this test', () => {
  it('passes the examples of the glossary and fails their neighbours', () => {
    for (const kbo of ['0403019261', '0428759497', '0353456320', '0403170701']) {
      expect(isOndernemingsnummer(kbo)).toBe(true);
      expect(isOndernemingsnummer(kbo.slice(0, 9) + String((Number(kbo.slice(9)) + 1) % 10))).toBe(false);
    }
    for (const nr of ['2147812701', '2000000339', '2145678996']) expect(isVestigingsnummer(nr)).toBe(true);
    expect(isVestigingsnummer('0403019261')).toBe(false);
    expect(isOndernemingsnummer('2147812701')).toBe(false);
  });
});

describe('the register the sectors point into', () => {
  it('knows every opleidingscode a sector uses, except the unknown ones the dirt list names', () => {
    const onbekend = records.flatMap((r) =>
      r.sector === 'EDUCAM'
        ? []
        : r.codes.filter((c) => !registercodes.has(c)).map((c) => `${sleutel(r.sector, r.recordId)}=${c}`),
    );
    const gemeld = vuil
      .filter((v) => v.soort === 'ONBEKENDE_OPLEIDING')
      .map((v) => `${sleutel(v.partner, v.recordId)}=${v.waarde ?? ''}`);
    expect(new Set(onbekend)).toEqual(new Set(gemeld));
    for (const sector of ['VOLTA', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE']) {
      expect(gemeld.some((g) => g.startsWith(PARTNER[sector as Sector]))).toBe(true);
    }
  });

  it("lists every Educam BK code in some opleiding's beroepskwalificaties, except the dirt", () => {
    const onbekend = records
      .filter((r) => r.sector === 'EDUCAM' && r.codes.some((bk) => !opleidingenPerBk.has(bk)))
      .map((r) => r.recordId);
    const gemeld = vuil
      .filter((v) => v.partner === 'educam' && v.soort === 'ONBEKENDE_BK')
      .map((v) => v.recordId);
    expect(gemeld.length).toBeGreaterThan(0);
    expect(new Set(onbekend)).toEqual(new Set(gemeld));
  });

  it('has Educam BK codes that several opleidingen list, which count once per opleiding', () => {
    const gedeeld = records.filter(
      (r) => r.sector === 'EDUCAM' && r.codes.some((bk) => (opleidingenPerBk.get(bk) ?? []).length > 1),
    );
    expect(gedeeld.length).toBeGreaterThan(0);
    for (const r of gedeeld.slice(0, 20)) expect(opleidingenVan(r).length).toBeGreaterThan(1);
  });

  it("uses opleidingen of the sector's own paritair comité mostly", async () => {
    // A sector recognises workplaces for its own opleidingen; the register says which PC each belongs to.
    const register = (await (await fetch(`${mock.url}/onderwijs/v1/opleidingen`)).json()) as {
      opleidingscode: string;
      paritaireComites: string[];
    }[];
    const pc = new Map(register.map((o) => [o.opleidingscode, o.paritaireComites]));
    const eigenPc: Record<Sector, readonly string[]> = {
      VOLTA: ['149.01'],
      EDUCAM: ['112'],
      CONSTRUCTIV: ['124'],
      MTECH: ['111', '209'],
      WOODWIZE: ['125', '126'],
    };
    for (const sector of SECTOREN) {
      const codes = records.filter((r) => r.sector === sector).flatMap(opleidingenVan);
      const eigen = codes.filter((c) => (pc.get(c) ?? []).some((p) => eigenPc[sector].includes(p)));
      expect(eigen.length / codes.length, sector).toBeGreaterThan(0.9);
    }
  });
});

describe('ondernemingen across the sectors', () => {
  it('finds the same ondernemingen in more than one sector databank', () => {
    const geldig = records.filter((r) => isOndernemingsnummer(r.kbo));
    const sectorenPerKbo = new Map<string, Set<Sector>>();
    for (const r of geldig) sectorenPerKbo.set(r.kbo, (sectorenPerKbo.get(r.kbo) ?? new Set()).add(r.sector));
    const meerdere = [...sectorenPerKbo.values()].filter((s) => s.size > 1);
    expect(meerdere.length).toBeGreaterThan(sectorenPerKbo.size * 0.05);
    // Not a single pair of sectors: the overlap runs across the databanks.
    const paren = new Set(meerdere.map((s) => [...s].sort().join('+')));
    expect(paren.size).toBeGreaterThan(3);
  });

  it('gives one onderneming one name in every databank that names it, dirt aside', () => {
    const vuileNamen = new Set(
      vuil.filter((v) => v.veld === 'naam').map((v) => sleutel(v.partner, v.recordId)),
    );
    const namen = new Map<string, Set<string>>();
    for (const r of records) {
      if (r.naam === null || vuileNamen.has(sleutel(r.sector, r.recordId)) || !isOndernemingsnummer(r.kbo))
        continue;
      namen.set(r.kbo, (namen.get(r.kbo) ?? new Set()).add(r.naam));
    }
    expect([...namen].filter(([, n]) => n.size > 1)).toEqual([]);
  });

  it('places one vestiging in one onderneming and one municipality in every databank', () => {
    const perVestiging = groepeer(
      records.filter(
        (r) => r.vestiging !== null && isVestigingsnummer(r.vestiging) && isOndernemingsnummer(r.kbo),
      ),
      (r) => r.vestiging ?? '',
    );
    const tegenstrijdig = [...perVestiging].filter(
      ([, rs]) =>
        new Set(rs.map((r) => r.kbo)).size > 1 || new Set(rs.map((r) => r.plaats?.postcode)).size > 1,
    );
    expect(tegenstrijdig.map(([nr]) => nr)).toEqual([]);
    expect([...perVestiging.values()].some((rs) => new Set(rs.map((r) => r.sector)).size > 1)).toBe(true);
  });
});

describe('identifiers', () => {
  it('are valid KBO numbers everywhere except the records with KBO dirt', () => {
    const slecht = records
      .filter((r) => !isOndernemingsnummer(r.kbo))
      .map((r) => sleutel(r.sector, r.recordId));
    const gemeld = vuil.filter((v) => v.soort === 'KBO_CONTROLE').map((v) => sleutel(v.partner, v.recordId));
    expect(new Set(slecht)).toEqual(new Set(gemeld));
    for (const sector of SECTOREN) expect(gemeld.some((g) => g.startsWith(`${PARTNER[sector]}:`))).toBe(true);
  });

  it('are valid vestigingsnummers everywhere except the records with vestiging dirt', () => {
    const slecht = records
      .filter((r) => r.vestiging !== null && !isVestigingsnummer(r.vestiging))
      .map((r) => sleutel(r.sector, r.recordId));
    const gemeld = vuil
      .filter((v) => v.soort === 'VESTIGING_CONTROLE')
      .map((v) => sleutel(v.partner, v.recordId));
    expect(new Set(slecht)).toEqual(new Set(gemeld));
  });

  it('leave out a vestiging only where Woodwize is allowed to', () => {
    const zonder = records.filter((r) => r.vestiging === null);
    expect(zonder.every((r) => r.sector === 'WOODWIZE')).toBe(true);
    expect(new Set(zonder.map((r) => r.recordId))).toEqual(
      new Set(vuil.filter((v) => v.soort === 'VESTIGING_ONTBREEKT').map((v) => v.recordId)),
    );
  });
});

describe('places', () => {
  it('are real West-Flemish municipalities with the postcode and NIS code of the glossary', () => {
    const perNis = new Map(gemeenten.map((g) => [g.nis, g]));
    const perPostcode = new Map(gemeenten.map((g) => [g.postcode, g]));
    const fout = records.flatMap((r) => {
      if (r.plaats === null) return [];
      const { postcode, nis, gemeente } = r.plaats;
      const rij = nis === null ? perPostcode.get(postcode) : perNis.get(nis);
      const klopt =
        rij !== undefined && rij.postcode === postcode && (gemeente === null || rij.gemeente === gemeente);
      return klopt ? [] : [`${sleutel(r.sector, r.recordId)}: ${postcode} ${nis ?? '-'} ${gemeente ?? '-'}`];
    });
    expect(fout).toEqual([]);
  });

  it('spread over all five regions in every sector', () => {
    const regio = new Map(gemeenten.map((g) => [g.postcode, g.regio]));
    for (const sector of SECTOREN) {
      const regios = new Set(
        records
          .filter((r) => r.sector === sector && r.plaats !== null)
          .map((r) => regio.get(r.plaats?.postcode ?? '')),
      );
      expect(regios.size, sector).toBe(5);
    }
  });
});

describe('size at the default scale', () => {
  it('has about 4,500 normalised erkenningen over the five sectors', () => {
    const erkenningen = records.flatMap(genormaliseerd);
    expect(new Set(erkenningen).size).toBe(erkenningen.length);
    expect(erkenningen.length).toBeGreaterThanOrEqual(3500);
    expect(erkenningen.length).toBeLessThanOrEqual(5500);
    for (const sector of SECTOREN) {
      expect(erkenningen.filter((e) => e.startsWith(`${sector}:`)).length, sector).toBeGreaterThan(300);
    }
  });

  it('has about 1,300 ondernemingen in the sector databanks', () => {
    const ondernemingen = new Set(records.filter((r) => isOndernemingsnummer(r.kbo)).map((r) => r.kbo));
    expect(ondernemingen.size).toBeGreaterThanOrEqual(1000);
    expect(ondernemingen.size).toBeLessThanOrEqual(1600);
  });

  it('keeps the rejected share small: the dirt rate is about 1 %', () => {
    const afgekeurd = records.filter((r) => genormaliseerd(r).length === 0).length;
    expect(afgekeurd).toBeGreaterThan(0);
    expect(afgekeurd / records.length).toBeLessThan(0.03);
  });
});

describe('the dirt list', () => {
  it('names only records that are in the feeds', () => {
    const bekend = new Set(records.map((r) => sleutel(r.sector, r.recordId)));
    expect(vuil.filter((v) => !bekend.has(sleutel(v.partner, v.recordId)))).toEqual([]);
  });

  it.each([
    ['1', 0.01],
    ['7', 0.01],
    ['13', 0.002],
    ['2026', 0.002],
  ])('has every kind of every sector with seed %s and dirt %s too', async (seed, graad) => {
    const ander = await startTestMock({ seed, vuil: graad });
    try {
      const soorten = (partner: string) =>
        new Set(ander.wereld.vuil.filter((v) => v.partner === partner).map((v) => v.soort));
      const standaard = (partner: string) =>
        new Set(vuil.filter((v) => v.partner === partner).map((v) => v.soort));
      for (const partner of Object.values(PARTNER))
        expect(soorten(partner), partner).toEqual(standaard(partner));
    } finally {
      await ander.stop();
    }
  });

  it('has no dirt at all when the dirt rate is 0', async () => {
    const schoon = await startTestMock({ vuil: 0 });
    try {
      expect(schoon.wereld.vuil.filter((v) => Object.values(PARTNER).includes(v.partner))).toEqual([]);
      const alles = await leesAlleSectoren(schoon.url);
      expect(alles.filter((r) => genormaliseerd(r).length === 0)).toEqual([]);
    } finally {
      await schoon.stop();
    }
  });
});
