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
import { comparable, expectedRows, radarCells, tableRows, type Cel } from './radar-table.ts';

const ARTEFACTS = fileURLToPath(new URL('./artefacts/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MANIFEST = `${WEB}persisted-operations.json`;
const MARKED = '#d95f02';

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
    cells = await radarCells(system, { niveau: 'SECUNDAIR' });
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
    expect(comparable(await tableRows(page))).toEqual(expectedRows(cells));
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

  it('gives development tokens on the sign-in page in development only; production refuses them and GraphiQL', async () => {
    // Development: the page picks a role and signs in with a token of the app's server.
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await page.goto(`${web.url}/#/aanmelden`);
    await page.getByRole('combobox', { name: /^Rol/ }).selectOption('partner');
    await page.getByRole('combobox', { name: /^Sector/ }).selectOption('EDUCAM');
    await page.getByRole('button', { name: 'Vraag een ontwikkeltoken' }).click();
    await page.getByText('U bent aangemeld als partner (EDUCAM).').waitFor();
    await expect(page.locator('.wie').textContent()).resolves.toBe('Aangemeld: partner');
    await page.close();
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
      // Production's sign-in page offers the identity provider's token only, and no GraphiQL in the menu.
      const signIn = await browser.newPage({ viewport: { width: 1024, height: 900 } });
      const config = signIn.waitForResponse((r) => new URL(r.url()).pathname === '/config.json');
      await signIn.goto(`${production.url}/#/aanmelden`);
      expect(await (await config).json()).toMatchObject({ ontwikkeltokens: false, graphiql: false });
      await signIn.getByLabel('Token (JWT)').waitFor();
      await signIn.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      await expect(signIn.getByRole('heading', { name: /Ontwikkeltoken/ }).count()).resolves.toBe(0);
      await expect(signIn.getByRole('link', { name: 'GraphiQL' }).count()).resolves.toBe(0);
      await signIn.close();
    } finally {
      await production.stop();
    }
  }, 120_000);

  it('serves GraphiQL from the app itself: no request leaves loopback', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    // GraphiQL reads the schema on load: it works, from the app's own /graphql.
    const schema = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/graphql' && (r.request().postData() ?? '').includes('__schema'),
    );
    await page.goto(`${web.url}/graphiql`);
    await page.locator('.graphiql-container .monaco-editor').first().waitFor();
    expect((await schema).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    const away = requests.filter((u) => {
      const url = new URL(u);
      return url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== '127.0.0.1';
    });
    expect(away).toEqual([]);
    expect(requests.filter((u) => /\/assets\/.+\.js$/.test(u)).length).toBeGreaterThan(0);
    await context.close();
  }, 120_000);

  it('fits a tablet (768 px): one column, no sideways scrolling, a screenshot kept', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await page.goto(`${web.url}/#/radar`);
    await page.locator('.kaart-vlak[data-geladen="WEST_VLAANDEREN"]').waitFor();
    await page.locator('table.radartabel tbody tr').first().waitFor();
    const layout = await page.evaluate(() => {
      const map = document.querySelector('.kaart-vlak')?.getBoundingClientRect();
      const table = document.querySelector('table.radartabel')?.closest('div')?.getBoundingClientRect();
      return {
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        mapWidth: Math.round(map?.width ?? 0),
        tableBelowMap: (table?.top ?? 0) >= (map?.bottom ?? Infinity),
      };
    });
    expect(layout.sideways).toBe(false);
    expect(layout.mapWidth).toBeGreaterThan(600);
    expect(layout.tableBelowMap).toBe(true);
    await page.screenshot({ path: `${ARTEFACTS}radar-tablet.png`, fullPage: false });
    await page.close();
  }, 120_000);

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
