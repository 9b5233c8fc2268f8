/**
 * What the radar must answer at both scales, computed here from the partners'
 * own endpoints and the glossary's table of gemeenten: an independent reading,
 * not the subgraphs' code. Every map is keyed `${gebied}|${opleidingscode}`,
 * gebied a regiocode (scale REGIO) or a NIS code (scale GEMEENTE); a key that
 * is absent counts 0.
 */
import { REGIO_VAN_NIS, geldigOp, type VerwachteErkenning } from './expectations.ts';
import { KAZI_SLEUTEL, type KaziLerende } from './kazi-reader.ts';
import type { Vacature } from '../contract/vdab-reader.ts';
import { isDuaal, nisVan } from './vacatures-expectations.ts';

/** The two areas a place lies in: its regio and its gemeente; none outside West-Vlaanderen. */
function gebiedenVan(nis: string | null | undefined): string[] {
  const regio = nis ? REGIO_VAN_NIS.get(nis) : undefined;
  return regio && nis ? [regio, nis] : [];
}

function telDistinct(paren: Iterable<readonly [string, string]>): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const [sleutel, ding] of paren) sets.set(sleutel, (sets.get(sleutel) ?? new Set()).add(ding));
  return new Map([...sets].map(([k, v]) => [k, v.size]));
}

/** Distinct vestigingen with an ERKEND erkenning valid on the date, per area and opleiding. */
export function plekkenPerGebied(
  erkenningen: readonly VerwachteErkenning[],
  datum: string,
): Map<string, number> {
  return telDistinct(
    erkenningen
      .filter((e) => e.status === 'ERKEND' && geldigOp(e, datum) && e.vestiging)
      .flatMap((e) =>
        gebiedenVan(e.nis).map((g) => [`${g}|${e.opleidingscode}`, e.vestiging ?? ''] as const),
      ),
  );
}

export interface AanbodRij {
  readonly instellingsnummer: string;
  readonly opleidingscode: string;
  readonly vestigingsplaats: { readonly nisCode: string };
  readonly capaciteit: number | null;
}

export function aanbodPerGebied(
  rijen: readonly AanbodRij[],
): Map<string, { aanbieders: number; plaatsen: number | null }> {
  const groepen = new Map<string, AanbodRij[]>();
  for (const r of rijen)
    for (const g of gebiedenVan(r.vestigingsplaats.nisCode)) {
      const sleutel = `${g}|${r.opleidingscode}`;
      groepen.set(sleutel, [...(groepen.get(sleutel) ?? []), r]);
    }
  return new Map(
    [...groepen].map(([k, lijst]) => [
      k,
      {
        aanbieders: new Set(lijst.map((r) => r.instellingsnummer)).size,
        plaatsen: lijst.some((r) => r.capaciteit === null)
          ? null
          : lijst.reduce((s, r) => s + (r.capaciteit ?? 0), 0),
      },
    ]),
  );
}

export function vacaturesPerGebied(
  vacatures: readonly Vacature[],
  beroepen: ReadonlyMap<string, readonly string[]>,
): Map<string, { totaal: number; duaal: number }> {
  const tellingen = new Map<string, { totaal: number; duaal: number }>();
  for (const v of vacatures)
    for (const g of gebiedenVan(nisVan(v)))
      for (const [opleiding, codes] of beroepen) {
        if (!codes.includes(v.functie.beroepsprofiel.code)) continue;
        const sleutel = `${g}|${opleiding}`;
        const t = tellingen.get(sleutel) ?? { totaal: 0, duaal: 0 };
        t.totaal += 1;
        if (isDuaal(v)) t.duaal += 1;
        tellingen.set(sleutel, t);
      }
  return tellingen;
}

/**
 * A learner count as the contract shows it, per area and opleiding: suppressed
 * when it is 1 to 4, or when one school, subtracting its own learners, would
 * find 1 to 4.
 */
