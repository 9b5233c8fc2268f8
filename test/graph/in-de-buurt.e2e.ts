import { schooljaarVan } from '@duaal-graph/domein';
import { beforeAll, describe, expect, it } from 'vitest';
import { haal, jsonVan } from '../contract/sector-reader.ts';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { geldigOp, leesAanbod, leesVerwachteErkenningen } from './expectations.ts';
import { afstandTussen, GEO_GEMEENTEN, GEO_POSTCODES, nisVoorPostcode, tiendeKm } from './geo-reader.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { isDuaal, leesVacatures, ref } from './vacatures-expectations.ts';

/**
 * `inDeBuurt` against an independent computation: the partners' own data read
 * through their APIs, the gemeenten and postcodes from ../shared/domain/geo, and
 * distances computed here. Every list must hold exactly what lies within km,
 * nearest first (by the distance shown, then code or id), and the opleidingen
 * exactly those with something within km, by their nearest aanbod.
 */

interface RegisterOpleiding {
  opleidingscode: string;
  naam: string;
  niveau: string;
  beroepsprofielCodes: string[];
  paritaireComites: string[];
}

/** The paritaire comités of the five integrated sector databanks (GLOSSARY.md). */
const SECTOR_PCS = ['149.01', '112', '124', '111', '209', '125', '126'];

interface Item {
  readonly sleutel: string;
  readonly km: number;
}

const opAfstand = (a: Item, b: Item) =>
  tiendeKm(a.km) - tiendeKm(b.km) || (a.sleutel < b.sleutel ? -1 : a.sleutel > b.sleutel ? 1 : 0);
const toon = (items: readonly Item[]) => items.map((i) => `${i.sleutel} ${tiendeKm(i.km).toFixed(1)}`);

const cijfers = (s: string) => s.replace(/\D/g, '');
const FIRST = 100;

interface Verwacht {
  opleidingscode: string;
  aanbod: Item[];
  plekken: Item[];
  vacatures: Item[];
  erkenningsbron: boolean;
}

const VRAAG = `query Buurt($postcode: String!, $km: Int!, $code: ID, $niveau: Niveau) {
  inDeBuurt(postcode: $postcode, km: $km, opleidingscode: $code, niveau: $niveau) {
    vertrek { nisCode naam }
    km
    opleidingen {
      opleiding { code }
      aanbod { afstandKm aanbod { school { instellingsnummer } gemeente { nisCode } schooljaar } }
      aantalErkendeLeerwerkplekken
      erkendeLeerwerkplekken(first: ${FIRST}) { afstandKm vestiging { vestigingsnummer } }
      dualeVacatures(first: ${FIRST}) { afstandKm vacature { id } }
    }
  }
}`;

interface Antwoord {
  vertrek: { nisCode: string; naam: string };
  km: number;
  opleidingen: {
    opleiding: { code: string };
    aanbod: {
      afstandKm: number;
      aanbod: { school: { instellingsnummer: string }; gemeente: { nisCode: string }; schooljaar: string };
    }[];
    aantalErkendeLeerwerkplekken: number | null;
    erkendeLeerwerkplekken: { afstandKm: number; vestiging: { vestigingsnummer: string } }[];
    dualeVacatures: { afstandKm: number; vacature: { id: string } }[];
  }[];
}

