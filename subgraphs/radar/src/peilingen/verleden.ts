import { celId, type Gebied, type Provincie } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import { radarCellen, type Cel, type RadarFilter, type RadarSchaal } from '../cellen.ts';
import type { Signaal, Telling } from '../signalen.ts';
import type { RegioTotaal } from '../totalen.ts';

/** One stored row (a cell or a regio total) as the graph answered it when it was measured. */
export type Rij = Readonly<Record<string, unknown>>;

/** The niveaus whose regio totals a measurement keeps apart (`TOTALEN_<niveau>`), beside those over all. */
export const NIVEAUS = ['SECUNDAIR', 'VOLWASSENENONDERWIJS', 'HOGER'] as const;
export type Niveau = (typeof NIVEAUS)[number];

/** The counts of a cell the owners answer, as stored: what `gepeild` hands them. */
const CEL_TELLINGEN = [
  'aantalAanbieders',
  'aantalPlaatsen',
  'aantalErkendeLeerwerkplekken',
  'aantalVacatures',
  'aantalDualeVacatures',
  'knelpunt',
  'aantalZoekendeLerenden',
  'aantalGestarteLerenden',
  'aantalActieveLeerwerkplekken',
] as const;

const TOTAAL_TELLINGEN = [
  'aantalErkendeLeerwerkplekken',
  'aantalActieveLeerwerkplekken',
  'aantalAanbieders',
  'aantalOpleidingenMetAanbod',
  'aantalVacatures',
  'aantalDualeVacatures',
  'aantalZoekendeLerenden',
  'aantalGestarteLerenden',
] as const;

const LERENDEN = new Set<string>(['aantalZoekendeLerenden', 'aantalGestarteLerenden']);

/**
 * A stored learner count as a Telling, suppressed when read: a measurement
 * stores what the public saw (already suppressed), and a count of 1 to 4 is
 * never shown, whatever wrote it. Anything else is not known (null).
 */
export function alsTelling(waarde: unknown): Telling | null {
  if (typeof waarde !== 'object' || waarde === null) return null;
  const { waarde: aantal, onderdrukt } = waarde as Record<string, unknown>;
  if (onderdrukt === true) return { waarde: null, onderdrukt: true };
  if (typeof aantal !== 'number') return null;
  return aantal >= 1 && aantal <= 4
    ? { waarde: null, onderdrukt: true }
    : { waarde: aantal, onderdrukt: false };
}

function tellingenVan(rij: Rij, velden: readonly string[]): Record<string, unknown> {
  const uit: Record<string, unknown> = {};
  // A measure absent from an older row is not known: null, never 0.
  for (const veld of velden) uit[veld] = LERENDEN.has(veld) ? alsTelling(rij[veld]) : (rij[veld] ?? null);
  return uit;
}

/** A cell of a past date: its key names the measurement, `gepeild` carries the counts, `bewaard` the row. */
export interface VerledenCel extends Cel {
  readonly gepeild: Record<string, unknown>;
  readonly bewaard: Rij;
}

export interface VerledenTotaal extends RegioTotaal {
  readonly gepeild: Record<string, unknown>;
  readonly bewaard: Rij;
}

/** `filter` with the fields that only stored signals can answer for a past date. */
export interface VerledenFilter extends RadarFilter {
  readonly signaal?: Signaal | null;
  readonly alleenWitteVlekken?: boolean | null;
}

const tekst = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The cells of `radar(op:)` from one measurement's rows at the scale asked:
 * the same cells, order and filter checks as the radar of now, over the
 * opleidingen the measurement held (of the niveau: `niveauCodes`), each with
 * its stored counts, signals and unknown measures. `signaal` and
 * `alleenWitteVlekken` filter on the stored signals.
 */
