import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import type { System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';
import {
  geldigOp,
  leesVerwachteErkenningen,
  REGIO_VAN_NIS,
  type VerwachteErkenning,
} from './expectations.ts';

const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;

function metPunten(kbo: string): string {
  return `${kbo.slice(0, 4)}.${kbo.slice(4, 7)}.${kbo.slice(7)}`;
}

interface GraafErkenning {
  id: string;
  sector: string;
  status: string;
  geldigVan: string;
  geldigTot: string | null;
  opleiding: { code: string };
  vestiging: { vestigingsnummer: string } | null;
}

const ONDERNEMING = `query Onderneming($nummer: ID!) {
  onderneming(ondernemingsnummer: $nummer) {
    ondernemingsnummer naam isErkend
    erkenningen { id sector status geldigVan geldigTot opleiding { code } vestiging { vestigingsnummer } }
  }
}`;

function sleutel(e: {
  sector: string;
  opleidingscode: string;
  status: string;
  geldigVan: string;
  geldigTot: string | null;
  vestiging: string | null;
}): string {
  return [e.sector, e.opleidingscode, e.status, e.geldigVan, e.geldigTot ?? '-', e.vestiging ?? '-'].join(
    '|',
  );
}

describe('ondernemingen and their erkenningen through the gateway', () => {
  let system: System;
  let verwacht: VerwachteErkenning[];
  let perKbo: Map<string, VerwachteErkenning[]>;

  beforeAll(async () => {
    system = await sharedSystem();
    verwacht = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
    perKbo = new Map();
    for (const e of verwacht) perKbo.set(e.kbo, [...(perKbo.get(e.kbo) ?? []), e]);
  });

  it('gives every erkenning of sample companies across all five sectors, with the status on the reference date', async () => {
    // Companies in each sector, those in more than one sector, and those with a geschorst or ingetrokken erkenning.
    const kandidaten = [...perKbo.entries()];
    const steekproef = new Set<string>();
    for (const sector of SECTOREN) {
      for (const [kbo] of kandidaten
        .filter(([, lijst]) => lijst.some((e) => e.sector === sector))
        .slice(0, 4))
        steekproef.add(kbo);
    }
    for (const [kbo] of kandidaten.filter(([, l]) => new Set(l.map((e) => e.sector)).size > 1).slice(0, 5))
      steekproef.add(kbo);
    for (const status of ['GESCHORST', 'INGETROKKEN']) {
      for (const [kbo] of kandidaten.filter(([, l]) => l.some((e) => e.status === status)).slice(0, 3))
        steekproef.add(kbo);
    }
    expect(steekproef.size).toBeGreaterThanOrEqual(20);
    for (const kbo of steekproef) {
      const antwoord = await system.vraag(ONDERNEMING, { nummer: kbo }, await alsRol({ rol: 'analist' }));
      expect(antwoord.errors).toBeUndefined();
      const onderneming = antwoord.data?.['onderneming'] as {
        ondernemingsnummer: string;
        isErkend: boolean;
        erkenningen: GraafErkenning[];
      };
      expect(onderneming.ondernemingsnummer).toBe(metPunten(kbo));
      const gekregen = onderneming.erkenningen.map((e) =>
        sleutel({
          ...e,
          opleidingscode: e.opleiding.code,
          vestiging: e.vestiging?.vestigingsnummer.replace(/\D/g, '') ?? null,
        }),
      );
      const lijst = perKbo.get(kbo) ?? [];
      expect(gekregen.sort()).toEqual(lijst.map(sleutel).sort());
      expect(onderneming.isErkend).toBe(
        lijst.some((e) => e.status === 'ERKEND' && geldigOp(e, REFERENTIEDATUM)),
      );
      for (const e of onderneming.erkenningen) expect(e.id.startsWith(`${e.sector}:`)).toBe(true);
    }
  });

  it('accepts the usual notations and refuses a bad checksum with BAD_USER_INPUT naming the argument', async () => {
    const kbo = [...perKbo.keys()].find((k) => k.startsWith('0')) ?? '';
    for (const notatie of [
      `BE${kbo}`,
      `${kbo.slice(0, 4)} ${kbo.slice(4, 7)} ${kbo.slice(7)}`,
      kbo.slice(1),
      metPunten(kbo),
    ]) {
      const antwoord = await system.vraag(ONDERNEMING, { nummer: notatie });
      expect((antwoord.data?.['onderneming'] as { ondernemingsnummer: string }).ondernemingsnummer).toBe(
        metPunten(kbo),
      );
    }
    const fout = await system.vraag(ONDERNEMING, {
      nummer: `${kbo.slice(0, 9)}${(Number(kbo[9]) + 1) % 10}`,
    });
    expect(fout.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'ondernemingsnummer',
    });
  });

  it('knows a valid company that no source knows: it exists in KBO, without a name', async () => {
    const antwoord = await system.vraag(ONDERNEMING, { nummer: '0403019261' });
    expect(antwoord.data?.['onderneming']).toEqual({
      ondernemingsnummer: '0403.019.261',
      naam: null,
      isErkend: false,
      erkenningen: [],
    });
  });

  it('goes from a company to its erkenningen to the opleiding to the schools offering it in the company region', async () => {
    const [kbo, lijst] = [...perKbo.entries()].find(([, l]) =>
      l.some((e) => e.status === 'ERKEND' && e.nis !== null),
    ) ?? ['', []];
    // The public sees the vestigingen of ERKEND erkenningen only.
    const nis = lijst.find((e) => e.status === 'ERKEND' && e.nis !== null)?.nis ?? '';
    const regio = REGIO_VAN_NIS.get(nis) ?? '';
    const antwoord = await system.vraag(
      `query($nummer: ID!, $regio: ID!) { onderneming(ondernemingsnummer: $nummer) { naam
        vestigingen { adres { gemeente { naam regio { code } } } }
        erkenningen { sector opleiding { code naam aanbod(regioCode: $regio) { school { naam instellingsnummer } gemeente { regio { code } } } } } } }`,
      { nummer: kbo, regio },
    );
    expect(antwoord.errors).toBeUndefined();
    const onderneming = antwoord.data?.['onderneming'] as {
      vestigingen: { adres: { gemeente: { regio: { code: string } } } }[];
      erkenningen: { opleiding: { code: string; aanbod: { gemeente: { regio: { code: string } } }[] } }[];
    };
    expect(onderneming.vestigingen.some((v) => v.adres.gemeente.regio.code === regio)).toBe(true);
    for (const e of onderneming.erkenningen)
      for (const a of e.opleiding.aanbod) expect(a.gemeente.regio.code).toBe(regio);
  });

  it('costs one _entities request per subgraph for a list of 100 companies with erkenningen, vestigingen and opleidingen', async () => {
    for (const t of Object.values(system.proxies)) t.wis();
    const antwoord =
      await system.vraag(`{ ondernemingen(first: 100, filter: { status: ERKEND }) { totalCount edges { node {
      naam vestigingen { vestigingsnummer adres { gemeente { naam regio { naam } } } }
      erkenningen { sector opleiding { naam niveau } } } } } }`);
    expect(antwoord.errors).toBeUndefined();
    expect((antwoord.data?.['ondernemingen'] as { edges: unknown[] }).edges).toHaveLength(100);
    // The root, and one _entities call for the names: `naam` requires VDAB's name from the vacatures subgraph (its last fallback).
    expect(system.proxies.erkenningen.verzoeken).toHaveLength(2);
    expect(system.proxies.erkenningen.entiteiten()).toBe(1);
    expect(system.proxies.vacatures.entiteiten()).toBe(1);
    expect(system.proxies.onderwijsaanbod.entiteiten()).toBe(1);
    expect(system.proxies.radar.entiteiten()).toBe(1);
  });

  it("forwards the caller's bearer token to every subgraph it calls", async () => {
    for (const t of Object.values(system.proxies)) t.wis();
    await system.vraag(
      '{ ondernemingen(first: 3) { edges { node { erkenningen { opleiding { naam } } vestigingen { adres { gemeente { naam } } } vacatures(first: 1) { totalCount } matches { id } } } } }',
      {},
      await alsRol({ rol: 'analist', sub: 'een-analist' }),
    );
    for (const t of Object.values(system.proxies)) {
      expect(t.verzoeken.length).toBeGreaterThan(0);
      for (const v of t.verzoeken) expect(v.headers.authorization).toMatch(/^Bearer ey/);
    }
  });
});