describe('inDeBuurt through the gateway', () => {
  let system: System;
  let register: RegisterOpleiding[];
  /** Per opleidingscode: aanbod rows this school year, `[instellingsnummer:nis, nis]`. */
  const aanbod = new Map<string, { sleutel: string; nis: string }[]>();
  /** Per opleidingscode: geldig erkende vestigingen (digits) with their nis. */
  const plekken = new Map<string, Map<string, string>>();
  /** Duale vacatures: id, nis, beroepsprofiel code. */
  let duale: { id: string; nis: string | null; beroep: string }[];

  beforeAll(async () => {
    system = await sharedSystem();
    const basis = system.mock.url;
    register = jsonVan(await haal(`${basis}/onderwijs/v1/opleidingen`)) as RegisterOpleiding[];
    for (const r of await leesAanbod(basis, schooljaarVan(REFERENTIEDATUM))) {
      const lijst = aanbod.get(r.opleidingscode) ?? [];
      lijst.push({
        sleutel: `${r.instellingsnummer}:${r.opleidingscode}:${schooljaarVan(REFERENTIEDATUM)}:${r.vestigingsplaats.nisCode}`,
        nis: r.vestigingsplaats.nisCode,
      });
      aanbod.set(r.opleidingscode, lijst);
    }
    for (const e of await leesVerwachteErkenningen(basis, REFERENTIEDATUM)) {
      if (e.status !== 'ERKEND' || !geldigOp(e, REFERENTIEDATUM) || !e.vestiging) continue;
      const nis = e.nis ?? (e.postcode ? nisVoorPostcode(e.postcode) : null);
      if (!nis) continue;
      const m = plekken.get(e.opleidingscode) ?? new Map<string, string>();
      m.set(e.vestiging, nis);
      plekken.set(e.opleidingscode, m);
    }
    duale = (await leesVacatures(basis, 1_000)).filter(isDuaal).map((v) => ({
      id: ref(v),
      nis: nisVoorPostcode(v.tewerkstellingsadres.postcode),
      beroep: v.functie.beroepsprofiel.code.trim().toUpperCase(),
    }));
  }, 120_000);

  function verwacht(vertrek: string, km: number, code?: string, niveau?: string): Verwacht[] {
    const binnen = (nis: string | null) => nis !== null && afstandTussen(vertrek, nis) <= km;
    const uit: Verwacht[] = [];
    for (const o of register) {
      if ((code && o.opleidingscode !== code) || (niveau && o.niveau !== niveau)) continue;
      const a = (aanbod.get(o.opleidingscode) ?? [])
        .filter((r) => binnen(r.nis))
        .map((r) => ({ sleutel: r.sleutel, km: afstandTussen(vertrek, r.nis) }))
        .sort(opAfstand);
      const p = [...(plekken.get(o.opleidingscode) ?? [])]
        .filter(([, nis]) => binnen(nis))
        .map(([v, nis]) => ({ sleutel: v, km: afstandTussen(vertrek, nis) }))
        .sort(opAfstand);
      const beroepen = new Set(o.beroepsprofielCodes.map((b) => b.trim().toUpperCase()));
      const v = duale
        .filter((d) => beroepen.has(d.beroep) && binnen(d.nis))
        .map((d) => ({ sleutel: d.id, km: afstandTussen(vertrek, d.nis ?? '') }))
        .sort(opAfstand);
      if (a.length + p.length + v.length === 0) continue;
      uit.push({
        opleidingscode: o.opleidingscode,
        aanbod: a,
        plekken: p,
        vacatures: v,
        erkenningsbron: o.paritaireComites.some((pc) => SECTOR_PCS.includes(pc)),
      });
    }
    const dichtste = (x: Verwacht) => (x.aanbod[0] ? tiendeKm(x.aanbod[0].km) : Infinity);
    return uit.sort(
      (x, y) =>
        dichtste(x) - dichtste(y) ||
        (x.opleidingscode < y.opleidingscode ? -1 : x.opleidingscode > y.opleidingscode ? 1 : 0),
    );
  }

  const gevallen: [postcode: string, km: number, code?: string | undefined, niveau?: string | undefined][] = [
    ['8310', 15],
    ['8200', 10, undefined, 'SECUNDAIR'],
    ['8501', 25],
    ['8800', 15, 'elektrotechnicus'],
    ['8790', 20],
    ['8630', 1],
    ['8000', 50, undefined, 'VOLWASSENENONDERWIJS'],
  ];

  it.each(gevallen)(
    '%s within %i km (opleiding %s, niveau %s) equals the partners’ data',
    async (postcode, km, code, niveau) => {
      const vertrek = GEO_POSTCODES.get(postcode)?.[0] ?? '';
      const opleidingscode =
        code === 'elektrotechnicus'
          ? register.find((o) => o.naam.toLowerCase().includes('elektrotechnicus'))?.opleidingscode
          : code;
      const antwoord = await system.vraag(VRAAG, { postcode, km, code: opleidingscode, niveau });
      expect(antwoord.errors).toBeUndefined();
      const buurt = antwoord.data?.['inDeBuurt'] as Antwoord;
      expect(buurt.vertrek.nisCode).toBe(vertrek);
      expect(buurt.km).toBe(km);
      const verwachting = verwacht(vertrek, km, opleidingscode, niveau);
      expect(verwachting.length, 'a case with nothing to compare proves nothing').toBeGreaterThan(0);
      expect(buurt.opleidingen.map((o) => o.opleiding.code)).toEqual(
        verwachting.map((v) => v.opleidingscode),
      );
      for (const [i, o] of buurt.opleidingen.entries()) {
        const v = verwachting[i];
        if (!v) throw new Error('more opleidingen than expected');
        const schooljaar = schooljaarVan(REFERENTIEDATUM);
        expect(
          o.aanbod.map(
            (a) =>
              `${a.aanbod.school.instellingsnummer}:${o.opleiding.code}:${a.aanbod.schooljaar}:${a.aanbod.gemeente.nisCode} ${a.afstandKm.toFixed(1)}`,
          ),
          `aanbod of ${v.opleidingscode}`,
        ).toEqual(toon(v.aanbod));
        expect(o.aanbod.every((a) => a.aanbod.schooljaar === schooljaar)).toBe(true);
        expect(o.aantalErkendeLeerwerkplekken).toBe(v.erkenningsbron ? v.plekken.length : null);
        expect(
          o.erkendeLeerwerkplekken.map(
            (p) => `${cijfers(p.vestiging.vestigingsnummer)} ${p.afstandKm.toFixed(1)}`,
          ),
          `erkende leerwerkplekken of ${v.opleidingscode}`,
        ).toEqual(toon(v.plekken.slice(0, FIRST)));
        expect(
          o.dualeVacatures.map((d) => `${d.vacature.id} ${d.afstandKm.toFixed(1)}`),
          `duale vacatures of ${v.opleidingscode}`,
        ).toEqual(toon(v.vacatures.slice(0, FIRST)));
      }
    },
  );

  it('costs a handful of subgraph fetches, whatever the number of opleidingen', async () => {
    for (const p of Object.values(system.proxies)) p.wis();
    const antwoord = await system.vraag(VRAAG, { postcode: '8500', km: 25 });
    expect(antwoord.errors).toBeUndefined();
    expect((antwoord.data?.['inDeBuurt'] as Antwoord).opleidingen.length).toBeGreaterThan(10);
    const per = Object.fromEntries(Object.entries(system.proxies).map(([n, p]) => [n, p.verzoeken.length]));
    const totaal = Object.values(per).reduce((a, b) => a + b, 0);
    expect(totaal, JSON.stringify(per)).toBeLessThanOrEqual(8);
    expect(per['matching'], JSON.stringify(per)).toBe(0);
  });

  it('crosses provincial borders: the gemeenten within km of Waregem include Oost-Vlaamse ones', async () => {
    const waregem = GEO_POSTCODES.get('8790')?.[0] ?? '';
    const oostVlaams = GEO_GEMEENTEN.filter(
      (g) => g.nis.startsWith('4') && afstandTussen(waregem, g.nis) <= 15,
    );
    expect(oostVlaams.length).toBeGreaterThan(0);
    // The mock partners' West-Flemish data lie in West-Vlaanderen only; the radius is the graph's, not the province's.
    const antwoord = await system.vraag(VRAAG, { postcode: '8790', km: 15 });
    expect(antwoord.errors).toBeUndefined();
  });

  it.each([
    [{ postcode: '8310', km: 0 }, 'km'],
    [{ postcode: '8310', km: 51 }, 'km'],
    [{ postcode: '83100', km: 10 }, 'postcode'],
    [{ postcode: 'Brugge', km: 10 }, 'postcode'],
    [{ postcode: '1000', km: 10 }, 'postcode'],
    [{ postcode: '4000', km: 10 }, 'postcode'],
    [{ postcode: '8310', km: 10, code: 'GEEN-OPLEIDING' }, 'opleidingscode'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (variabelen, argument) => {
    const antwoord = await system.vraag(VRAAG, variabelen);
    expect(antwoord.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(antwoord.errors?.[0]?.extensions?.['argument']).toBe(argument);
    expect(antwoord.data?.['inDeBuurt'] ?? null).toBeNull();
  });
});
