import { leesCelId, VLAANDEREN } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import {
  alsTelling,
  codesVanNiveau,
  geenPeiling,
  leesVerledenTotaalId,
  verledenCellen,
  verledenTotaalId,
  verledenTotalen,
  type Rij,
} from './verleden.ts';

const OP = '2026-11-01';
const REGIOS = VLAANDEREN.regios
  .filter((r) => r.provincie === 'WEST_VLAANDEREN')
  .map((r) => r.code)
  .sort();

/** A stored cell as a measurement keeps it: its counts differ per cell, so that a mix-up shows. */
function rij(gebied: string, code: string, n: number, nis: string | null = null): Rij {
  return {
    id: `${gebied}|${code}`,
    regioCode: nis === null ? gebied : (VLAANDEREN.gemeente(nis)?.regioCode ?? ''),
    opleidingscode: code,
    gemeente: nis === null ? null : { nisCode: nis },
    aantalAanbieders: n,
    aantalPlaatsen: null,
    aantalErkendeLeerwerkplekken: n === 0 ? 0 : null,
    aantalVacatures: n + 1,
    aantalDualeVacatures: 1,
    knelpunt: n % 2 === 0,
    aantalZoekendeLerenden: { waarde: null, onderdrukt: true },
    aantalGestarteLerenden: { waarde: 7 + n, onderdrukt: false },
    aantalActieveLeerwerkplekken: n,
    witteVlek: n === 0,
    signalen: n === 0 ? ['VRAAG_ZONDER_AANBOD', 'KNELPUNT_ZONDER_AANBOD'] : [],
    onbekend: n === 0 ? ['PLAATSEN'] : ['ERKENDE_LEERWERKPLEKKEN', 'PLAATSEN'],
  };
}

const CODES = ['B-OPL', 'A-OPL', 'C-OPL'];
const RIJEN = REGIOS.flatMap((r, i) => CODES.map((c, j) => rij(r, c, (i + j) % 3)));

describe('the radar of a past date from a measurement', () => {
  it('gives every stored cell in the order of the radar, keyed by the date, with its stored counts', () => {
    const cellen = verledenCellen(
      VLAANDEREN,
      { provincie: 'WEST_VLAANDEREN', per: 'REGIO', op: OP },
      RIJEN,
      null,
    );
    expect(cellen.map((c) => `${c.regioCode}|${c.opleidingscode}`)).toEqual(
      REGIOS.flatMap((r) => ['A-OPL', 'B-OPL', 'C-OPL'].map((c) => `${r}|${c}`)),
    );
    for (const cel of cellen) {
      const bewaard = RIJEN.find((r) => r['id'] === `${cel.regioCode}|${cel.opleidingscode}`);
      expect(cel.bewaard).toBe(bewaard);
      expect(leesCelId(cel.id)).toEqual({
        gebiedscode: cel.regioCode,
        opleidingscode: cel.opleidingscode,
        op: OP,
      });
      expect(cel.gepeild).toEqual({
        aantalAanbieders: bewaard?.['aantalAanbieders'],
        aantalPlaatsen: null,
        aantalErkendeLeerwerkplekken: bewaard?.['aantalErkendeLeerwerkplekken'],
        aantalVacatures: bewaard?.['aantalVacatures'],
        aantalDualeVacatures: 1,
        knelpunt: bewaard?.['knelpunt'],
        aantalZoekendeLerenden: { waarde: null, onderdrukt: true },
        aantalGestarteLerenden: bewaard?.['aantalGestarteLerenden'],
        aantalActieveLeerwerkplekken: bewaard?.['aantalActieveLeerwerkplekken'],
      });
    }
  });

  it('filters on area, opleiding, niveau and the stored signals', () => {
    const vraag = (filter: Record<string, unknown>, niveau: Set<string> | null = null) =>
      verledenCellen(
        VLAANDEREN,
        { provincie: 'WEST_VLAANDEREN', per: 'REGIO', filter, op: OP },
        RIJEN,
        niveau,
      ).map((c) => `${c.regioCode}|${c.opleidingscode}`);
    const regio = REGIOS[1] ?? '';
    expect(vraag({ regioCode: regio.toLowerCase(), opleidingscode: 'C-OPL' })).toEqual([`${regio}|C-OPL`]);
    expect(vraag({}, new Set(['B-OPL']))).toEqual(REGIOS.map((r) => `${r}|B-OPL`));
    const wit = RIJEN.filter((r) => r['witteVlek'] === true).map((r) => String(r['id']));
    expect(vraag({ alleenWitteVlekken: true }).sort()).toEqual(wit.sort());
    expect(vraag({ signaal: 'KNELPUNT_ZONDER_AANBOD' }).sort()).toEqual(wit.sort());
    expect(vraag({ signaal: 'AANBOD_ZONDER_LEERWERKPLEKKEN' })).toEqual([]);
  });

  it('judges an opleidingscode by what the measurement held: one it did not is BAD_USER_INPUT', () => {
    expect(() =>
      verledenCellen(
        VLAANDEREN,
        { provincie: 'WEST_VLAANDEREN', per: 'REGIO', filter: { opleidingscode: 'Z-OPL' }, op: OP },
        RIJEN,
        null,
      ),
    ).toThrow(/filter\.opleidingscode/);
  });

  it('per gemeente: the stored gemeente cells, by NIS code', () => {
    const gemeenten = VLAANDEREN.gemeenten
      .filter((g) => g.provincie === 'WEST_VLAANDEREN')
      .map((g) => g.nisCode)
      .sort();
    const rijen = gemeenten.map((nis, i) => rij(nis, 'A-OPL', i % 3, nis));
    const cellen = verledenCellen(
      VLAANDEREN,
      { provincie: 'WEST_VLAANDEREN', per: 'GEMEENTE', op: OP },
      [...rijen].reverse(),
      null,
    );
    expect(cellen.map((c) => c.nisCode)).toEqual(gemeenten);
    expect(cellen.map((c) => c.gepeild['aantalAanbieders'])).toEqual(rijen.map((r) => r['aantalAanbieders']));
  });
});

