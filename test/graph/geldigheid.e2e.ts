/**
 * Validity and renewals (CONTRACT.md part 2): `referentiedatum`, `Erkenning.geldig`
 * and `dagenTotVerval` for every erkenning, and the root `erkenningen` with its
 * expiry window, each compared with an independent reading of the five databanks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { leesVerwachteErkenningen, type VerwachteErkenning } from './expectations.ts';
import type { GraphResponse, System } from './system.ts';
import { sharedSystem } from './shared-system.ts';
import { alsRol } from './tokens.ts';

const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;
type Sector = (typeof SECTOREN)[number];

interface GraafErkenning {
  id: string;
  sector: string;
  status: string;
  geldigVan: string;
  geldigTot: string | null;
  geldig: boolean;
  dagenTotVerval: number | null;
  opleiding: { code: string };
  vestiging: { vestigingsnummer: string } | null;
}

const LIJST = `query Lijst($filter: ErkenningFilter, $after: String) {
  erkenningen(filter: $filter, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id sector status geldigVan geldigTot geldig dagenTotVerval opleiding { code } vestiging { vestigingsnummer } } }
  }
}`;

/** Whole days between two ISO dates, by the calendar in UTC. */
function dagen(van: string, tot: string): number {
  return Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000);
}

function sleutelVerwacht(e: VerwachteErkenning): string {
  return [
    e.sector,
    e.partnerId,
    e.opleidingscode,
    e.status,
    e.geldigVan,
    e.geldigTot ?? '-',
    e.vestiging ?? '-',
  ].join('|');
}

/** The partner id inside a graph id: `<SECTOR>:<partner id>`, with `:<opleidingscode>` where the record covers several. */
function sleutelGraaf(e: GraafErkenning): string {
  let partnerId = e.id.slice(e.sector.length + 1);
  if (partnerId.endsWith(`:${e.opleiding.code}`))
    partnerId = partnerId.slice(0, -(e.opleiding.code.length + 1));
  return [
    e.sector,
    partnerId,
    e.opleiding.code,
    e.status,
    e.geldigVan,
    e.geldigTot ?? '-',
    e.vestiging?.vestigingsnummer.replace(/\D/g, '') ?? '-',
  ].join('|');
}

/** The contract's order, written again here: geldigTot ascending, open-ended last, then id in UTF-8 byte order. */
function voorOfGelijk(a: GraafErkenning, b: GraafErkenning): boolean {
  if (a.geldigTot !== b.geldigTot) {
    if (a.geldigTot === null) return false;
    if (b.geldigTot === null) return true;
    return a.geldigTot < b.geldigTot;
  }
  return Buffer.compare(Buffer.from(a.id, 'utf8'), Buffer.from(b.id, 'utf8')) <= 0;
}

