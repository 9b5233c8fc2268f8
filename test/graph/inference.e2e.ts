/**
 * What a caller may not see does not leak through what it may: a company's
 * name, vestigingen and addresses come only from the erkenningen the caller
 * sees. A company (or vestiging) known only through GESCHORST or INGETROKKEN
 * erkenningen answers, for the public, a trajectbegeleider and a partner of
 * another sector, exactly as a number no source knows; its own sector's
 * partner and an analist still see it. Expectations come from the independent
 * reading of the partners (verwachting.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { isOndernemingsnummer, isVestigingsnummer } from '../contract/sector-reader.ts';
import type { GraphResponse, System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { token } from './tokens.ts';
import { geldigOp, leesVerwachteErkenningen, type VerwachteErkenning } from './expectations.ts';

const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;
type Sector = (typeof SECTOREN)[number];
type Claims = Parameters<typeof token>[0] | null;

const ANONIEM: Claims = null;
const BEGELEIDER: Claims = { rol: 'trajectbegeleider', instellingsnummer: '030007' };
const ANALIST: Claims = { rol: 'analist' };
const partner = (sector: Sector): Claims => ({ rol: 'partner', sector });

const ONDERNEMING = `{
  ondernemingsnummer isErkend
  vestigingen { vestigingsnummer adres { straatnaam huisnummer postcode gemeente { nisCode naam } }
    onderneming { isErkend } }
  erkenningen { id sector status vestiging { vestigingsnummer adres { postcode } } }
}`;

const VESTIGING = `{
  vestigingsnummer adres { straatnaam huisnummer postcode gemeente { nisCode naam } }
  onderneming { ondernemingsnummer isErkend vestigingen { vestigingsnummer } }
  erkenningen { id sector status } erkendVoor(opleidingscode: "DS-ELT-3")
}`;

const ENTITEITEN = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Onderneming { ondernemingsnummer isErkend vestigingen { vestigingsnummer adres { straatnaam postcode } } erkenningen { id } }
  ... on Vestiging { vestigingsnummer adres { straatnaam postcode gemeente { nisCode } } onderneming { isErkend } erkenningen { id } }
} }`;

/** How many numbers one gateway request asks, besides the unknown one. */
const PER_VERZOEK = 12;

const isVerborgen = (e: VerwachteErkenning) => e.status !== 'ERKEND';
const cijfers = (nummer: string) => nummer.replace(/\D/g, '');

/** An answer with the asked number written as `#`: what must not differ between a hidden and an unknown one. */
function vorm(antwoord: GraphResponse, nummer: string): unknown {
  const tekst = JSON.stringify({
    data: antwoord.data,
    errors: (antwoord.errors ?? []).map((f) => ({ path: f.path, code: f.extensions?.['code'] })),
  });
  // Canonical notation: an ondernemingsnummer starts with 0 or 1, a vestigingsnummer with 2 to 8.
  const canoniek = /^[01]/.test(nummer)
    ? `${nummer.slice(0, 4)}.${nummer.slice(4, 7)}.${nummer.slice(7)}`
    : `${nummer.slice(0, 1)}.${nummer.slice(1, 4)}.${nummer.slice(4, 7)}.${nummer.slice(7)}`;
  return JSON.parse(tekst.replaceAll(canoniek, '#')) as unknown;
}

/** The first number of this kind from `vanaf` that passes its check and no source names. */
function onbekendNummer(vanaf: number, geldig: (n: string) => boolean, bekend: ReadonlySet<string>): string {
  for (let n = vanaf; ; n++) {
    const nummer = String(n).padStart(10, '0');
    if (geldig(nummer) && !bekend.has(nummer)) return nummer;
  }
}

interface GraafOnderneming {
  naam: string | null;
  vestigingen: { vestigingsnummer: string; adres: { postcode: string } | null }[];
  erkenningen: { id: string }[];
}

