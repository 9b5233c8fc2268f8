/**
 * What the graph must answer about vacatures, computed here from VDAB's own
 * endpoints (through the independent client of the contract tests), the
 * register and the glossary: an independent reading, not the subgraph's code.
 */
import { isOndernemingsnummer, leesWestVlaamseGemeenten } from '../contract/sector-reader.ts';
import { VDAB_API, VdabLezer, type Vacature } from '../contract/vdab-reader.ts';

const GEMEENTEN = leesWestVlaamseGemeenten();
const GEMEENTE_VAN_POSTCODE = new Map(GEMEENTEN.map((g) => [g.postcode, g]));

export const ref = (v: { vacatureReferentie: { vdabReferentie: number } }): string =>
  String(v.vacatureReferentie.vdabReferentie);

/** Every vacature VDAB publishes now, read page by page under the limit. */
export async function leesVacatures(basis: string, limietPerSeconde = 10): Promise<Vacature[]> {
  return (await new VdabLezer(basis, limietPerSeconde).alles<Vacature>(`${VDAB_API}/vacatures/initial`))
    .resultaten;
}

/** The beroepsprofiel codes on the knelpuntberoepen list of a year. */
export async function leesKnelpuntcodes(basis: string, jaar: number): Promise<Set<string>> {
  const lijst = (await (await fetch(`${basis}/vdab/knelpuntberoepen/${jaar}.json`)).json()) as {
    beroepen: { beroepsprofielCode: string }[];
  };
  return new Set(lijst.beroepen.map((b) => b.beroepsprofielCode));
}

/** Per opleidingscode, its beroepsprofiel codes, from the register. */
export async function leesBeroepenPerOpleiding(basis: string): Promise<Map<string, string[]>> {
  const opleidingen = (await (await fetch(`${basis}/onderwijs/v1/opleidingen`)).json()) as {
    opleidingscode: string;
    beroepsprofielCodes: string[];
  }[];
  return new Map(opleidingen.map((o) => [o.opleidingscode, o.beroepsprofielCodes]));
}

/** The KBO number in `0403.170.701` notation, or null when it is missing or fails mod 97. */
export function kboMetPunten(kbo: string | null | undefined): string | null {
  const cijfers = (kbo ?? '').replace(/^BE/i, '').replace(/\D/g, '');
  const tien = cijfers.length === 9 ? `0${cijfers}` : cijfers;
  return isOndernemingsnummer(tien) ? `${tien.slice(0, 4)}.${tien.slice(4, 7)}.${tien.slice(7)}` : null;
}

/** The employer as the contract means it: the leverancier when it is a WERKGEVER with a valid number; never an interim agency. */
export function werkgeverVan(v: Vacature): string | null {
  return v.leverancier.type === 'WERKGEVER' && v.arbeidsovereenkomst.arbeidsContract !== 'INTERIM'
    ? kboMetPunten(v.leverancier.kboNummer)
    : null;
}

export function regioVan(v: Vacature): string | null {
  return GEMEENTE_VAN_POSTCODE.get(v.tewerkstellingsadres.postcode)?.regio ?? null;
}

export function nisVan(v: Vacature): string | null {
  return GEMEENTE_VAN_POSTCODE.get(v.tewerkstellingsadres.postcode)?.nis ?? null;
}

export const isDuaal = (v: Vacature): boolean => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN';

/** aantalVacatures and aantalDualeVacatures per `regio|opleidingscode`, as CONTRACT.md defines them. */
export function vacatureTellingen(
  vacatures: readonly Vacature[],
  beroepen: ReadonlyMap<string, readonly string[]>,
): Map<string, { totaal: number; duaal: number }> {
  const tellingen = new Map<string, { totaal: number; duaal: number }>();
  for (const v of vacatures) {
    const regio = regioVan(v);
    if (!regio) continue;
    for (const [opleiding, codes] of beroepen) {
      if (!codes.includes(v.functie.beroepsprofiel.code)) continue;
      const sleutel = `${regio}|${opleiding}`;
      const t = tellingen.get(sleutel) ?? { totaal: 0, duaal: 0 };
      t.totaal += 1;
      if (isDuaal(v)) t.duaal += 1;
      tellingen.set(sleutel, t);
    }
  }
  return tellingen;
}

/** The order the graph lists vacatures in: newest publication first, then by reference. */
export function nieuwsteEerst(a: Vacature, b: Vacature): number {
  const verschil = Date.parse(b.publicatieDatum) - Date.parse(a.publicatieDatum);
  return verschil !== 0
    ? verschil
    : a.vacatureReferentie.vdabReferentie - b.vacatureReferentie.vdabReferentie;
}