describe('validity and renewals through the gateway', () => {
  let system: System;
  let verwacht: VerwachteErkenning[];
  let analist: Record<string, string>;

  /** Every page of the root list for this filter and caller; fails on any error. */
  async function alles(
    filter: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraafErkenning[]> {
    const uit: GraafErkenning[] = [];
    let after: string | null = null;
    let totaal = -1;
    for (;;) {
      const antwoord: GraphResponse = await system.vraag(LIJST, { filter, after }, headers);
      expect(antwoord.errors).toBeUndefined();
      const c = antwoord.data?.['erkenningen'] as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: GraafErkenning }[];
      };
      totaal = c.totalCount;
      uit.push(...c.edges.map((e) => e.node));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(uit).toHaveLength(totaal);
    return uit;
  }

  function vergelijk(gekregen: GraafErkenning[], verwachte: VerwachteErkenning[]): void {
    expect(gekregen.map(sleutelGraaf).sort()).toEqual(verwachte.map(sleutelVerwacht).sort());
    for (let i = 1; i < gekregen.length; i++) {
      const [a, b] = [gekregen[i - 1], gekregen[i]];
      if (a && b) expect(voorOfGelijk(a, b), `${a.id} before ${b.id}`).toBe(true);
    }
  }

  beforeAll(async () => {
    system = await sharedSystem();
    verwacht = await leesVerwachteErkenningen(system.mock.url, REFERENTIEDATUM);
    analist = await alsRol({ rol: 'analist' });
  });

  it('answers the reference date it judges on', async () => {
    const antwoord = await system.vraag('{ referentiedatum }');
    expect(antwoord.data).toEqual({ referentiedatum: REFERENTIEDATUM });
  });

  it('gives geldig and dagenTotVerval that agree with the dates for every erkenning', async () => {
    const alle = await alles({}, analist);
    vergelijk(alle, verwacht);
    for (const e of alle) {
      const geldig =
        e.status === 'ERKEND' &&
        e.geldigVan <= REFERENTIEDATUM &&
        (e.geldigTot === null || REFERENTIEDATUM <= e.geldigTot);
      expect(e.geldig, e.id).toBe(geldig);
      expect(e.dagenTotVerval, e.id).toBe(e.geldigTot === null ? null : dagen(REFERENTIEDATUM, e.geldigTot));
    }
    // The data holds every case: valid, expired, not yet started, open-ended, and not ERKEND.
    expect(alle.some((e) => e.geldig)).toBe(true);
    expect(alle.some((e) => e.status === 'ERKEND' && (e.dagenTotVerval ?? 0) < 0)).toBe(true);
    expect(alle.some((e) => e.status === 'ERKEND' && e.geldigVan > REFERENTIEDATUM)).toBe(true);
    expect(alle.some((e) => e.dagenTotVerval === null)).toBe(true);
    expect(alle.some((e) => e.status !== 'ERKEND' && !e.geldig)).toBe(true);
  });

  describe('the erkenningen expiring in the next six months', () => {
    const venster = { vervaltVanaf: REFERENTIEDATUM, vervaltTot: '2027-04-30' };
    const inVenster = (e: VerwachteErkenning) =>
      e.geldigTot !== null && e.geldigTot >= venster.vervaltVanaf && e.geldigTot <= venster.vervaltTot;

    it('equals the partner data for every sector and for all sectors, for an analist', async () => {
      const allemaal = await alles(venster, analist);
      vergelijk(allemaal, verwacht.filter(inVenster));
      expect(allemaal.length).toBeGreaterThan(50);
      for (const sector of SECTOREN) {
        const gekregen = await alles({ ...venster, sector }, analist);
        vergelijk(
          gekregen,
          verwacht.filter((e) => inVenster(e) && e.sector === sector),
        );
        expect(gekregen.length, sector).toBeGreaterThan(0);
      }
    });

    it('shows the public only ERKEND ones, and refuses a non-public status with FORBIDDEN', async () => {
      const openbaar = (e: VerwachteErkenning) => inVenster(e) && e.status === 'ERKEND';
      vergelijk(await alles(venster), verwacht.filter(openbaar));
      for (const sector of SECTOREN)
        vergelijk(
          await alles({ ...venster, sector }),
          verwacht.filter((e) => openbaar(e) && e.sector === sector),
        );
      const geweigerd = await system.vraag(LIJST, { filter: { ...venster, status: 'GESCHORST' } });
      expect(geweigerd.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      // Only ERKEND shows: the window holds hidden ones, so the public's list is shorter than the analist's.
      expect(verwacht.some((e) => inVenster(e) && e.status !== 'ERKEND')).toBe(true);
    });

    it("shows a partner its own sector's non-public erkenningen and hides other sectors'", async () => {
      const sector: Sector = 'VOLTA';
      const partner = await alsRol({ rol: 'partner', sector });
      const ziet = (e: VerwachteErkenning) => e.status === 'ERKEND' || e.sector === sector;
      vergelijk(
        await alles(venster, partner),
        verwacht.filter((e) => inVenster(e) && ziet(e)),
      );
      for (const s of SECTOREN)
        vergelijk(
          await alles({ ...venster, sector: s }, partner),
          verwacht.filter((e) => inVenster(e) && ziet(e) && e.sector === s),
        );
      expect(verwacht.some((e) => inVenster(e) && e.sector === sector && e.status !== 'ERKEND')).toBe(true);
      // Its own sector named: its geschorste erkenningen; without a sector or with another: FORBIDDEN.
      vergelijk(
        await alles({ ...venster, status: 'GESCHORST', sector }, partner),
        verwacht.filter((e) => inVenster(e) && e.sector === sector && e.status === 'GESCHORST'),
      );
      for (const filter of [
        { ...venster, status: 'GESCHORST' },
        { ...venster, status: 'INGETROKKEN', sector: 'EDUCAM' },
      ]) {
        const geweigerd = await system.vraag(LIJST, { filter }, partner);
        expect(geweigerd.errors?.[0]?.extensions?.['code'], JSON.stringify(filter)).toBe('FORBIDDEN');
      }
    });

    it('combines the window with geldig, status and opleidingscode', async () => {
      const code = verwacht.find(inVenster)?.opleidingscode ?? '';
      vergelijk(
        await alles({ ...venster, geldig: true, opleidingscode: code }, analist),
        verwacht.filter(
          (e) =>
            inVenster(e) &&
            e.opleidingscode === code &&
            e.status === 'ERKEND' &&
            e.geldigVan <= REFERENTIEDATUM,
        ),
      );
      vergelijk(
        await alles({ vervaltTot: '2026-10-31', status: 'ERKEND' }, analist),
        verwacht.filter((e) => e.status === 'ERKEND' && e.geldigTot !== null && e.geldigTot <= '2026-10-31'),
      );
    });

    it('refuses a window that ends before it starts', async () => {
      const fout = await system.vraag(LIJST, {
        filter: { vervaltVanaf: '2027-01-01', vervaltTot: '2026-12-31' },
      });
      expect(fout.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'vervaltTot' });
    });
  });
});