describe('regio totals of a past date', () => {
  const totaal = (regio: string, codes: string[]): Rij => ({
    id: `${regio}|SECUNDAIR`,
    regio: { code: regio },
    opleidingscodes: codes,
    aantalErkendeLeerwerkplekken: 3,
    aantalActieveLeerwerkplekken: null,
    aantalAanbieders: 2,
    aantalOpleidingenMetAanbod: 1,
    aantalVacatures: 9,
    aantalDualeVacatures: 4,
    aantalZoekendeLerenden: { waarde: 12, onderdrukt: false },
    aantalGestarteLerenden: { waarde: 3, onderdrukt: false },
    onbekend: ['ACTIEVE_LEERWERKPLEKKEN'],
  });

  it('keys each by regio, niveau and date, and suppresses a learner count of 1 to 4 when read', () => {
    const [t] = verledenTotalen([totaal('MIDWEST', ['A-OPL'])], 'SECUNDAIR', OP);
    expect(t?.id).toBe(verledenTotaalId('MIDWEST', 'SECUNDAIR', OP));
    expect(leesVerledenTotaalId(t?.id ?? '')).toEqual({ regioCode: 'MIDWEST', niveau: 'SECUNDAIR', op: OP });
    expect(t?.gepeild).toMatchObject({
      aantalActieveLeerwerkplekken: null,
      aantalZoekendeLerenden: { waarde: 12, onderdrukt: false },
      aantalGestarteLerenden: { waarde: null, onderdrukt: true },
    });
    expect(leesVerledenTotaalId('MIDWEST|ALLE')).toBeUndefined();
    expect(leesVerledenTotaalId(`MIDWEST|ALLE|${OP}`)).toEqual({
      regioCode: 'MIDWEST',
      niveau: null,
      op: OP,
    });
    expect(leesVerledenTotaalId(`MIDWEST|GEEN|${OP}`)).toBeUndefined();
  });

  it('tells the opleidingen of a niveau from its totals', () => {
    expect([...codesVanNiveau([totaal('A', ['X', 'Y']), totaal('B', ['Y', 'Z'])])].sort()).toEqual([
      'X',
      'Y',
      'Z',
    ]);
  });

  it('reads a stored learner count as a Telling', () => {
    expect(alsTelling({ waarde: 0, onderdrukt: false })).toEqual({ waarde: 0, onderdrukt: false });
    expect(alsTelling({ waarde: 4, onderdrukt: false })).toEqual({ waarde: null, onderdrukt: true });
    expect(alsTelling({ waarde: null, onderdrukt: true })).toEqual({ waarde: null, onderdrukt: true });
    expect(alsTelling({ waarde: null, onderdrukt: false })).toBeNull();
    expect(alsTelling(null)).toBeNull();
  });

  it('names the first date held when none is on or before the date asked', () => {
    expect(geenPeiling('2020-01-01', '2026-11-01').message).toContain('2026-11-01');
    expect(geenPeiling('2020-01-01', undefined).message).toContain('nog geen peilingen');
  });
});
