/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { System } from '../graph/system.ts';

/** A radar cell as the graph answers it, with what the Radar page's table and map show of it. */
export interface Cel {
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

export interface Row {
  readonly regio: string;
  readonly opleiding: string;
  readonly kolommen: Record<string, string>;
}

/** The radar of West-Vlaanderen as a text of the test's own; `$op` and `$niveau` as the Radar page sends them. */
export const RADAR = `query($op: Date, $niveau: Niveau) { radar(provincie: WEST_VLAANDEREN, niveau: $niveau, op: $op) {
  regioCode opleidingscode aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures
  aantalDualeVacatures knelpunt aantalZoekendeLerenden { waarde onderdrukt } witteVlek signalen
  opleiding { naam } } }`;

export const cellKey = (r: { regio: string; opleiding: string }): string => `${r.regio}|${r.opleiding}`;

/** The graph's own radar, asked directly, once every source is in. */
export async function radarCells(system: System, variables: Record<string, unknown>): Promise<Cel[]> {
  for (let attempt = 0; ; attempt++) {
    const body = await system.vraag(RADAR, variables);
    const radar = body.data?.['radar'] as Cel[] | null | undefined;
    if (radar && !body.errors) return radar;
    if (attempt > 60) throw new Error(`the radar did not answer: ${JSON.stringify(body.errors)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The rows of the Radar page's table, each column by its `data-kolom`. */
export async function tableRows(page: Page): Promise<Row[]> {
  return page.$$eval('table.radartabel tbody tr', (trs) =>
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
}

/**
 * What the table must show of each cell, in key order; signals are named in
 * words on the page, so only whether a row has any is compared.
 */
export function expectedRows(cells: readonly Cel[]): Row[] {
  return cells
    .map((c) => ({
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
        signalen: c.signalen.length === 0 ? 'geen' : 'een of meer',
      },
    }))
    .sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
}

/** The table's rows in key order, with the signals column reduced as in expectedRows. */
export function comparable(rows: readonly Row[]): Row[] {
  return rows
    .map(({ kolommen: { signalen, ...kolommen }, ...row }) => ({
      ...row,
      kolommen: { ...kolommen, signalen: signalen === '' ? 'geen' : 'een of meer' },
    }))
    .sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
}

/** What each gemeente on the map says with all opleidingen: how many of its regio's cells are witte vlekken. */
export function regionLabels(cells: readonly Cel[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const regio of new Set(cells.map((c) => c.regioCode))) {
    const own = cells.filter((c) => c.regioCode === regio);
    labels.set(
      regio,
      `${String(own.filter((c) => c.witteVlek).length)} van ${String(own.length)} opleidingen`,
    );
  }
  return labels;
}

/** Each gemeente drawn on the Radar page's map: its regio and the value it shows. */
export async function mapRegions(page: Page): Promise<{ nis: string; regio: string; waarde: string }[]> {
  return page.$$eval('path.gemeente', (paths) =>
    paths.map((p) => ({
      nis: p.getAttribute('data-nis') ?? '',
      regio: p.getAttribute('data-regio') ?? '',
      waarde: p.getAttribute('data-waarde') ?? '',
    })),
  );
}
