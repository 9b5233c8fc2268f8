import { createHash } from 'node:crypto';
import { heeftGeldigeMod97 } from '@duaal-graph/domein';
import { describe, expect, it } from 'vitest';
import { genereerWereld, type WereldInstellingen } from './index.ts';
import { NACE_PER_SECTOR } from './kbo-codes.ts';
import { datumVolledigExtract, nummerVolledigExtract } from './kbo-register.ts';
import { recordNummer, voegSamen, type KboRecord } from './kbo.ts';

const INSTELLINGEN: WereldInstellingen = {
  seed: '42',
  schaal: 'west-vlaanderen',
  vuil: 0.01,
  referentiedatum: '2026-11-01',
};
const wereld = genereerWereld(INSTELLINGEN);
const { kbo } = wereld;

function vingerafdruk(k: typeof kbo): string {
  return createHash('sha256')
    .update(JSON.stringify([k.register.snapshot(), k.extracten, k.vuil]))
    .digest('hex');
}

const cijfers = (r: KboRecord) => recordNummer(r);

describe('the company register of the world', () => {
  it('is the same to the byte for the same seed, and differs for another', () => {
    expect(vingerafdruk(genereerWereld(INSTELLINGEN).kbo)).toBe(vingerafdruk(kbo));
    expect(vingerafdruk(genereerWereld({ ...INSTELLINGEN, seed: '43' }).kbo)).not.toBe(vingerafdruk(kbo));
    // Two more worlds with their registers: a few hundred milliseconds, many seconds on a busy machine.
  }, 30_000);

  it('holds every onderneming of the other partners plus as many prospects again: about 8,000', () => {
    const { erkend, andere, interimkantoren } = wereld.ondernemingen;
    for (const o of [...erkend, ...andere, ...interimkantoren])
      expect(kbo.register.records.has(o.kbo), o.kbo).toBe(true);
    expect(kbo.register.records.size).toBeGreaterThan(7500);
    expect(kbo.register.records.size).toBeLessThan(8500);
    const vermeld = erkend.length + andere.length + interimkantoren.length;
    const sectorcodes = new Set(Object.values(NACE_PER_SECTOR).flatMap((l) => l.map((n) => n.code)));
    const bekend = new Set([...erkend, ...andere, ...interimkantoren].map((o) => o.kbo));
    const prospects = [...kbo.register.records.values()].filter(
      (r) =>
        !bekend.has(cijfers(r)) &&
        r.activity.some((a) => a.Classification === 'MAIN' && sectorcodes.has(a.NaceCode)),
    );
    expect(prospects.length).toBeGreaterThan(0.9 * vermeld);
  });

  it('scales with MOCK_SCALE', () => {
    const half = genereerWereld({ ...INSTELLINGEN, schaal: 0.5 }).kbo;
    expect(half.register.records.size).toBeGreaterThan(3500);
    expect(half.register.records.size).toBeLessThan(4500);
  }, 30_000);

  it('keeps its vestigingen with their numbers and municipalities, and its seat at the first', () => {
    for (const o of wereld.ondernemingen.erkend.slice(0, 200)) {
      const r = kbo.register.records.get(o.kbo);
      expect(r?.establishment.map((v) => v.EstablishmentNumber.replace(/\./g, ''))).toEqual(
        expect.arrayContaining(o.vestigingen.map((v) => v.nummer)),
      );
      const zetel = r?.address.find((a) => a.TypeOfAddress === 'REGO');
      if (!o.vestigingen[0]) throw new Error('geen vestiging');
      expect(zetel?.MunicipalityNL).toBe(o.vestigingen[0].gemeente.naam);
    }
  });

  it('gives valid numbers to everything it made itself, never one of the other partners', () => {
    const andere = new Set(
      [...wereld.ondernemingen.erkend, ...wereld.ondernemingen.andere].flatMap((o) => [
        o.kbo,
        ...o.vestigingen.map((v) => v.nummer),
      ]),
    );
    const gezien = new Set<string>();
    for (const r of kbo.register.records.values()) {
      const nummers = [cijfers(r), ...r.establishment.map((v) => v.EstablishmentNumber.replace(/\./g, ''))];
      for (const n of nummers) {
        expect(heeftGeldigeMod97(n), n).toBe(true);
        expect(gezien.has(n), n).toBe(false);
        gezien.add(n);
      }
    }
    expect([...andere].every((n) => gezien.has(n))).toBe(true);
  });

  it('starts with the full extract of the first of the month a week back, then one update a day up to the reference date', () => {
    expect(datumVolledigExtract('2026-11-01')).toBe('2026-10-01');
    expect(datumVolledigExtract('2026-11-20')).toBe('2026-11-01');
    expect(nummerVolledigExtract('2026-10-01')).toBe(141);
    const [volledig, ...updates] = kbo.extracten;
    expect(volledig).toMatchObject({ soort: 'full', nummer: 141, datum: '2026-10-01' });
    expect(updates).toHaveLength(31);
    updates.forEach((u, i) => {
      expect(u.soort).toBe('update');
      expect(u.nummer).toBe(142 + i);
    });
    expect(updates.at(-1)?.datum).toBe('2026-11-01');
  });

  it('ends, after the updates, in the register as it stands', () => {
    const staat = new Map<string, KboRecord>();
    const [volledig, ...updates] = kbo.extracten;
    if (volledig?.soort !== 'full') throw new Error('geen volledig extract');
    for (const r of volledig.records) staat.set(cijfers(r), r);
    for (const u of updates) {
      if (u.soort !== 'update') continue;
      for (const w of u.wijzigingen) {
        if (w.nieuw) staat.set(cijfers(w.nieuw), w.nieuw);
        else if (w.oud) staat.delete(cijfers(w.oud));
      }
    }
    expect([...staat.keys()].sort()).toEqual([...kbo.register.records.keys()].sort());
    for (const [n, r] of staat) expect(r).toBe(kbo.register.records.get(n));
  });
});

