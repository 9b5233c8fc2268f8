import type { Provincie } from '@duaal-graph/domein';
import type { PeilingDeel } from './opslag.ts';

/** The count fields of a cell, as the radar shows them: never a learner or a name. */
const CEL_VELDEN = `id regioCode opleidingscode gemeente { nisCode }
  aantalAanbieders aantalPlaatsen aantalErkendeLeerwerkplekken aantalVacatures aantalDualeVacatures knelpunt
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalActieveLeerwerkplekken witteVlek signalen onbekend`;

const TOTAAL_VELDEN = `id regio { code } opleidingscodes
  aantalErkendeLeerwerkplekken aantalActieveLeerwerkplekken aantalAanbieders aantalOpleidingenMetAanbod
  aantalVacatures aantalDualeVacatures
  aantalZoekendeLerenden { waarde onderdrukt } aantalGestarteLerenden { waarde onderdrukt }
  aantalWitteVlekken onbekend`;

/** One provincie's radar at both scales and its regio totals, in one operation of the graph. */
export const PEILING_OPERATIE = `query Peiling($provincie: Provincie!) {
  perRegio: radar(provincie: $provincie, per: REGIO) { ${CEL_VELDEN} }
  perGemeente: radar(provincie: $provincie, per: GEMEENTE) { ${CEL_VELDEN} }
  totalen: regioTotalen(provincie: $provincie) { ${TOTAAL_VELDEN} }
  secundair: regioTotalen(provincie: $provincie, niveau: SECUNDAIR) { ${TOTAAL_VELDEN} }
  volwassenenonderwijs: regioTotalen(provincie: $provincie, niveau: VOLWASSENENONDERWIJS) { ${TOTAAL_VELDEN} }
  hoger: regioTotalen(provincie: $provincie, niveau: HOGER) { ${TOTAAL_VELDEN} }
}`;

interface Antwoord {
  readonly data?: {
    readonly perRegio?: Record<string, unknown>[] | null;
    readonly perGemeente?: Record<string, unknown>[] | null;
    readonly totalen?: Record<string, unknown>[] | null;
    readonly secundair?: Record<string, unknown>[] | null;
    readonly volwassenenonderwijs?: Record<string, unknown>[] | null;
    readonly hoger?: Record<string, unknown>[] | null;
  } | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

/**
 * Measures one provincie through the graph itself (the gateway), as the public
 * reads it: the same numbers the radar shows at that moment, learner counts
 * already suppressed. A count its owner could not answer stays null and is
 * named in `onbekend`, as on the radar; only a missing radar fails the measurement.
 */
export async function meetProvincie(
  graphqlUrl: string,
  provincie: Provincie,
  timeoutMs: number,
): Promise<PeilingDeel[]> {
  const antwoord = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query: PEILING_OPERATIE, variables: { provincie }, operationName: 'Peiling' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const lijf = (await antwoord.json()) as Antwoord;
  const { perRegio, perGemeente, totalen, secundair, volwassenenonderwijs, hoger } = lijf.data ?? {};
  if (!perRegio || !perGemeente || !totalen || !secundair || !volwassenenonderwijs || !hoger) {
    const codes = (lijf.errors ?? []).map((e) => e.extensions?.code ?? 'ERROR').join(', ');
    throw new Error(
      `peiling ${provincie}: the graph answered HTTP ${String(antwoord.status)} without the radar (${codes})`,
    );
  }
  return [
    { provincie, soort: 'REGIO', rijen: perRegio },
    { provincie, soort: 'GEMEENTE', rijen: perGemeente },
    { provincie, soort: 'TOTALEN', rijen: totalen },
    // Per niveau as well, for `regioTotalen(niveau:, op:)`; their opleidingscodes also tell a cell's niveau then.
    { provincie, soort: 'TOTALEN_SECUNDAIR', rijen: secundair },
    { provincie, soort: 'TOTALEN_VOLWASSENENONDERWIJS', rijen: volwassenenonderwijs },
    { provincie, soort: 'TOTALEN_HOGER', rijen: hoger },
  ];
}
