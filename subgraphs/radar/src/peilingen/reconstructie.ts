import type { Provincie } from '@duaal-graph/domein';
import { onbekendVan } from '../signalen.ts';
import { onbekendVanTotaal } from '../totalen.ts';
import type { PeilingDeel, PeilingSoort } from './opslag.ts';

/** What the erkenningen subgraph answers in one question (`MAX_DATUMS` there). */
export const DATUMS_PER_VRAAG = 120;

/**
 * The dates a reconstruction holds: `vanaf`, then the first of every month
 * after it, before the first real measurement and not before the retention's
 * limit. One a month, not one a day: validity periods run for months or years,
 * so a month shows every trend the indicatoren are read for, and a day would
 * store thirty times the rows for the same curve.
 */
export function reconstructieDatums(vanaf: string, eersteMeting: string, bewaarGrens: string): string[] {
  const datums: string[] = [];
  const begin = vanaf < bewaarGrens ? bewaarGrens : vanaf;
  if (begin < eersteMeting) datums.push(begin);
  const d = new Date(`${begin.slice(0, 7)}-01T00:00:00Z`);
  for (;;) {
    d.setUTCMonth(d.getUTCMonth() + 1);
    const datum = d.toISOString().slice(0, 10);
    if (datum >= eersteMeting) return datums;
    datums.push(datum);
  }
}

const CEL_VELDEN = `id regioCode opleidingscode gemeente { nisCode } plekken: aantalErkendeLeerwerkplekkenOp(datums: $datums)`;
const TOTAAL_VELDEN = `id regio { code } opleidingscodes plekken: aantalErkendeLeerwerkplekkenOp(datums: $datums)`;

/**
 * The radar's cells and regio totals of now with the erkende leerwerkplekken
 * of each date, as the erkenningen subgraph reconstructs them: through the
 * graph, as the public reads it, so that a reconstructed count is the public
 * count its owner makes.
 */
export const RECONSTRUCTIE_OPERATIE = `query Reconstructie($provincie: Provincie!, $datums: [Date!]!) {
  REGIO: radar(provincie: $provincie, per: REGIO) { ${CEL_VELDEN} }
  GEMEENTE: radar(provincie: $provincie, per: GEMEENTE) { ${CEL_VELDEN} }
  TOTALEN: regioTotalen(provincie: $provincie) { ${TOTAAL_VELDEN} }
  TOTALEN_SECUNDAIR: regioTotalen(provincie: $provincie, niveau: SECUNDAIR) { ${TOTAAL_VELDEN} }
  TOTALEN_VOLWASSENENONDERWIJS: regioTotalen(provincie: $provincie, niveau: VOLWASSENENONDERWIJS) { ${TOTAAL_VELDEN} }
  TOTALEN_HOGER: regioTotalen(provincie: $provincie, niveau: HOGER) { ${TOTAAL_VELDEN} }
}`;

const SOORTEN: readonly PeilingSoort[] = [
  'REGIO',
  'GEMEENTE',
  'TOTALEN',
  'TOTALEN_SECUNDAIR',
  'TOTALEN_VOLWASSENENONDERWIJS',
  'TOTALEN_HOGER',
];

type Rij = Record<string, unknown>;

interface Antwoord {
  readonly data?: Readonly<Record<string, readonly Rij[] | null>> | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

const aantal = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * A stored row of a reconstructed date: the row's keys and the one count known,
 * every other measure unknown. Absent counts read back as null, so they are
 * not stored (a reconstructed measurement takes a fraction of a real one).
 */
export function gereconstrueerdeRij(soort: PeilingSoort, rij: Rij, i: number): Rij {
  const plekken = Array.isArray(rij['plekken']) ? aantal((rij['plekken'] as unknown[])[i]) : null;
  const { plekken: _, ...sleutels } = rij;
  return {
    ...sleutels,
    aantalErkendeLeerwerkplekken: plekken,
    onbekend:
      soort === 'REGIO' || soort === 'GEMEENTE'
        ? onbekendVan({ aantalErkendeLeerwerkplekken: plekken })
        : onbekendVanTotaal({ aantalErkendeLeerwerkplekken: plekken }),
  };
}

/**
 * Reconstructs one provincie on these dates (at most `DATUMS_PER_VRAAG`) in one
 * operation of the graph: per date, the parts a measurement holds. Fails, as a
 * measurement does, when the graph answers without the radar.
 */
export async function reconstrueerProvincie(
  graphqlUrl: string,
  provincie: Provincie,
  datums: readonly string[],
  timeoutMs: number,
): Promise<Map<string, PeilingDeel[]>> {
  const antwoord = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({
      query: RECONSTRUCTIE_OPERATIE,
      variables: { provincie, datums },
      operationName: 'Reconstructie',
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const lijf = (await antwoord.json()) as Antwoord;
  const perDatum = new Map<string, PeilingDeel[]>(datums.map((d) => [d, []]));
  for (const soort of SOORTEN) {
    const rijen = lijf.data?.[soort];
    if (!rijen) {
      const codes = (lijf.errors ?? []).map((e) => e.extensions?.code ?? 'ERROR').join(', ');
      throw new Error(
        `reconstructie ${provincie}: the graph answered HTTP ${String(antwoord.status)} without the radar (${codes})`,
      );
    }
    datums.forEach((datum, i) => {
      perDatum
        .get(datum)
        ?.push({ provincie, soort, rijen: rijen.map((r) => gereconstrueerdeRij(soort, r, i)) });
    });
  }
  return perDatum;
}