describe('the register’s dirt', () => {
  const soorten = ['FRANSE_NAAM', 'ZETEL_DOORGEHAALD', 'NACE_2003', 'GESTOPT_MAAR_ERKEND'];

  it('has every kind of kbo.md at MOCK_DIRT, in a company the other partners mention, and none at 0', () => {
    expect([...new Set(kbo.vuil.map((v) => v.soort))].sort()).toEqual([...soorten].sort());
    const bekend = new Set(
      [...wereld.ondernemingen.erkend, ...wereld.ondernemingen.andere].map((o) => o.kbo),
    );
    for (const v of kbo.vuil) expect(bekend.has(v.recordId.replace(/\./g, '')), v.recordId).toBe(true);
    expect(genereerWereld({ ...INSTELLINGEN, vuil: 0 }).kbo.vuil).toEqual([]);
  }, 30_000);

  it('is in the register as the list says', () => {
    for (const v of kbo.vuil) {
      const r = kbo.register.records.get(v.recordId.replace(/\./g, ''));
      if (!r) throw new Error(v.recordId);
      if (v.soort === 'FRANSE_NAAM')
        expect(r.denomination.filter((d) => d.TypeOfDenomination === '001').map((d) => d.Language)).toEqual([
          '1',
        ]);
      if (v.soort === 'ZETEL_DOORGEHAALD')
        expect(r.address.find((a) => a.TypeOfAddress === 'REGO')?.DateStrikingOff).toBe(v.waarde);
      if (v.soort === 'NACE_2003') {
        expect(r.activity.some((a) => a.NaceVersion === '2003' && a.NaceCode === v.waarde)).toBe(true);
        expect(r.activity.some((a) => a.NaceVersion === '2008' && a.Classification === 'MAIN')).toBe(true);
      }
      if (v.soort === 'GESTOPT_MAAR_ERKEND') {
        expect(r.enterprise[0]?.Status).toBe('ST');
        expect(
          wereld.erkenningsplan.some(
            (f) => f.onderneming.kbo === v.recordId.replace(/\./g, '') && f.status === 'ERKEND',
          ),
        ).toBe(true);
      }
    }
  });

  it('is left alone by the daily changes, so that the list stays true', () => {
    const gewijzigd = new Set(
      kbo.extracten.flatMap((e) =>
        e.soort === 'update' ? e.wijzigingen.map((w) => cijfers((w.nieuw ?? w.oud) as KboRecord)) : [],
      ),
    );
    for (const v of kbo.vuil) expect(gewijzigd.has(v.recordId.replace(/\./g, '')), v.recordId).toBe(false);
  });
});

describe('folding changes', () => {
  const record = (naam: string): KboRecord => ({
    enterprise: [
      {
        EnterpriseNumber: '0403.170.701',
        Status: 'AC',
        JuridicalSituation: '000',
        TypeOfEnterprise: '2',
        JuridicalForm: '610',
        JuridicalFormCAC: '',
        StartDate: '01-01-2020',
      },
    ],
    establishment: [],
    denomination: [
      { EntityNumber: '0403.170.701', Language: '2', TypeOfDenomination: '001', Denomination: naam },
    ],
    address: [],
    activity: [],
    contact: [],
  });

  it('keeps the state before the first change and after the last, and drops what came and went', () => {
    const a = record('A');
    const b = record('B');
    const c = record('C');
    expect(
      voegSamen([
        { oud: a, nieuw: b },
        { oud: b, nieuw: c },
      ]),
    ).toEqual([{ oud: a, nieuw: c }]);
    expect(
      voegSamen([
        { oud: null, nieuw: b },
        { oud: b, nieuw: null },
      ]),
    ).toEqual([]);
    expect(
      voegSamen([
        { oud: a, nieuw: null },
        { oud: null, nieuw: c },
      ]),
    ).toEqual([{ oud: a, nieuw: c }]);
  });
});