describe('filters and workplaces through the gateway', () => {
  let system: System;
  let verwacht: VerwachteErkenning[];

  beforeAll(async () => {
    system = await sharedSystem();
    verwacht = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
  });

  const erkendEnGeldig = (e: VerwachteErkenning) => e.status === 'ERKEND' && geldigOp(e, REFERENTIEDATUM);

  it('filters ondernemingen on sector, opleiding and region, counting those with a valid ERKEND erkenning', async () => {
    const gevallen = [
      { filter: { sector: 'EDUCAM' }, past: (e: VerwachteErkenning) => e.sector === 'EDUCAM' },
      {
        filter: { opleidingscode: 'DS-CNC-3' },
        past: (e: VerwachteErkenning) => e.opleidingscode === 'DS-CNC-3',
      },
      {
        filter: { regioCode: 'WESTHOEK' },
        past: (e: VerwachteErkenning) => e.nis !== null && REGIO_VAN_NIS.get(e.nis) === 'WESTHOEK',
      },
      {
        filter: { nisCode: '34022', sector: 'CONSTRUCTIV' },
        past: (e: VerwachteErkenning) => e.nis === '34022' && e.sector === 'CONSTRUCTIV',
      },
    ];
    for (const { filter, past } of gevallen) {
      const antwoord = await system.vraag(
        'query($f: OndernemingFilter) { ondernemingen(filter: $f, first: 1) { totalCount } }',
        { f: filter },
      );
      expect(antwoord.errors).toBeUndefined();
      const kbos = new Set(verwacht.filter((e) => erkendEnGeldig(e) && past(e)).map((e) => e.kbo));
      expect({
        filter,
        totalCount: (antwoord.data?.['ondernemingen'] as { totalCount: number }).totalCount,
      }).toEqual({ filter, totalCount: kbos.size });
    }
    const fout = await system.vraag('{ ondernemingen(filter: { regioCode: "NERGENS" }) { totalCount } }');
    expect(fout.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'regioCode' });
  });

  it('lists the erkende leerwerkplekken of an opleiding in a region, as the partner data says', async () => {
    const antwoord = await system.vraag(
      '{ opleiding(code: "DS-ELT-3") { erkendeLeerwerkplekken(regioCode: "ZUID_WEST_VLAANDEREN", first: 100) { totalCount edges { node { vestigingsnummer erkendVoor(opleidingscode: "DS-ELT-3") } } } } }',
    );
    expect(antwoord.errors).toBeUndefined();
    const plekken = (
      antwoord.data?.['opleiding'] as {
        erkendeLeerwerkplekken: {
          totalCount: number;
          edges: { node: { vestigingsnummer: string; erkendVoor: boolean } }[];
        };
      }
    ).erkendeLeerwerkplekken;
    const verwachtePlekken = new Set(
      verwacht
        .filter(
          (e) =>
            erkendEnGeldig(e) &&
            e.opleidingscode === 'DS-ELT-3' &&
            e.nis !== null &&
            REGIO_VAN_NIS.get(e.nis) === 'ZUID_WEST_VLAANDEREN',
        )
        .map((e) => e.vestiging ?? ''),
    );
    expect(plekken.totalCount).toBe(verwachtePlekken.size);
    expect(new Set(plekken.edges.map((e) => e.node.vestigingsnummer.replace(/\D/g, '')))).toEqual(
      verwachtePlekken,
    );
    expect(plekken.edges.every((e) => e.node.erkendVoor)).toBe(true);
  });

  it('finds a vestiging by number, with its onderneming and adres', async () => {
    const e = verwacht.find((x) => x.sector === 'VOLTA' && x.status === 'ERKEND' && x.vestiging !== null);
    const nummer = e?.vestiging ?? '';
    const antwoord = await system.vraag(
      'query($n: ID!) { vestiging(vestigingsnummer: $n) { vestigingsnummer onderneming { ondernemingsnummer } adres { postcode gemeente { nisCode } } } }',
      { n: nummer },
    );
    expect(antwoord.errors).toBeUndefined();
    expect(antwoord.data?.['vestiging']).toMatchObject({
      vestigingsnummer: `${nummer.slice(0, 1)}.${nummer.slice(1, 4)}.${nummer.slice(4, 7)}.${nummer.slice(7)}`,
      onderneming: { ondernemingsnummer: metPunten(e?.kbo ?? '') },
      adres: { gemeente: { nisCode: e?.nis } },
    });
  });
});
