/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { leesConfig as gatewayConfig, startGateway } from '@duaal-graph/gateway';
import { readAccessConfig, signToken } from '@duaal-graph/subgraph-toolkit';
import { readWebConfig, startWeb, type WebServer } from '@duaal-graph/web';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM } from '../contract/mock.ts';
import { startSystem, type System } from '../graph/system.ts';
import { ensureBuilt, WEB } from './app-build.ts';
import { launchChromium } from './browser.ts';
import { changeAfterMeasurement, pastRadarFromVerloop } from './past-radar.ts';
import { restrictedParts } from './restricted.ts';

const ARTEFACTS = fileURLToPath(new URL('./artefacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MANIFEST = `${WEB}persisted-operations.json`;
const TOKEN_KEY = 'radar-duaal-token';
// The Hernieuwingen page's default period: six months from the graph's reference date.
const TOT = '2027-05-01';

interface Seen {
  readonly operation: string;
  readonly hash: string | undefined;
  readonly query: unknown;
  readonly authorization: string | undefined;
}

/**
 * The pages of issue 18 in Chromium, against a gateway that runs only the app's
 * manifest (PERSISTED_DOCUMENTS_ONLY): a second gateway in front of the same
 * subgraphs, so the tests can still ask the graph texts of their own (the
 * independent readings) at the system's development gateway.
 */
describe('the pages of Radar Duaal in Chromium, on a gateway with persisted documents only', () => {
  let system: System;
  let trusted: Awaited<ReturnType<typeof startGateway>>;
  let web: WebServer;
  let browser: Browser;
  const manifest = new Map<string, string>();
  const tokens: Record<'partner' | 'analist' | 'beheerder', string> = {
    partner: '',
    analist: '',
    beheerder: '',
  };

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    browser = await launchChromium();
    const dist = await ensureBuilt();
    system = await startSystem({ vdabPerSeconde: 1000 });
    trusted = await startGateway({
      ...gatewayConfig({
        GATEWAY_PORT: '0',
        PERSISTED_DOCUMENTS_ONLY: 'true',
        PERSISTED_DOCUMENTS_MANIFEST: MANIFEST,
      }),
      subgraphUrls: Object.fromEntries(
        Object.entries(system.proxies).map(([naam, p]) => [naam, `${p.url}/graphql`]),
      ),
    });
    const access = readAccessConfig({});
    tokens.partner = await signToken(access, { rol: 'partner', sector: 'VOLTA' });
    tokens.analist = await signToken(access, { rol: 'analist' });
    tokens.beheerder = await signToken(access, { rol: 'beheerder' });
    for (const o of (
      JSON.parse(readFileSync(MANIFEST, 'utf8')) as { operations: { id: string; body: string }[] }
    ).operations)
      manifest.set(o.id, o.body);
    // Every source read, then one measurement for Verloop.
    for (let attempt = 0; ; attempt++) {
      const body = await system.vraag('{ radar(provincie: WEST_VLAANDEREN) { regioCode } }');
      if (body.data?.['radar'] && !body.errors) break;
      if (attempt > 60) throw new Error(`the radar did not answer: ${JSON.stringify(body.errors)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // Taken in the radar itself (neemPeiling's own test is peilingen.e2e.ts): through the gateway, a
    // measurement on a loaded machine can outlast the gateway's wait for the radar's answer.
    expect((await system.radar().peilingen.dienst().neem()).op).toBe(REFERENTIEDATUM);
    web = await startWeb(readWebConfig({ WEB_PORT: '0', WEB_DIST: dist, WEB_GATEWAY_URL: trusted.url }));
  }, 900_000);

  afterAll(async () => {
    await browser.close();
    await web.stop();
    await trusted.stop();
    await system.stop();
  });

  function auth(rol: keyof typeof tokens): Record<string, string> {
    return { authorization: `Bearer ${tokens[rol]}` };
  }

  async function open(path: string, rol: keyof typeof tokens | null): Promise<{ page: Page; seen: Seen[] }> {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    if (rol)
      await page.addInitScript(
        ([key, token]) => {
          sessionStorage.setItem(key, token);
        },
        [TOKEN_KEY, tokens[rol]] as const,
      );
    const seen: Seen[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
      seen.push({
        operation: String(body['operationName']),
        hash: (body['extensions'] as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery
          ?.sha256Hash,
        query: body['query'],
        authorization: request.headers()['authorization'],
      });
    });
    await page.goto(`${web.url}/${path}`);
    await page.locator('h1').first().waitFor();
    return { page, seen };
  }

  /** Waits for a page's answer, or fails with the error the page shows instead (an answer can take long under load). */
  async function answered(page: Page, selector: string): Promise<void> {
    await page.locator(`${selector}, [role="alert"]`).first().waitFor({ timeout: 90_000 });
    const alert = page.locator('[role="alert"]');
    if ((await alert.count()) > 0)
      throw new Error(`the page says: ${(await alert.allTextContents()).join(' ')}`);
  }

  async function axeSerious(page: Page): Promise<unknown[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(
              o: unknown,
            ): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, nodes: v.nodes.length }));
    });
  }

  /** Each page, driven to its answer: loaded by hash only, axe-clean, its screenshot kept. */
  it('loads every new page with operations of the manifest only, passes axe, and keeps a screenshot', async () => {
    const steps: [string, string, (page: Page) => Promise<void>][] = [
      ['verloop', '#/verloop', (p) => p.locator('table#indicatoren tbody tr').first().waitFor()],
      [
        'in-de-buurt',
        '#/in-de-buurt',
        async (p) => {
          await p.getByLabel('Postcode').fill('8310');
          await p.getByRole('button', { name: 'Zoek in de buurt' }).click();
          await answered(p, 'table#buurt tbody tr');
          await p.locator('.kaart-vlak[data-geladen]').waitFor();
        },
      ],
      [
        'hernieuwingen',
        '#/hernieuwingen',
        (p) => p.locator('table#hernieuwingen tbody tr').first().waitFor(),
      ],
      [
        'maximaal-duaal',
        '#/maximaal-duaal',
        async (p) => {
          await p.getByLabel('Naam of ondernemingsnummer').fill('bv');
          await p.getByRole('button', { name: 'Zoek', exact: true }).click();
          await p.locator('#gevonden li button').first().click();
          await p.locator('section.onderneming h2').waitFor();
        },
      ],
    ];
    for (const [name, path, ready] of steps) {
      const { page, seen } = await open(path, 'analist');
      await ready(page);
      await page.screenshot({ path: `${ARTEFACTS}${name}.png`, fullPage: true });
      expect({ name, serious: await axeSerious(page) }).toEqual({ name, serious: [] });
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) {
        expect(s.query).toBeUndefined();
        expect(manifest.has(s.hash ?? ''), `${s.operation} by its hash from the manifest`).toBe(true);
      }
      await expect(page.locator('.melding[role="alert"]').count()).resolves.toBe(0);
      await page.close();
    }
  }, 240_000);

  it("shows a partner its own sector's renewals only, as the graph answers them", async () => {
    const { page } = await open('#/hernieuwingen', 'partner');
    await page.locator('table#hernieuwingen tbody tr').first().waitFor();
    const rows = await page.$$eval('table#hernieuwingen tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-id'), sector: tr.getAttribute('data-sector') })),
    );
    const query = `query($sector: Sector) { erkenningen(first: 50, filter: { sector: $sector,
      vervaltVanaf: "${REFERENTIEDATUM}", vervaltTot: "${TOT}" }) { totalCount edges { node { id sector } } } }`;
    const own = await system.vraag(query, { sector: 'VOLTA' }, auth('partner'));
    const all = await system.vraag(query, {}, auth('partner'));
    const ids = (b: typeof own) =>
      (b.data?.['erkenningen'] as { edges: { node: { id: string; sector: string } }[] }).edges.map(
        (e) => e.node,
      );
    // The check can fail: the partner may see other sectors' ERKEND erkenningen in this period.
    expect(new Set(ids(all).map((n) => n.sector)).size).toBeGreaterThan(1);
    expect(rows).toEqual(ids(own).map((n) => ({ id: n.id, sector: 'VOLTA' })));
    await expect(page.locator('#hernieuwingen-titel').textContent()).resolves.toContain(
      `(${String((own.data?.['erkenningen'] as { totalCount: number }).totalCount)})`,
    );
    await expect(page.locator('#prospecten').count()).resolves.toBe(1);
    await page.close();
  }, 120_000);

  it('downloads a table as exactly the gateway’s CSV export', async () => {
    const { page } = await open('#/hernieuwingen', 'partner');
    await page.locator('table#hernieuwingen tbody tr').first().waitFor();
    const button = page.getByRole('button', { name: 'Download als CSV' });
    const url = await button.getAttribute('data-export');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const downloaded = readFileSync(await download.path());
    expect(url).toBe(
      `/export/erkenningen.csv?sector=VOLTA&vervaltVanaf=${REFERENTIEDATUM}&vervaltTot=${TOT}`,
    );
    const direct = await fetch(`${trusted.url}${url ?? ''}`, { headers: auth('partner') });
    expect(direct.status).toBe(200);
    const expected = Buffer.from(await direct.arrayBuffer());
    expect(downloaded.equals(expected)).toBe(true);
    expect(expected.toString('utf8')).toMatch(/VOLTA/);
    await page.close();
  }, 120_000);

  it('downloads the indicators, the prospects and the kandidaat-opleidingen as exactly the gateway’s exports', async () => {
    // A company with kandidaat-opleidingen, so that its table (and its button) is shown.
    const gezocht = await system.vraag(
      '{ ondernemingen(first: 10) { edges { node { ondernemingsnummer kandidaatOpleidingen(km: 20) { sectoren } } } } }',
      undefined,
      auth('analist'),
    );
    const nummer = (
      gezocht.data?.['ondernemingen'] as {
        edges: { node: { ondernemingsnummer: string; kandidaatOpleidingen: unknown[] } }[];
      }
    ).edges.find((e) => e.node.kandidaatOpleidingen.length > 0)?.node.ondernemingsnummer;
    if (!nummer) throw new Error('no company with kandidaat-opleidingen among the first 10');
    const cases: [string, keyof typeof tokens, string, (p: Page) => Promise<void>, RegExp][] = [
      [
        '#/verloop',
        'analist',
        'Download als CSV',
        (p) => p.locator('table#indicatoren tbody tr').first().waitFor(),
        /^\/export\/indicatoren\.csv\?provincie=WEST_VLAANDEREN&van=\d{4}-\d\d-\d\d&tot=\d{4}-\d\d-\d\d$/,
      ],
      [
        '#/hernieuwingen',
        'partner',
        'Download de prospecten als CSV',
        (p) => p.locator('table#prospecten tbody tr').first().waitFor(),
        /^\/export\/ondernemingen\.csv\?sectorKandidaat=VOLTA&zonderErkenning=true$/,
      ],
      [
        '#/maximaal-duaal',
        'analist',
        'Download als CSV',
        async (p) => {
          await p.getByLabel('Naam of ondernemingsnummer').fill(nummer);
          await p.getByRole('button', { name: 'Zoek', exact: true }).click();
          await p.locator('table#kandidaten tbody tr').first().waitFor();
        },
        new RegExp(
          `^/export/kandidaatOpleidingen\\.csv\\?ondernemingsnummer=${nummer.replaceAll('.', '\\.')}&km=20$`,
        ),
      ],
    ];
    for (const [path, rol, name, ready, expectedUrl] of cases) {
      const { page } = await open(path, rol);
      await ready(page);
      const button = page.getByRole('button', { name });
      const url = await button.getAttribute('data-export');
      expect(url).toMatch(expectedUrl);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const downloaded = readFileSync(await download.path());
      const direct = await fetch(`${trusted.url}${url ?? ''}`, { headers: auth(rol) });
      expect(direct.status).toBe(200);
      const expected = Buffer.from(await direct.arrayBuffer());
      expect(downloaded.equals(expected), path).toBe(true);
      // More than the header row: the table the button belongs to has rows.
      expect(
        expected
          .toString('utf8')
          .split('\r\n')
          .filter((r) => r.length > 0).length,
      ).toBeGreaterThan(1);
      await page.close();
    }
  }, 180_000);

  it('lets the anonymous user fetch nothing restricted, and no renewals at all', async () => {
    const seen: Seen[] = [];
    for (const path of ['#/hernieuwingen', '#/verloop', '#/in-de-buurt', '#/maximaal-duaal']) {
      const opened = await open(path, null);
      if (path === '#/hernieuwingen') await opened.page.getByRole('link', { name: 'Meld u aan' }).waitFor();
      if (path === '#/verloop') await opened.page.locator('table#indicatoren tbody tr').first().waitFor();
      if (path === '#/in-de-buurt') {
        await opened.page.getByLabel('Postcode').fill('8800');
        await opened.page.getByRole('button', { name: 'Zoek in de buurt' }).click();
        await answered(opened.page, 'table#buurt tbody tr');
      }
      if (path === '#/maximaal-duaal') {
        await opened.page.getByLabel('Naam of ondernemingsnummer').fill('bv');
        await opened.page.getByRole('button', { name: 'Zoek', exact: true }).click();
        await opened.page.locator('#gevonden li button').first().click();
        await opened.page.locator('section.onderneming h2').waitFor();
      }
      seen.push(...opened.seen);
      await opened.page.close();
    }
    for (const s of seen) expect(s.authorization).toBeUndefined();
    const operations = seen.map((s) => ({
      name: s.operation,
      restricted: restrictedParts(manifest.get(s.hash ?? '') ?? '{ erkenningsbronnen { bron } }'),
    }));
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Peilingen', 'Indicatoren', 'InDeBuurt', 'OndernemingZoeken', 'Onderneming']),
    );
    expect(operations.map((o) => o.name)).not.toContain('Hernieuwingen');
    expect(operations.map((o) => o.name)).not.toContain('Prospecten');
    expect(operations.filter((o) => o.restricted.length > 0)).toEqual([]);
    // The check sees what the public may not ask: a closed type, a closed field, a status filter.
    expect(restrictedParts('{ erkenningsbronnen { bron } }')).not.toEqual([]);
    expect(restrictedParts('{ erkenningen { edges { node { aantalMentoren } } } }')).not.toEqual([]);
    expect(restrictedParts('{ erkenningen(filter: { status: GESCHORST }) { totalCount } }')).not.toEqual([]);
  }, 180_000);

  it('lists in de buurt what the graph answers, nearest first, and marks its gemeenten on the map', async () => {
    const { page } = await open('#/in-de-buurt', null);
    await page.getByLabel('Postcode').fill('8310');
    await page.getByLabel('Afstand (km)').fill('10');
    await page.getByRole('button', { name: 'Zoek in de buurt' }).click();
    await answered(page, 'table#buurt tbody tr');
    await page.locator('.kaart-vlak[data-geladen]').waitFor();
    const answer =
      await system.vraag(`{ inDeBuurt(postcode: "8310", km: 10, niveau: SECUNDAIR) { opleidingen {
      aanbod { afstandKm aanbod { gemeente { nisCode } } }
      erkendeLeerwerkplekken(first: 20) { afstandKm vestiging { adres { gemeente { nisCode } } } }
      dualeVacatures(first: 20) { afstandKm vacature { gemeente { nisCode } } } } } }`);
    type Item = { afstandKm: number; nis: string | undefined };
    const opleidingen = (answer.data?.['inDeBuurt'] as { opleidingen: Record<string, unknown[]>[] })
      .opleidingen;
    const items: Item[] = opleidingen.flatMap((o) => [
      ...(o['aanbod'] as { afstandKm: number; aanbod: { gemeente: { nisCode: string } } }[]).map((a) => ({
        afstandKm: a.afstandKm,
        nis: a.aanbod.gemeente.nisCode,
      })),
      ...(
        o['erkendeLeerwerkplekken'] as {
          afstandKm: number;
          vestiging: { adres: { gemeente: { nisCode: string } | null } | null };
        }[]
      ).map((l) => ({ afstandKm: l.afstandKm, nis: l.vestiging.adres?.gemeente?.nisCode })),
      ...(
        o['dualeVacatures'] as { afstandKm: number; vacature: { gemeente: { nisCode: string } | null } }[]
      ).map((v) => ({ afstandKm: v.afstandKm, nis: v.vacature.gemeente?.nisCode })),
    ]);
    const distances = await page.$$eval('table#buurt tbody tr td:first-child', (tds) =>
      tds.map((td) => Number(td.textContent.replace(',', '.'))),
    );
    expect(distances).toEqual(items.map((i) => i.afstandKm).sort((a, b) => a - b));
    const marked = await page.$$eval('path.plek', (paths) =>
      paths.map((p) => p.getAttribute('data-nis')).sort(),
    );
    expect(marked).toEqual([...new Set(items.flatMap((i) => (i.nis ? [i.nis] : [])))].sort());
    // Both sources the geographic data ask to be named: the gemeentegrenzen and, from a postcode, Statbel's link.
    const bronnen = await page.locator('.leaflet-control-attribution').textContent();
    expect(bronnen).toContain('Gemeentegrenzen 2019–2024: © Statbel');
    expect(bronnen).toContain('Koppeling postcode–gemeente: © Statbel');
    await page.close();
  }, 120_000);

  it("shows a company's facts, its erkenningen and its kandidaat-opleidingen as the graph gives them", async () => {
    const found = await system.vraag(
      '{ ondernemingen(first: 1, filter: { naamBevat: "bv" }) { edges { node { ondernemingsnummer } } } }',
    );
    const nummer = (found.data?.['ondernemingen'] as { edges: { node: { ondernemingsnummer: string } }[] })
      .edges[0]?.node.ondernemingsnummer;
    const graph = await system.vraag(
      `{ onderneming(ondernemingsnummer: "${nummer ?? ''}") { naam erkenningen { id }
        kandidaatOpleidingen(km: 20) { opleiding { code } aantalDualeVacaturesInDeBuurt } } }`,
    );
    const onderneming = graph.data?.['onderneming'] as {
      naam: string;
      erkenningen: { id: string }[];
      kandidaatOpleidingen: { opleiding: { code: string }; aantalDualeVacaturesInDeBuurt: number }[];
    };
    const { page } = await open('#/maximaal-duaal', null);
    await page.getByLabel('Naam of ondernemingsnummer').fill(nummer ?? '');
    await page.getByRole('button', { name: 'Zoek', exact: true }).click();
    await page.locator(`section.onderneming[data-nummer="${nummer ?? ''}"]`).waitFor();
    await expect(page.locator('#onderneming-titel').textContent()).resolves.toContain(onderneming.naam);
    const ids = await page.$$eval('table#erkenningen tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-id')),
    );
    expect(ids).toEqual(onderneming.erkenningen.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(0);
    // The candidates in the graph's order (most vacatures and learners near first), with its counts.
    const kandidaten = await page.$$eval('table#kandidaten tbody tr', (trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-code'),
        vacatures: Number(tr.querySelectorAll('td')[2]?.textContent),
      })),
    );
    expect(kandidaten).toEqual(
      onderneming.kandidaatOpleidingen.map((k) => ({
        code: k.opleiding.code,
        vacatures: k.aantalDualeVacaturesInDeBuurt,
      })),
    );
    expect(kandidaten.length).toBeGreaterThan(0);
    // Distances between gemeenten without a map: the geographic data's sources named under them.
    const bronnen = await page.locator('section.onderneming .bronvermelding').textContent();
    expect(bronnen).toContain('Gemeentegrenzen 2019–2024: © Statbel');
    expect(bronnen).toContain('Koppeling postcode–gemeente: © Statbel');
    await page.close();
  }, 120_000);

  it('charts the indicators of each measurement as the graph gives them', async () => {
    const { page } = await open('#/verloop', null);
    await page.locator('table#indicatoren tbody tr').first().waitFor();
    const graph =
      await system.vraag(`{ indicatoren(provincie: WEST_VLAANDEREN, van: "2000-01-01", tot: "2100-01-01") {
      op aantalErkendeLeerwerkplekken aantalWitteVlekken aantalOpleidingenMetAanbod } }`);
    const punten = graph.data?.['indicatoren'] as {
      op: string;
      aantalErkendeLeerwerkplekken: number | null;
      aantalWitteVlekken: number | null;
      aantalOpleidingenMetAanbod: number | null;
    }[];
    const rows = await page.$$eval('table#indicatoren tbody tr', (trs) =>
      trs.map((tr) => ({
        op: tr.getAttribute('data-op'),
        erkend: tr.querySelector('[data-indicator="erkend"]')?.textContent,
        wittevlekken: tr.querySelector('[data-indicator="wittevlekken"]')?.textContent,
        aanbod: tr.querySelector('[data-indicator="aanbod"]')?.textContent,
      })),
    );
    const show = (n: number | null) => (n === null ? 'onbekend' : String(n));
    expect(rows).toEqual(
      punten.map((p) => ({
        op: p.op,
        erkend: show(p.aantalErkendeLeerwerkplekken),
        wittevlekken: show(p.aantalWitteVlekken),
        aanbod: show(p.aantalOpleidingenMetAanbod),
      })),
    );
    await expect(page.locator('svg[data-indicator]').count()).resolves.toBe(6);
    await page.close();
  }, 120_000);

  // Last: it changes VDAB's data, which the tests above compare with the graph at their own moment.
  it('opens the radar of a past date from Verloop by keyboard: the graph’s radar(op:) on map and table, then today’s', async () => {
    const change = await changeAfterMeasurement(system, REFERENTIEDATUM);
    const { page } = await open('#/verloop', null);
    await pastRadarFromVerloop(page, REFERENTIEDATUM, change, `${ARTEFACTS}radar-verleden.png`);
    await page.close();
  }, 240_000);
  it('colours the radar per gemeente by each gemeente’s own cells, as the graph answers them per gemeente', async () => {
    const body = await system.vraag(
      '{ radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR, per: GEMEENTE) { regioCode witteVlek gemeente { nisCode } } }',
    );
    const cells = (body.data?.['radar'] ?? []) as {
      regioCode: string;
      witteVlek: boolean;
      gemeente: { nisCode: string } | null;
    }[];
    const perNis = new Map<string, { regio: string; vlekken: number; cellen: number }>();
    for (const c of cells) {
      const nis = c.gemeente?.nisCode ?? '';
      const seen = perNis.get(nis) ?? { regio: c.regioCode, vlekken: 0, cellen: 0 };
      perNis.set(nis, { ...seen, vlekken: seen.vlekken + (c.witteVlek ? 1 : 0), cellen: seen.cellen + 1 });
    }
    // The legend's classes (0 apart, then four equal steps up to the largest count): two gemeenten of
    // one regio in different classes must get different fills.
    const step = Math.max(1, Math.ceil(Math.max(0, ...[...perNis.values()].map((g) => g.vlekken)) / 4));
    const klasse = (v: number) => (v === 0 ? 0 : Math.min(4, Math.ceil(v / step)));
    const pair = [...perNis].flatMap(([nisA, a]) =>
      [...perNis]
        .filter(([, b]) => b.regio === a.regio && klasse(a.vlekken) < klasse(b.vlekken))
        .map(([nisB]) => [nisA, nisB] as const),
    )[0];
    expect(pair, 'the mock data has a regio whose gemeenten differ in witte vlekken').toBeDefined();
    const [zonder, met] = pair ?? ['', ''];
    const { page, seen } = await open('#/radar?per=gemeente', null);
    await page.locator('.kaart-vlak[data-geladen="WEST_VLAANDEREN"]').waitFor({ timeout: 90_000 });
    await answered(page, 'table.radartabel tbody tr');
    expect(seen.map((s) => s.operation)).toContain('RadarPerGemeente');
    const shape = (nis: string) => page.locator(`.kaart-vlak path.gemeente[data-nis="${nis}"]`);
    for (const [nis, g] of perNis)
      expect(await shape(nis).getAttribute('data-waarde'), nis).toBe(
        `${g.vlekken} van ${g.cellen} opleidingen`,
      );
    expect(await shape(zonder).getAttribute('fill')).not.toBe(await shape(met).getAttribute('fill'));
    expect(await page.locator('select', { hasText: 'gemeente' }).first().inputValue()).toBe('gemeente');
    await page.close();
  }, 240_000);
});
