import { createHash } from 'node:crypto';
import { heeftGeldigeMod97, WEST_VLAANDEREN } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { OPLEIDINGEN } from './catalogus.ts';
import { OPLEIDINGEN_PER_BK } from './erkenningsplan.ts';
import { BASISGROOTTES, genereerWereld, leesSchaal, type WereldInstellingen } from './index.ts';

const INSTELLINGEN: WereldInstellingen = {
  seed: '42',
  schaal: 'west-vlaanderen',
  vuil: 0.01,
  referentiedatum: '2026-11-01',
};
const wereld = genereerWereld(INSTELLINGEN);

/** What the partners other than the register serve; the register has its own test (kbo.test.ts) and is made only when read. */
function vingerafdruk(w: ReturnType<typeof genereerWereld>): string {
  const { volta, educam, constructiv, mtech, woodwize, opleidingen, onderwijs, vdab, lerenden, matches } = w;
  const partnerdata = {
    volta,
    educam,
    constructiv,
    mtech,
    woodwize,
    opleidingen,
    onderwijs,
    vdab,
    lerenden,
    matches,
  };
  return createHash('sha256').update(JSON.stringify(partnerdata)).digest('hex');
}

describe('the generated world', () => {
  it('is the same to the byte for the same seed, and differs for another', () => {
    expect(vingerafdruk(genereerWereld(INSTELLINGEN))).toBe(vingerafdruk(wereld));
    expect(vingerafdruk(genereerWereld({ ...INSTELLINGEN, seed: '43' }))).not.toBe(vingerafdruk(wereld));
  });

  it('has the West-Vlaanderen sizes of the partner README', () => {
    const genormaliseerd = wereld.erkenningsplan.reduce((som, f) => som + f.opleidingscodes.length, 0);
    expect(wereld.ondernemingen.erkend).toHaveLength(BASISGROOTTES.ondernemingen);
    expect(genormaliseerd).toBeGreaterThan(4000);
    expect(genormaliseerd).toBeLessThan(5000);
    expect(wereld.onderwijs.instellingen).toHaveLength(120);
    expect(wereld.onderwijs.aanbod.length).toBeGreaterThan(800);
    expect(wereld.onderwijs.aanbod.length).toBeLessThan(1000);
    expect(wereld.opleidingen.length).toBeGreaterThanOrEqual(60);
    expect(wereld.vdab.vacatures).toHaveLength(6000);
    expect(
      wereld.vdab.vacatures.filter((v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN'),
    ).toHaveLength(800);
    expect(wereld.lerenden).toHaveLength(1500);
    expect(wereld.matches).toHaveLength(600);
  });

  it('puts the same ondernemingen in several sector databanks and among the VDAB werkgevers', () => {
    const inMeerdereSectoren = wereld.ondernemingen.erkend.filter((o) => o.sectoren.length > 1);
    expect(inMeerdereSectoren.length).toBeGreaterThan(100);
    const erkend = new Set(wereld.ondernemingen.erkend.map((o) => o.kbo));
    const werkgevers = wereld.vdab.vacatures.filter(
      (v) => v.leverancier.type === 'WERKGEVER' && erkend.has(v.leverancier.kboNummer ?? ''),
    );
    expect(werkgevers.length).toBeGreaterThan(1000);
  });

  it('gives valid identifiers everywhere but in dirt', () => {
    for (const o of [
      ...wereld.ondernemingen.erkend,
      ...wereld.ondernemingen.andere,
      ...wereld.ondernemingen.interimkantoren,
    ]) {
      expect(heeftGeldigeMod97(o.kbo) && /^[01]/.test(o.kbo)).toBe(true);
      for (const v of o.vestigingen)
        expect(heeftGeldigeMod97(v.nummer) && /^[2-8]/.test(v.nummer)).toBe(true);
    }
  });

  it('spreads data over real municipalities like the population: more in Brugge and Kortrijk than in Mesen', () => {
    const perGemeente = new Map<string, number>();
    for (const o of wereld.ondernemingen.erkend) {
      for (const v of o.vestigingen)
        perGemeente.set(v.gemeente.naam, (perGemeente.get(v.gemeente.naam) ?? 0) + 1);
    }
    expect(perGemeente.get('Brugge') ?? 0).toBeGreaterThan(5 * (perGemeente.get('Mesen') ?? 0));
    expect(perGemeente.get('Kortrijk') ?? 0).toBeGreaterThan(5 * (perGemeente.get('Mesen') ?? 0));
    for (const a of wereld.onderwijs.aanbod)
      expect(WEST_VLAANDEREN.gemeente(a.vestigingsplaats.nisCode)).toBeDefined();
    for (const l of wereld.lerenden) expect(WEST_VLAANDEREN.gemeente(l.woonplaatsNisCode)).toBeDefined();
  });

  it('dates things relative to the reference date: some erkenningen expired, some geschorst, some not started, some vacatures new', () => {
    const r = INSTELLINGEN.referentiedatum;
    const plan = wereld.erkenningsplan;
    expect(plan.filter((f) => f.geldigTot !== null && f.geldigTot < r).length).toBeGreaterThan(50);
    expect(plan.filter((f) => f.geldigVan > r).length).toBeGreaterThan(10);
    expect(plan.filter((f) => f.status === 'GESCHORST').length).toBeGreaterThan(100);
    expect(plan.filter((f) => f.status === 'INGETROKKEN').length).toBeGreaterThan(100);
    const week = new Date(Date.parse(`${r}T00:00:00Z`) - 7 * 86_400_000).toISOString();
    expect(wereld.vdab.vacatures.filter((v) => v.publicatieDatum >= week).length).toBeGreaterThan(100);
  });

  it('links opleidingen to sectors, BK codes and beroepsprofielen', () => {
    for (const o of OPLEIDINGEN) {
      expect(o.paritaireComites.length).toBeGreaterThan(0);
      expect(o.beroepsprofielCodes.length).toBeGreaterThan(0);
      for (const bk of o.beroepskwalificaties) expect(OPLEIDINGEN_PER_BK.get(bk.code)).toContain(o.code);
    }
    const codes = new Set(OPLEIDINGEN.map((o) => o.code));
    expect(codes.size).toBe(OPLEIDINGEN.length);
    for (const f of wereld.erkenningsplan) for (const c of f.opleidingscodes) expect(codes.has(c)).toBe(true);
    // Several Educam BK codes stand for more than one opleiding, so one Educam row can give several erkenningen.
    expect([...OPLEIDINGEN_PER_BK.values()].some((lijst) => lijst.length > 1)).toBe(true);
  });
});

describe('dirt', () => {
  const SOORTEN: Record<string, string[]> = {
    volta: [
      'KBO_CONTROLE',
      'VESTIGING_CONTROLE',
      'ONBEKENDE_OPLEIDING',
      'TOT_VOOR_VAN',
      'ONLEESBARE_DATUM',
      'DUBBEL_ID',
    ],
    educam: ['KBO_ZONDER_VOORLOOPNUL', 'KBO_CONTROLE', 'ONBEKENDE_BK', 'TOT_VOOR_VAN', 'PUNTKOMMA_IN_NAAM'],
    constructiv: ['MENTOREN_NULL', 'KBO_CONTROLE', 'ONBEKENDE_OPLEIDING', 'EINDE_VOOR_START'],
    mtech: ['STATUS_HOOFDLETTERS', 'KBO_CONTROLE', 'ONBEKENDE_OPLEIDING', 'ONLEESBARE_DATUM'],
    woodwize: [
      'VESTIGING_ONTBREEKT',
      'KBO_CONTROLE',
      'ONBEKENDE_OPLEIDING',
      'TOT_VOOR_VAN',
      'XML_ENTITEITEN',
    ],
    onderwijs: ['ONBEKENDE_OPLEIDING', 'OVERBOEKT'],
    vdab: ['KBO_ONTBREEKT', 'KBO_CONTROLE', 'ONBESTAANDE_POSTCODE', 'DUBBELE_WIJZIGING'],
  };

  it.each(Object.entries(SOORTEN))('gives %s every kind its contract lists', (partner, soorten) => {
    const gevonden = new Set(wereld.vuil.filter((v) => v.partner === partner).map((v) => v.soort));
    expect([...gevonden].sort()).toEqual([...soorten].sort());
  });

  it('dirties about MOCK_DIRT of the records, and none at 0', () => {
    const records =
      wereld.volta.records.length + wereld.educam.records.length + wereld.constructiv.records.length;
    const vuil = wereld.vuil.filter((v) => ['volta', 'educam', 'constructiv'].includes(v.partner)).length;
    expect(vuil / records).toBeGreaterThan(0.005);
    expect(vuil / records).toBeLessThan(0.03);
    expect(genereerWereld({ ...INSTELLINGEN, vuil: 0 }).vuil).toHaveLength(0);
  });

  it('records dirt that is really in the feed', () => {
    for (const v of wereld.vuil.filter((x) => x.partner === 'constructiv' && x.soort === 'MENTOREN_NULL')) {
      expect(wereld.constructiv.records.find((r) => String(r.id) === v.recordId)?.mentoren).toBeNull();
    }
    for (const v of wereld.vuil.filter((x) => x.partner === 'mtech' && x.soort === 'KBO_CONTROLE')) {
      expect(heeftGeldigeMod97(wereld.mtech.records.find((r) => r.id === v.recordId)?.kbo ?? '')).toBe(false);
    }
    const dubbel = wereld.vuil.filter((x) => x.partner === 'volta' && x.soort === 'DUBBEL_ID');
    for (const v of dubbel)
      expect(wereld.volta.records.filter((r) => r.erkenningId === v.recordId)).toHaveLength(2);
  });
});

describe('scales', () => {
  it('reads the scale setting and refuses nonsense', () => {
    expect(leesSchaal(undefined)).toBe('west-vlaanderen');
    expect(leesSchaal('vlaanderen')).toBe('vlaanderen');
    expect(leesSchaal('2.5')).toBe(2.5);
    expect(() => leesSchaal('heel-veel')).toThrow(/MOCK_SCALE/);
    expect(() => leesSchaal('0')).toThrow(/MOCK_SCALE/);
  });

  it('multiplies the sizes by a number', () => {
    const half = genereerWereld({ ...INSTELLINGEN, schaal: 0.5 });
    expect(half.vdab.vacatures).toHaveLength(3000);
    expect(half.lerenden).toHaveLength(750);
  });
});

describe('the vlaanderen scale', () => {
  it('covers all five provinces with about ten times the data', () => {
    const vlaanderen = genereerWereld({ ...INSTELLINGEN, schaal: 'vlaanderen' });
    expect(
      new Set(vlaanderen.ondernemingen.erkend.flatMap((o) => o.vestigingen.map((v) => v.gemeente.provincie)))
        .size,
    ).toBe(5);
    expect(
      new Set(
        vlaanderen.onderwijs.aanbod.map(
          (a) => vlaanderen.gebied.gemeente(a.vestigingsplaats.nisCode)?.regioCode,
        ),
      ).size,
    ).toBe(19);
    expect(vlaanderen.vdab.vacatures).toHaveLength(60_000);
  }, 60_000); // generates 130,000 records: seconds on a shared CI machine
});