export function lerendenPerGebied(
  lerenden: readonly KaziLerende[],
  status: 'ZOEKEND' | 'GESTART',
): (sleutel: string) => { waarde: number | null; onderdrukt: boolean } {
  const perSleutel = new Map<string, Map<string, number>>();
  for (const l of lerenden) {
    if (l.status !== status) continue;
    for (const g of gebiedenVan(l.woonplaatsNisCode)) {
      const sleutel = `${g}|${l.opleidingscode}`;
      const scholen = perSleutel.get(sleutel) ?? new Map<string, number>();
      scholen.set(l.instellingsnummer, (scholen.get(l.instellingsnummer) ?? 0) + 1);
      perSleutel.set(sleutel, scholen);
    }
  }
  const klein = (n: number) => n >= 1 && n <= 4;
  return (sleutel) => {
    const scholen = perSleutel.get(sleutel) ?? new Map<string, number>();
    const aantal = [...scholen.values()].reduce((s, n) => s + n, 0);
    return klein(aantal) || [...scholen.values()].some((eigen) => klein(aantal - eigen))
      ? { waarde: null, onderdrukt: true }
      : { waarde: aantal, onderdrukt: false };
  };
}

interface GestarteMatch {
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string | null;
  readonly opleidingscode: string;
  readonly vestigingNisCode: string | null;
  readonly status: string;
}

/** Every GESTART match, every page of Kazi's listing by status. */
export async function leesGestarteMatches(basis: string): Promise<GestarteMatch[]> {
  const uit: GestarteMatch[] = [];
  for (let page = 1; ; page++) {
    const antwoord = await fetch(`${basis}/kazi/v1/matches?status=GESTART&page=${String(page)}&size=200`, {
      headers: { 'x-api-key': KAZI_SLEUTEL },
    });
    if (antwoord.status !== 200) throw new Error(`Kazi matches: ${String(antwoord.status)}`);
    const pagina = (await antwoord.json()) as { items: GestarteMatch[]; totalPages: number };
    uit.push(...pagina.items);
    if (page >= pagina.totalPages || pagina.items.length === 0) return uit;
  }
}

/** Distinct leerwerkplekken (the vestiging, else the onderneming) with a GESTART match, per area and opleiding. */
export function actievePlekkenPerGebied(matches: readonly GestarteMatch[]): Map<string, number> {
  return telDistinct(
    matches
      .filter((m) => m.status === 'GESTART')
      .flatMap((m) =>
        gebiedenVan(m.vestigingNisCode).map(
          (g) =>
            [
              `${g}|${m.opleidingscode}`,
              m.vestigingsnummer ?? `onderneming ${m.ondernemingsnummer}`,
            ] as const,
        ),
      ),
  );
}

/** The regio of a place in West-Vlaanderen, or undefined. */
export const regioVanNis = (nis: string | null | undefined): string | undefined =>
  nis ? REGIO_VAN_NIS.get(nis) : undefined;

/** Distinct things per regio: `paren` gives a thing's regio (or none) and its identity. */
export function distinctPerRegio(
  paren: Iterable<readonly [string | undefined, string]>,
): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const [regio, ding] of paren) if (regio) sets.set(regio, (sets.get(regio) ?? new Set()).add(ding));
  return new Map([...sets].map(([k, v]) => [k, v.size]));
}

/** A regio's learners in one status over every opleiding, suppressed like a cell. */
export function lerendenPerRegio(
  lerenden: readonly KaziLerende[],
  status: 'ZOEKEND' | 'GESTART',
): (regio: string) => { waarde: number | null; onderdrukt: boolean } {
  const perRegio = new Map<string, Map<string, number>>();
  for (const l of lerenden) {
    const regio = regioVanNis(l.woonplaatsNisCode);
    if (l.status !== status || !regio) continue;
    const scholen = perRegio.get(regio) ?? new Map<string, number>();
    scholen.set(l.instellingsnummer, (scholen.get(l.instellingsnummer) ?? 0) + 1);
    perRegio.set(regio, scholen);
  }
  const klein = (n: number) => n >= 1 && n <= 4;
  return (regio) => {
    const scholen = perRegio.get(regio) ?? new Map<string, number>();
    const aantal = [...scholen.values()].reduce((s, n) => s + n, 0);
    return klein(aantal) || [...scholen.values()].some((eigen) => klein(aantal - eigen))
      ? { waarde: null, onderdrukt: true }
      : { waarde: aantal, onderdrukt: false };
  };
}
