/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { WEST_VLAANDEREN } from '@duaal-graph/domein';
import { readWebConfig, startWeb, type WebServer } from '@duaal-graph/web';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../graph/system.ts';
import { DIST, ensureBuilt, WEB } from './app-build.ts';
import { launchChromium } from './browser.ts';
import { restrictedParts } from './restricted.ts';

const ARTEFACTS = fileURLToPath(new URL('./artefacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MANIFEST = `${WEB}persisted-operations.json`;
const MARKED = '#d95f02';

interface Cel {
  regioCode: string;
  opleidingscode: string;
  aantalAanbieders: number | null;
  aantalPlaatsen: number | null;
  aantalErkendeLeerwerkplekken: number | null;
  aantalVacatures: number | null;
  aantalDualeVacatures: number | null;
  knelpunt: boolean | null;
  aantalZoekendeLerenden: { waarde: number | null; onderdrukt: boolean } | null;
  witteVlek: boolean;
  signalen: string[];
  opleiding: { naam: string };
}

const RADAR = `query { radar(provincie: WEST_VLAANDEREN, niveau: SECUNDAIR) {
  regioCode opleidingscode aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures
  aantalDualeVacatures knelpunt aantalZoekendeLerenden { waarde onderdrukt } witteVlek signalen
  opleiding { naam } } }`;

interface SeenRequest {
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
}

describe('the Radar Duaal web app in Chromium', () => {
  let system: System;
  let web: WebServer;
  let browser: Browser;
  let cells: Cel[];
  const manifest = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    // The browser first: without Chromium the tests fail at once, saying what to install.
    browser = await launchChromium();
    const dist = await ensureBuilt();
    // A development gateway (automatic persisted queries): the app's server registers the app's texts
    // for the hashes the browser sends, and a test can still ask the graph a text of its own.
    system = await startSystem({ vdabPerSeconde: 1000 });
    const parsed = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
      operations: { id: string; body: string }[];
    };
    for (const o of parsed.operations) manifest.set(o.id, o.body);
    cells = await radarCells(system);
    web = await startWeb(
      readWebConfig({ WEB_PORT: '0', WEB_DIST: dist, WEB_GATEWAY_URL: system.gatewayUrl }),
    );
  }, 900_000);

  afterAll(async () => {
    await browser.close();
    await web.stop();
    await system.stop();
  });

  async function openRadar(): Promise<{ page: Page; seen: SeenRequest[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen: SeenRequest[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      seen.push({
        body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown>,
        authorization: request.headers()['authorization'],
      });
    });
    await page.goto(`${web.url}/#/radar`);
    await page.locator('.kaart-vlak[data-geladen="WEST_VLAANDEREN"]').waitFor();
    await page.locator('table.radartabel tbody tr').first().waitFor();
    return { page, seen };
  }

  it('draws every gemeente of West-Vlaanderen and colours exactly the witte vlekken of the graph', async () => {
    const { page } = await openRadar();
    const gemeenten = async () =>
      page.$$eval('path.gemeente', (paths) =>
        paths.map((p) => ({
          nis: p.getAttribute('data-nis') ?? '',
          regio: p.getAttribute('data-regio') ?? '',
          fill: p.getAttribute('fill') ?? '',
          waarde: p.getAttribute('data-waarde') ?? '',
        })),
      );
    // All opleidingen: each regio shows how many of its cells are witte vlekken.
    const all = await gemeenten();
    expect(all.map((g) => g.nis).sort()).toEqual(WEST_VLAANDEREN.gemeenten.map((g) => g.nisCode).sort());
    for (const g of all) {
      const ofRegion = cells.filter((c) => c.regioCode === g.regio);
      expect(g.waarde).toBe(
        `${ofRegion.filter((c) => c.witteVlek).length} van ${ofRegion.length} opleidingen`,
      );
    }
    // One opleiding whose regio's differ: exactly the witte vlekken in the marked colour.
    const codes = [...new Set(cells.map((c) => c.opleidingscode))];
    const mixed =
      codes.find(
        (code) => new Set(cells.filter((c) => c.opleidingscode === code).map((c) => c.witteVlek)).size > 1,
      ) ?? codes[0];
    await page.getByRole('combobox', { name: /^Opleiding/ }).selectOption(mixed ?? '');
    await page.waitForFunction(
      "/^(ja|nee)$/.test(document.querySelector('path.gemeente')?.getAttribute('data-waarde') ?? '')",
    );
    const one = await gemeenten();
    expect(one).toHaveLength(64);
    for (const g of one) {
      const cel = cells.find((c) => c.opleidingscode === mixed && c.regioCode === g.regio);
      expect({ nis: g.nis, marked: g.fill.toLowerCase() === MARKED }).toEqual({
        nis: g.nis,
        marked: cel?.witteVlek,
      });
    }
    await expect(page.locator('.leaflet-control-attribution').textContent()).resolves.toContain('© Statbel');
    await page.screenshot({ path: `${ARTEFACTS}radar-opleiding.png`, fullPage: true });
    await page.close();
  }, 120_000);

  it('shows in its table exactly the cells the graph answers', async () => {
    const { page } = await openRadar();
    const rows = await page.$$eval('table.radartabel tbody tr', (trs) =>
      trs.map((tr) => ({
        regio: tr.getAttribute('data-regio') ?? '',
        opleiding: tr.getAttribute('data-opleiding') ?? '',
        kolommen: Object.fromEntries(
          Array.from(tr.querySelectorAll('td')).map((td): [string, string] => [
            td.getAttribute('data-kolom') ?? '',
            td.textContent,
          ]),
        ),
      })),
    );
    const expected = cells.map((c) => ({
      regio: c.regioCode,
      opleiding: c.opleidingscode,
      kolommen: {
        opleiding: c.opleiding.naam,
        // A count that is not known (null) reads "onbekend".
        aanbieders: String(c.aantalAanbieders ?? 'onbekend'),
        plaatsen: c.aantalPlaatsen === null ? 'onbeperkt' : String(c.aantalPlaatsen),
        leerwerkplekken: String(c.aantalErkendeLeerwerkplekken ?? 'onbekend'),
        vacatures: String(c.aantalVacatures ?? 'onbekend'),
        duaal: String(c.aantalDualeVacatures ?? 'onbekend'),
        knelpunt: c.knelpunt === null ? 'onbekend' : c.knelpunt ? 'ja' : 'nee',
        lerenden:
          c.aantalZoekendeLerenden?.onderdrukt === true
            ? 'onderdrukt'
            : String(c.aantalZoekendeLerenden?.waarde ?? 'onbekend'),
        witteVlek: c.witteVlek ? 'ja' : 'nee',
      },
    }));
    const byKey = (r: { regio: string; opleiding: string }) => `${r.regio}|${r.opleiding}`;
    // Signals are named in words on the page; whether a row has any is checked below.
    const withoutSignals = rows.map(({ kolommen: { signalen: _signalen, ...kolommen }, ...row }) => ({
      ...row,
      kolommen,
    }));
    expect(withoutSignals.sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...expected].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    for (const row of rows) {
      const cel = cells.find(
        (c) => byKey({ regio: c.regioCode, opleiding: c.opleidingscode }) === byKey(row),
      );
      expect(row.kolommen['signalen'] === '').toBe(cel?.signalen.length === 0);
    }
    // Sorting by vacatures, descending, puts the largest count first.
    await page.getByRole('button', { name: 'Vacatures', exact: true }).click();
    await page.getByRole('button', { name: 'Vacatures', exact: true }).click();
    const first = await page
      .locator('table.radartabel tbody tr td[data-kolom="vacatures"]')
      .first()
      .textContent();
    expect(Number(first)).toBe(Math.max(...cells.map((c) => c.aantalVacatures ?? 0)));
    await page.close();
  }, 120_000);

  it('lets the anonymous user make no restricted request, and sends only hashes', async () => {
    const { page, seen } = await openRadar();
    await page.locator('table.radartabel tbody tr th button').first().click();
    await page.locator('.detail h3').first().waitFor();
    await page.goto(`${web.url}/#/aanmelden`);
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    const operations = seen.map((s) => {
      expect(s.authorization).toBeUndefined();
      expect(s.body['query']).toBeUndefined();
      const hash = (s.body['extensions'] as { persistedQuery?: { sha256Hash?: string } } | undefined)
        ?.persistedQuery?.sha256Hash;
      const text = manifest.get(hash ?? '');
      expect(text, `hash ${String(hash)} is in the manifest`).toBeDefined();
      return { name: s.body['operationName'], restricted: restrictedParts(text ?? '') };
    });
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['Keuzes', 'Radar', 'RadarCel']));
    expect(operations.filter((o) => o.restricted.length > 0)).toEqual([]);
    // The check itself sees a restricted field when there is one.
    expect(restrictedParts('{ erkenningsbronnen { bron } }')).not.toEqual([]);
    await page.close();
  }, 120_000);

  it('passes axe on every page, and keeps a screenshot of each', async () => {
    const pages: [string, string, string][] = [
      ['radar', '/#/radar', '.kaart-vlak[data-geladen="WEST_VLAANDEREN"]'],
      ['aanmelden', '/#/aanmelden', 'h1'],
      ['graphiql', '/graphiql', '.graphiql-container'],
    ];
    for (const [name, path, ready] of pages) {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
      await page.goto(`${web.url}${path}`);
      await page.locator(ready).first().waitFor();
      if (name === 'radar') await page.locator('table.radartabel tbody tr').first().waitFor();
      await page.screenshot({ path: `${ARTEFACTS}${name}.png`, fullPage: false });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(o: unknown): Promise<{
                violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
              }>;
            };
          }
        ).axe;
        const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
        }));
      });
      expect({
        name,
        serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      }).toEqual({
        name,
        serious: [],
      });
      await page.close();
    }
  }, 180_000);

  it('a dev token is refused by a production server', async () => {
    const production = await startWeb(
      readWebConfig({
        NODE_ENV: 'production',
        WEB_PORT: '0',
        WEB_DIST: DIST,
        WEB_GATEWAY_URL: system.gatewayUrl,
      }),
      { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
    );
    try {
      const answer = await fetch(`${production.url}/dev/token`, {
        method: 'POST',
        body: '{"rol":"analist"}',
      });
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      expect((await fetch(`${production.url}/graphiql`)).status).toBe(404);
      const dev = await fetch(`${web.url}/dev/token`, { method: 'POST', body: '{"rol":"analist"}' });
      expect(((await dev.json()) as { token?: string }).token).toMatch(/^ey/);
    } finally {
      await production.stop();
    }
  });

  it('says which data is missing when a partner is unavailable, and still draws the map', async () => {
    await system.herstartVacatures(async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${web.url}/#/radar`);
      await page.locator('.kaart-vlak[data-geladen="WEST_VLAANDEREN"]').waitFor();
      const notice = page.locator('.melding li[data-bron="VDAB"]');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/vacatures/);
      expect(await page.locator('path.gemeente').count()).toBe(64);
      await page.screenshot({ path: `${ARTEFACTS}radar-vdab-onbeschikbaar.png`, fullPage: true });
      await page.close();
    });
  }, 120_000);
});

/** The graph's own radar, asked directly with a text of the test's own, once every source is in. */
async function radarCells(system: System): Promise<Cel[]> {
  for (let attempt = 0; ; attempt++) {
    const body = await system.vraag(RADAR);
    const radar = body.data?.['radar'] as Cel[] | null | undefined;
    if (radar && !body.errors) return radar;
    if (attempt > 60) throw new Error(`the radar did not answer: ${JSON.stringify(body.errors)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
