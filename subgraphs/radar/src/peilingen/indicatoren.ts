import { VLAANDEREN, type Provincie } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import type { PeilingOpslag } from './opslag.ts';

interface Telling {
  readonly waarde: number | null;
  readonly onderdrukt: boolean;
}

export interface IndicatorPunt {
  readonly op: string;
  readonly gereconstrueerd: boolean;
  readonly aantalErkendeLeerwerkplekken: number | null;
  readonly aantalActieveLeerwerkplekken: number | null;
  readonly aantalGestarteLerenden: Telling | null;
  readonly aantalOpleidingenMetAanbod: number | null;
  readonly aantalWitteVlekken: number | null;
  readonly aandeelKnelpuntvacaturesMetDuaalAanbod: number | null;
}

type Rij = Record<string, unknown>;

const getal = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** A sum that is unknown as soon as one part is. */
function som(waarden: readonly (number | null)[]): number | null {
  let totaal = 0;
  for (const w of waarden) {
    if (w === null) return null;
    totaal += w;
  }
  return totaal;
}

/**
 * Learners summed over regio's, suppressed like every learner count: a part
 * suppressed makes the sum suppressed (else the suppressed part could be
 * found by difference), and a sum of 1 to 4 is suppressed.
 */
function somTelling(delen: readonly unknown[]): Telling | null {
  let totaal = 0;
  for (const d of delen) {
    const t = d as Telling | null;
    if (!t) return null;
    if (t.onderdrukt) return { waarde: null, onderdrukt: true };
    if (t.waarde === null) return null;
    totaal += t.waarde;
  }
  return totaal >= 1 && totaal <= 4
    ? { waarde: null, onderdrukt: true }
    : { waarde: totaal, onderdrukt: false };
}

/** One point from a measurement's regio cells and totals of the regio's asked. */
export function indicatorVan(
  op: string,
  gereconstrueerd: boolean,
  cellen: readonly Rij[],
  totalen: readonly Rij[],
): IndicatorPunt {
  const knelpuntCellen = cellen.filter((c) => c['knelpunt'] === true);
  const knelpuntVacatures = som(knelpuntCellen.map((c) => getal(c['aantalVacatures'])));
  const metAanbod = som(
    knelpuntCellen.map((c) => {
      const aanbieders = getal(c['aantalAanbieders']);
      return aanbieders === null ? null : aanbieders > 0 ? (getal(c['aantalVacatures']) ?? null) : 0;
    }),
  );
  const opleidingenMetAanbod = new Set<string>();
  let aanbodBekend = true;
  for (const c of cellen) {
    const a = getal(c['aantalAanbieders']);
    if (a === null) aanbodBekend = false;
    else if (a > 0) opleidingenMetAanbod.add(String(c['opleidingscode']));
  }
  return {
    op,
    gereconstrueerd,
    // Vestigingen lie in one regio: the regio totals add up to the provincie's distinct count.
    aantalErkendeLeerwerkplekken: som(totalen.map((t) => getal(t['aantalErkendeLeerwerkplekken']))),
    aantalActieveLeerwerkplekken: som(totalen.map((t) => getal(t['aantalActieveLeerwerkplekken']))),
    aantalGestarteLerenden: somTelling(totalen.map((t) => t['aantalGestarteLerenden'])),
    // Distinct opleidingen over the regio's: one with aanbod in two regio's counts once.
    aantalOpleidingenMetAanbod: aanbodBekend ? opleidingenMetAanbod.size : null,
    // A reconstruction knows no aanbod nor vraag: no cell can be told a witte vlek or not.
    aantalWitteVlekken: gereconstrueerd ? null : cellen.filter((c) => c['witteVlek'] === true).length,
    aandeelKnelpuntvacaturesMetDuaalAanbod:
      knelpuntVacatures === null || metAanbod === null || knelpuntVacatures === 0
        ? null
        : metAanbod / knelpuntVacatures,
  };
}

export async function indicatoren(
  opslag: PeilingOpslag,
  vraag: { provincie: Provincie; regioCode?: string | null; van: string; tot: string },
): Promise<IndicatorPunt[]> {
  if (vraag.van > vraag.tot) throw badUserInput('van', `${vraag.van} ligt na tot ${vraag.tot}`);
  let regioCode: string | null = null;
  if (vraag.regioCode !== undefined && vraag.regioCode !== null) {
    regioCode = vraag.regioCode.trim().toUpperCase();
    const regio = VLAANDEREN.regio(regioCode);
    if (regio?.provincie !== vraag.provincie)
      throw badUserInput(
        'regioCode',
        `geen regio van ${vraag.provincie}: ${vraag.regioCode}, zie Query.regios`,
      );
  }
  const [cellen, totalen] = await Promise.all([
    opslag.rijenTussen(vraag.van, vraag.tot, vraag.provincie, 'REGIO'),
    opslag.rijenTussen(vraag.van, vraag.tot, vraag.provincie, 'TOTALEN'),
  ]);
  const totalenOp = new Map(totalen.map((t) => [t.peiling.op, t.rijen]));
  const inRegio = (regio: unknown): boolean => regioCode === null || regio === regioCode;
  return cellen.map(({ peiling, rijen }) =>
    indicatorVan(
      peiling.op,
      peiling.gereconstrueerd,
      rijen.filter((c) => inRegio(c['regioCode'])),
      (totalenOp.get(peiling.op) ?? []).filter((t) =>
        inRegio((t['regio'] as { code?: unknown } | null)?.code),
      ),
    ),
  );
}