describe('hidden erkenningen do not leak through names, vestigingen and addresses', () => {
  let system: System;
  let erkenningenUrl: string;
  let alle: VerwachteErkenning[];
  /** Companies whose every erkenning is hidden from the public, with those erkenningen. */
  let verborgenOndernemingen: [string, VerwachteErkenning[]][];
  /** Vestigingen that only hidden erkenningen name. */
  let verborgenVestigingen: [string, VerwachteErkenning[]][];
  /** Companies with both kinds, whose hidden erkenningen name a vestiging no visible one names. */
  let gemengd: [string, VerwachteErkenning[]][];
  let onbekendeKbo: string;
  let onbekendeVestiging: string;
  const tokens = new Map<string, string>();

  async function vraag(
    eindpunt: string,
    query: string,
    claims: Claims,
    variables: Record<string, unknown>,
  ): Promise<GraphResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (claims) {
      const sleutel = JSON.stringify(claims);
      let t = tokens.get(sleutel);
      if (!t) {
        t = await token(claims);
        tokens.set(sleutel, t);
      }
      headers['authorization'] = `Bearer ${t}`;
    }
    const antwoord = await fetch(eindpunt, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: antwoord.status, ...((await antwoord.json()) as Omit<GraphResponse, 'status'>) };
  }

  const perSleutel = (sleutel: (e: VerwachteErkenning) => string | null) => {
    const groepen = new Map<string, VerwachteErkenning[]>();
    for (const e of alle) {
      const k = sleutel(e);
      if (k !== null) groepen.set(k, [...(groepen.get(k) ?? []), e]);
    }
    return [...groepen];
  };

  beforeAll(async () => {
    system = await sharedSystem();
    erkenningenUrl = `${system.proxies.erkenningen.url}/graphql`;
    alle = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
    const perKbo = perSleutel((e) => e.kbo);
    verborgenOndernemingen = perKbo.filter(([, l]) => l.every(isVerborgen));
    verborgenVestigingen = perSleutel((e) => e.vestiging).filter(([, l]) => l.every(isVerborgen));
    gemengd = perKbo.filter(([, l]) => {
      const zichtbaar = new Set(l.filter((e) => !isVerborgen(e)).map((e) => e.vestiging));
      return (
        zichtbaar.size > 0 && l.some((e) => isVerborgen(e) && e.vestiging && !zichtbaar.has(e.vestiging))
      );
    });
    onbekendeKbo = onbekendNummer(403_000_000, isOndernemingsnummer, new Set(perKbo.map(([k]) => k)));
    onbekendeVestiging = onbekendNummer(
      2_000_000_000,
      isVestigingsnummer,
      new Set(alle.flatMap((e) => e.vestiging ?? [])),
    );
  });

  it('finds in the data what the finding describes', () => {
    // Seed 42 holds about 36 such companies and 40 such vestigingen; far fewer would test little.
    expect(verborgenOndernemingen.length).toBeGreaterThanOrEqual(20);
    expect(verborgenVestigingen.length).toBeGreaterThanOrEqual(20);
    expect(gemengd.length).toBeGreaterThanOrEqual(5);
  });

  /** The callers that must not see these erkenningen, and the own sector's partner and analist who must. */
  function rollen(erkenningen: readonly VerwachteErkenning[]) {
    const sectoren = new Set(erkenningen.map((e) => e.sector));
    const ander = SECTOREN.find((s) => !sectoren.has(s));
    const eigen = SECTOREN.find((s) => sectoren.has(s)) ?? 'VOLTA';
    return {
      blind: [
        { naam: 'anoniem', claims: ANONIEM },
        { naam: 'trajectbegeleider', claims: BEGELEIDER },
        ...(ander ? [{ naam: `partner ${ander}`, claims: partner(ander) }] : []),
      ],
      ziend: [
        {
          naam: `partner ${eigen}`,
          claims: partner(eigen),
          ziet: (e: VerwachteErkenning) => e.sector === eigen,
        },
        { naam: 'analist', claims: ANALIST, ziet: () => true },
      ],
    };
  }

  /** What a caller who sees these erkenningen must get: their vestigingen, addresses and names, and no others. */
  function controleerZichtbaar(o: GraafOnderneming, gezien: readonly VerwachteErkenning[], wie: string) {
    const vestigingen = [...new Set(gezien.flatMap((e) => e.vestiging ?? []))].sort();
    expect(o.vestigingen.map((v) => cijfers(v.vestigingsnummer)).sort(), wie).toEqual(vestigingen);
    for (const v of o.vestigingen) {
      const postcodes = gezien
        .filter((e) => e.vestiging === cijfers(v.vestigingsnummer))
        .map((e) => e.postcode);
      expect(postcodes, wie).toContain(v.adres?.postcode);
    }
    // A company's name comes from the public register first (kbo.e2e.ts): it says nothing about its erkenningen.
    expect(o.erkenningen, wie).toHaveLength(gezien.length);
  }

  /**
   * Asks the gateway `veld` for every number, a few to a request with the
   * unknown number as the last root field (well under the gateway's limits of
   * 20 root fields and 30 aliases): per number its part of the data and the
   * errors on its path, the alias taken off.
   */
  async function perNummer(
    veld: 'onderneming' | 'vestiging',
    selectie: string,
    claims: Claims,
    nummers: readonly string[],
  ): Promise<{ delen: Map<string, GraphResponse>; onbekend: GraphResponse }> {
    const argument = veld === 'onderneming' ? 'ondernemingsnummer' : 'vestigingsnummer';
    const onbekendNummer = veld === 'onderneming' ? onbekendeKbo : onbekendeVestiging;
    const delen = new Map<string, GraphResponse>();
    let onbekend: GraphResponse | undefined;
    for (let i = 0; i < nummers.length; i += PER_VERZOEK) {
      const reeks = [...nummers.slice(i, i + PER_VERZOEK), onbekendNummer];
      const query = `query(${reeks.map((_, j) => `$n${String(j)}: ID!`).join(', ')}) { ${reeks
        .map((_, j) => `n${String(j)}: ${veld}(${argument}: $n${String(j)}) ${selectie}`)
        .join(' ')} }`;
      const a = await vraag(
        system.graphql,
        query,
        claims,
        Object.fromEntries(reeks.map((n, j) => [`n${String(j)}`, n])),
      );
      expect(a.status).toBe(200);
      for (const [j, nummer] of reeks.entries()) {
        const alias = `n${String(j)}`;
        const deel: GraphResponse = {
          status: a.status,
          data: { [veld]: a.data?.[alias] ?? null },
          errors: (a.errors ?? [])
            .filter((f) => f.path?.[0] === alias)
            .map((f) => ({ ...f, path: [veld, ...(f.path ?? []).slice(1)] })),
        };
        if (j === reeks.length - 1) onbekend = deel;
        else delen.set(nummer, deel);
      }
    }
    if (!onbekend) throw new Error('no numbers asked');
    return { delen, onbekend };
  }

  /** Groups the numbers to ask by the caller who asks them. */
  function perBeller<T extends { naam: string; claims: Claims }>(
    taken: readonly { nummer: string; rol: T }[],
  ): { rol: T; nummers: string[] }[] {
    const groepen = new Map<string, { rol: T; nummers: string[] }>();
    for (const { nummer, rol } of taken) {
      const groep = groepen.get(rol.naam) ?? { rol, nummers: [] };
      groep.nummers.push(nummer);
      groepen.set(rol.naam, groep);
    }
    return [...groepen.values()];
  }

  it('onderneming(ondernemingsnummer:): a company known only through hidden erkenningen is an unknown one to those who may not see them', async () => {
    const lijsten = new Map(verborgenOndernemingen);
    const blind = perBeller(
      verborgenOndernemingen.flatMap(([nummer, l]) => rollen(l).blind.map((rol) => ({ nummer, rol }))),
    );
    for (const { rol, nummers } of blind) {
      const { delen, onbekend } = await perNummer('onderneming', ONDERNEMING, rol.claims, nummers);
      expect(onbekend.data?.['onderneming']).toMatchObject({ vestigingen: [], erkenningen: [] });
      for (const [kbo, deel] of delen)
        expect(vorm(deel, kbo), `${kbo}, ${rol.naam}`).toEqual(vorm(onbekend, onbekendeKbo));
    }
    const ziend = perBeller(
      verborgenOndernemingen.flatMap(([nummer, l]) => rollen(l).ziend.map((rol) => ({ nummer, rol }))),
    );
    for (const { rol, nummers } of ziend) {
      const { delen } = await perNummer('onderneming', ONDERNEMING, rol.claims, nummers);
      for (const [kbo, deel] of delen) {
        expect(deel.errors, `${kbo}, ${rol.naam}`).toEqual([]);
        const gezien = (lijsten.get(kbo) ?? []).filter(rol.ziet);
        expect(gezien.length).toBeGreaterThan(0);
        controleerZichtbaar(deel.data?.['onderneming'] as GraafOnderneming, gezien, `${kbo}, ${rol.naam}`);
      }
    }
  });

  it('vestiging(vestigingsnummer:): a vestiging only hidden erkenningen name is null, as an unknown one, to those who may not see them', async () => {
    const lijsten = new Map(verborgenVestigingen);
    const blind = perBeller(
      verborgenVestigingen.flatMap(([nummer, l]) => rollen(l).blind.map((rol) => ({ nummer, rol }))),
    );
    for (const { rol, nummers } of blind) {
      const { delen, onbekend } = await perNummer('vestiging', VESTIGING, rol.claims, nummers);
      expect(onbekend.data).toEqual({ vestiging: null });
      for (const [nummer, deel] of delen)
        expect(vorm(deel, nummer), `${nummer}, ${rol.naam}`).toEqual(vorm(onbekend, onbekendeVestiging));
    }
    const ziend = perBeller(
      verborgenVestigingen.flatMap(([nummer, l]) => rollen(l).ziend.map((rol) => ({ nummer, rol }))),
    );
    for (const { rol, nummers } of ziend) {
      const { delen } = await perNummer('vestiging', VESTIGING, rol.claims, nummers);
      for (const [nummer, deel] of delen) {
        expect(deel.errors, `${nummer}, ${rol.naam}`).toEqual([]);
        const v = deel.data?.['vestiging'] as {
          adres: { postcode: string } | null;
          onderneming: { vestigingen: { vestigingsnummer: string }[] };
          erkenningen: unknown[];
        } | null;
        const gezien = (lijsten.get(nummer) ?? []).filter(rol.ziet);
        expect(
          gezien.map((e) => e.postcode),
          `${nummer}, ${rol.naam}`,
        ).toContain(v?.adres?.postcode);
        expect(v?.erkenningen).toHaveLength(gezien.length);
        expect(v?.onderneming.vestigingen.map((x) => cijfers(x.vestigingsnummer))).toContain(nummer);
      }
    }
  });

  it('_entities at the subgraph: hidden Onderneming and Vestiging references answer as unknown ones, per caller', async () => {
    const ondernemingen = [...verborgenOndernemingen, ...gemengd];
    const representaties = [
      ...ondernemingen.map(([k]) => ({ __typename: 'Onderneming', ondernemingsnummer: k })),
      ...verborgenVestigingen.map(([n]) => ({ __typename: 'Vestiging', vestigingsnummer: n })),
      { __typename: 'Onderneming', ondernemingsnummer: onbekendeKbo },
      { __typename: 'Vestiging', vestigingsnummer: onbekendeVestiging },
    ];
    const bellers: { naam: string; claims: Claims; ziet: (e: VerwachteErkenning) => boolean }[] = [
      { naam: 'anoniem', claims: ANONIEM, ziet: (e) => !isVerborgen(e) },
      { naam: 'trajectbegeleider', claims: BEGELEIDER, ziet: (e) => !isVerborgen(e) },
      ...SECTOREN.map((s) => ({
        naam: `partner ${s}`,
        claims: partner(s),
        ziet: (e: VerwachteErkenning) => !isVerborgen(e) || e.sector === s,
      })),
      { naam: 'analist', claims: ANALIST, ziet: () => true },
    ];
    for (const beller of bellers) {
      const a = await vraag(erkenningenUrl, ENTITEITEN, beller.claims, { r: representaties });
      expect(a.errors, beller.naam).toBeUndefined();
      const items = a.data?.['_entities'] as (Record<string, unknown> | null)[];
      expect(items).toHaveLength(representaties.length);
      const onbekendeOnderneming = vorm({ status: 200, data: items.at(-2) ?? null }, onbekendeKbo);
      expect(items.at(-1)).toBeNull();
      for (const [i, [kbo, lijst]] of ondernemingen.entries()) {
        const gezien = lijst.filter(beller.ziet);
        const item = items[i] ?? null;
        if (gezien.length === 0)
          expect(vorm({ status: 200, data: item }, kbo), `${kbo}, ${beller.naam}`).toEqual(
            onbekendeOnderneming,
          );
        else controleerZichtbaar(item as unknown as GraafOnderneming, gezien, `${kbo}, ${beller.naam}`);
      }
      for (const [j, [nummer, lijst]] of verborgenVestigingen.entries()) {
        const item = items[ondernemingen.length + j] as { adres: { postcode: string } | null } | null;
        const gezien = lijst.filter(beller.ziet);
        if (gezien.length === 0) expect(item, `${nummer}, ${beller.naam}`).toBeNull();
        else
          expect(
            gezien.map((e) => e.postcode),
            `${nummer}, ${beller.naam}`,
          ).toContain(item?.adres?.postcode);
      }
    }
  });

  it('a company with visible and hidden erkenningen shows the public only what its visible erkenningen say', async () => {
    const lijsten = new Map(gemengd);
    for (const [claims, ziet] of [
      [ANONIEM, (e: VerwachteErkenning) => !isVerborgen(e)],
      [BEGELEIDER, (e: VerwachteErkenning) => !isVerborgen(e)],
      [ANALIST, () => true],
    ] as const) {
      const { delen } = await perNummer('onderneming', ONDERNEMING, claims, [...lijsten.keys()]);
      for (const [kbo, deel] of delen) {
        expect(deel.errors).toEqual([]);
        const o = deel.data?.['onderneming'] as GraafOnderneming & {
          vestigingen: { onderneming: { naam: string | null } }[];
        };
        controleerZichtbaar(o, (lijsten.get(kbo) ?? []).filter(ziet), kbo);
        // The way back from a vestiging names the company as the caller knows it.
        for (const v of o.vestigingen) expect(v.onderneming.naam).toBe(o.naam);
      }
    }
  });

  it('lists and filters: no hidden company by name, and the erkende leerwerkplekken placed by visible erkenningen only', async () => {
    // A name only hidden erkenningen give finds nothing for the public.
    for (const [kbo, lijst] of verborgenOndernemingen.filter(([, l]) => l.some((e) => e.naam)).slice(0, 10)) {
      const naam = lijst.find((e) => e.naam)?.naam ?? '';
      const a = await vraag(
        system.graphql,
        'query($n: String) { ondernemingen(first: 100, filter: { naamBevat: $n, status: null }) { edges { node { ondernemingsnummer naam } } } }',
        ANALIST,
        { n: naam },
      );
      expect(a.errors).toBeUndefined();
      const gevonden = (a.data?.['ondernemingen'] as { edges: { node: { ondernemingsnummer: string } }[] })
        .edges;
      expect(gevonden.map((e) => cijfers(e.node.ondernemingsnummer))).toContain(kbo);
      const publiek = await vraag(
        system.graphql,
        'query($n: String) { ondernemingen(first: 100, filter: { naamBevat: $n }) { edges { node { ondernemingsnummer naam } } } }',
        ANONIEM,
        { n: naam },
      );
      expect(publiek.errors).toBeUndefined();
      const lijstPubliek = (
        publiek.data?.['ondernemingen'] as { edges: { node: { ondernemingsnummer: string; naam: string } }[] }
      ).edges;
      expect(lijstPubliek.map((e) => cijfers(e.node.ondernemingsnummer))).not.toContain(kbo);
      for (const e of lijstPubliek) expect(e.node.naam.toLowerCase()).toContain(naam.toLowerCase());
    }

    // Every erkende leerwerkplek the public sees lies where a visible erkenning places it.
    const zichtbaarPerVestiging = new Map<string, VerwachteErkenning[]>();
    for (const e of alle)
      if (!isVerborgen(e) && e.vestiging)
        zichtbaarPerVestiging.set(e.vestiging, [...(zichtbaarPerVestiging.get(e.vestiging) ?? []), e]);
    const codes = [
      ...new Set(
        alle
          .filter((e) => e.status === 'ERKEND' && geldigOp(e, REFERENTIEDATUM))
          .map((e) => e.opleidingscode),
      ),
    ];
    let gezien = 0;
    for (const code of codes) {
      let after: string | null = null;
      do {
        const a = await vraag(
          system.graphql,
          `query($c: ID!, $after: String) { opleiding(code: $c) { erkendeLeerwerkplekken(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { vestigingsnummer adres { postcode } onderneming { ondernemingsnummer } } } } } }`,
          ANONIEM,
          { c: code, after },
        );
        expect(a.errors).toBeUndefined();
        const plekken = (
          a.data?.['opleiding'] as {
            erkendeLeerwerkplekken: {
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
              edges: {
                node: {
                  vestigingsnummer: string;
                  adres: { postcode: string } | null;
                  onderneming: { ondernemingsnummer: string };
                };
              }[];
            };
          }
        ).erkendeLeerwerkplekken;
        for (const { node } of plekken.edges) {
          const zichtbaar = zichtbaarPerVestiging.get(cijfers(node.vestigingsnummer)) ?? [];
          expect(
            zichtbaar.map((e) => e.postcode),
            node.vestigingsnummer,
          ).toContain(node.adres?.postcode);
          expect(zichtbaar.map((e) => e.kbo)).toContain(cijfers(node.onderneming.ondernemingsnummer));
          gezien += 1;
        }
        after = plekken.pageInfo.hasNextPage ? plekken.pageInfo.endCursor : null;
      } while (after !== null);
    }
    expect(gezien).toBeGreaterThan(100);
  });
});
