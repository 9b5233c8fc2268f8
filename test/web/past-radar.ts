/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { WEST_VLAANDEREN } from '@duaal-graph/domein';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Vacature } from '../contract/vdab-reader.ts';
import { REGIO_VAN_NIS } from '../graph/expectations.ts';
import type { System } from '../graph/system.ts';
import { isDuaal, leesBeroepenPerOpleiding, werkgeverVan } from '../graph/vacatures-expectations.ts';
import {
  cellKey,
  comparable,
  expectedRows,
  mapRegions,
  radarCells,
  regionLabels,
  tableRows,
  type Cel,
} from './radar-table.ts';

const KEY = (c: Cel) => cellKey({ regio: c.regioCode, opleiding: c.opleidingscode });
const duaalIn = (cells: readonly Cel[], key: string) =>
  cells.find((c) => KEY(c) === key)?.aantalDualeVacatures;

/**
 * After the measurement of `op`: two more duale vacatures at VDAB, in Kortrijk,
 * of a beroepsprofiel an opleiding asks for, read by the vacatures subgraph now.
 * Returns the graph's radar of that date and today's (all niveaus) and the
 * cells the change reaches, each with two more duale vacatures today (checked).
 */
export async function changeAfterMeasurement(
  system: System,
  op: string,
): Promise<{ past: Cel[]; today: Cel[]; changed: string[] }> {
  const beroepen = await leesBeroepenPerOpleiding(system.mock.url);
  const gevraagd = new Set([...beroepen.values()].flat());
  const vacatures = system.mock.wereld.vdab.vacatures as unknown as Vacature[];
  const duaal = vacatures.find(
    (v) => isDuaal(v) && werkgeverVan(v) !== null && gevraagd.has(v.functie.beroepsprofiel.code),
  );
  if (!duaal) throw new Error('no duale vacature of a beroepsprofiel an opleiding asks for');
  let vrij = Math.max(...vacatures.map((v) => v.vacatureReferentie.vdabReferentie)) + 1;
  for (let i = 0; i < 2; i++) {
    const posted = await fetch(`${system.mock.url}/_mock/vdab/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...structuredClone(duaal),
        vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: vrij++ },
        tewerkstellingsadres: { ...duaal.tewerkstellingsadres, postcode: '8500', gemeente: 'Kortrijk' },
      }),
    });
    expect(posted.status, await posted.text()).toBe(200);
  }
  await system.vacatures().bestanden.vacatures.synchroniseer();
  const regio = REGIO_VAN_NIS.get('34022') ?? '';
  const past = await radarCells(system, { op });
  const changed = past
    .filter(
      (c) =>
        c.regioCode === regio && beroepen.get(c.opleidingscode)?.includes(duaal.functie.beroepsprofiel.code),
    )
    .map(KEY);
  expect(changed.length).toBeGreaterThan(0);
  const first = changed[0] ?? '';
  // Today's radar has them once the gateway's response cache has probed the vacatures (every 250 ms).
  let today = await radarCells(system, {});
  for (let i = 0; i < 40 && duaalIn(today, first) === duaalIn(past, first); i++) {
    await new Promise((r) => setTimeout(r, 250));
    today = await radarCells(system, {});
  }
  for (const key of changed) expect(duaalIn(today, key)).toBe((duaalIn(past, key) ?? NaN) + 2);
  expect(expectedRows(past)).not.toEqual(expectedRows(today));
  return { past, today, changed };
}

/**
 * From Verloop (open in `page`), by keyboard, to the radar of `op`: its map and
 * table are the graph's `past` cells; back to today, today's. All niveaus, as
 * the graph's answers were asked; a screenshot of the past radar kept.
 */
export async function pastRadarFromVerloop(
  page: Page,
  op: string,
  { past, today, changed }: { past: Cel[]; today: Cel[]; changed: string[] },
  screenshot: string,
): Promise<void> {
  const peiling = page.getByRole('combobox', { name: /^Peiling/ });
  await peiling.locator(`option[value="${op}"]`).waitFor({ state: 'attached' });
  await peiling.focus();
  await page.keyboard.press('ArrowDown');
  await expect(peiling.inputValue()).resolves.toBe(op);
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe(
    `#/radar?op=${op}`,
  );
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Radar Duaal op / }).waitFor();
  // A page change puts keyboard and screen reader users at the new page's content.
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inhoud');
  const [regio, opleiding] = (changed[0] ?? '').split('|');
  // The table is the answer's once it has as many rows and the changed cell reads that answer's count.
  const shows = (cells: readonly Cel[]) =>
    page.waitForFunction(
      ([selector, n, value]) =>
        document.querySelectorAll('table.radartabel tbody tr').length === n &&
        document.querySelector(selector)?.textContent === value,
      [
        `table.radartabel tr[data-regio="${regio ?? ''}"][data-opleiding="${opleiding ?? ''}"] td[data-kolom="duaal"]`,
        cells.length,
        String(duaalIn(cells, changed[0] ?? '')),
      ] as const,
      { timeout: 90_000 },
    );
  await page.getByRole('combobox', { name: /^Niveau/ }).selectOption('');
  await shows(past);
  await page.locator('.kaart-vlak[data-geladen="WEST_VLAANDEREN"]').waitFor();
  expect(comparable(await tableRows(page))).toEqual(expectedRows(past));
  const labels = regionLabels(past);
  const drawn = await mapRegions(page);
  expect(drawn).toHaveLength(WEST_VLAANDEREN.gemeenten.length);
  for (const g of drawn)
    expect({ nis: g.nis, waarde: g.waarde }).toEqual({ nis: g.nis, waarde: labels.get(g.regio) });
  // Today's export would not be that date's cells: no download is offered.
  await expect(page.getByRole('button', { name: 'Download de cellen als CSV' }).count()).resolves.toBe(0);
  await page.screenshot({ path: screenshot, fullPage: false });

  await page.evaluate(() => {
    window.location.hash = '#/radar';
  });
  await shows(today);
  await expect(page.locator('h1').textContent()).resolves.toBe('Radar Duaal');
  expect(comparable(await tableRows(page))).toEqual(expectedRows(today));
}