export function verledenCellen(
  gebied: Gebied,
  vraag: {
    readonly provincie: Provincie;
    readonly per: RadarSchaal;
    readonly filter?: VerledenFilter | null;
    readonly op: string;
  },
  rijen: readonly Rij[],
  /** The opleidingen of the niveau asked at that date; null: every one. */
  niveauCodes: ReadonlySet<string> | null,
): VerledenCel[] {
  const perId = new Map(rijen.map((r) => [tekst(r['id']), r]));
  const gehouden = new Set(rijen.map((r) => tekst(r['opleidingscode'])));
  const codes = [...gehouden].filter((c) => niveauCodes === null || niveauCodes.has(c)).sort();
  // An opleidingscode is judged against what the measurement held: one gone since is still known then.
  const cellen = radarCellen(gebied, vraag, codes, gehouden);
  const signaal = vraag.filter?.signaal ?? null;
  const alleenWitteVlekken = vraag.filter?.alleenWitteVlekken === true;
  const uit: VerledenCel[] = [];
  for (const cel of cellen) {
    const rij = perId.get(cel.id);
    // Every cell is built from the codes of these very rows; a row missing would be a measurement cut short.
    if (!rij) throw new Error(`peiling ${vraag.op}: no stored cell ${cel.id}`);
    const signalen = Array.isArray(rij['signalen']) ? (rij['signalen'] as unknown[]) : [];
    if (signaal !== null && !signalen.includes(signaal)) continue;
    if (alleenWitteVlekken && rij['witteVlek'] !== true) continue;
    uit.push({
      ...cel,
      id: celId({
        gebiedscode: cel.nisCode ?? cel.regioCode,
        opleidingscode: cel.opleidingscode,
        op: vraag.op,
      }),
      gepeild: tellingenVan(rij, CEL_TELLINGEN),
      bewaard: rij,
    });
  }
  return uit;
}

/** The key of a regio total of a past date: regio, niveau (or ALLE) and the measurement's date. */
export function verledenTotaalId(regioCode: string, niveau: string | null, op: string): string {
  return `${regioCode}|${niveau ?? 'ALLE'}|${op}`;
}

/** Reads back a key of `verledenTotaalId`; undefined for a total of now. */
export function leesVerledenTotaalId(
  id: string,
): { regioCode: string; niveau: Niveau | null; op: string } | undefined {
  const [regioCode = '', niveau = '', op, ...rest] = id.split('|');
  if (op === undefined || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(op)) return undefined;
  if (niveau === 'ALLE') return { regioCode, niveau: null, op };
  return (NIVEAUS as readonly string[]).includes(niveau)
    ? { regioCode, niveau: niveau as Niveau, op }
    : undefined;
}

/** The regio totals of `regioTotalen(op:)` from one measurement's rows of the niveau asked (or all). */
export function verledenTotalen(rijen: readonly Rij[], niveau: string | null, op: string): VerledenTotaal[] {
  return rijen.map((rij) => {
    const regioCode = tekst((rij['regio'] as { code?: unknown } | null | undefined)?.code);
    return {
      id: verledenTotaalId(regioCode, niveau, op),
      regioCode,
      opleidingscodes: Array.isArray(rij['opleidingscodes']) ? (rij['opleidingscodes'] as string[]) : [],
      gepeild: tellingenVan(rij, TOTAAL_TELLINGEN),
      bewaard: rij,
    };
  });
}

/** The opleidingen of a niveau at a measurement: the ones its regio totals of that niveau span. */
export function codesVanNiveau(totalen: readonly Rij[]): Set<string> {
  return new Set(
    totalen.flatMap((t) => (Array.isArray(t['opleidingscodes']) ? (t['opleidingscodes'] as string[]) : [])),
  );
}

/** The caller asked a date before every measurement: say which dates the graph does hold. */
export function geenPeiling(op: string, eerste: string | undefined): Error {
  return badUserInput(
    'op',
    eerste === undefined
      ? `de graaf bewaart nog geen peilingen, dus ook geen op of vóór ${op}`
      : `geen peiling op of vóór ${op}; de eerste bewaarde peiling is van ${eerste}`,
  );
}
