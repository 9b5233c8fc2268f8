export type Signaal =
  | 'VRAAG_ZONDER_AANBOD'
  | 'AANBOD_ZONDER_LEERWERKPLEKKEN'
  | 'LERENDEN_ZONDER_LEERWERKPLEK'
  | 'KNELPUNT_ZONDER_AANBOD';

/** The measures of a cell, in the order of `enum RadarMaat`. */
export type RadarMaat =
  | 'AANBOD'
  | 'ERKENDE_LEERWERKPLEKKEN'
  | 'VACATURES'
  | 'ZOEKENDE_LERENDEN'
  | 'GESTARTE_LERENDEN'
  | 'ACTIEVE_LEERWERKPLEKKEN'
  | 'PLAATSEN'
  /** Of a regio's total only: its aantalWitteVlekken. */
  | 'WITTE_VLEKKEN';

export interface Telling {
  readonly waarde: number | null;
  readonly onderdrukt: boolean;
}

/**
 * The counts of a cell that the signals read, as the radar receives them
 * through `@requires`. Each is null when its owner says it is not known, and
 * may be absent altogether when its owner could not answer: both mean unknown.
 */
export interface CelTellingen {
  readonly aantalAanbieders?: number | null;
  readonly aantalPlaatsen?: number | null;
  readonly aantalErkendeLeerwerkplekken?: number | null;
  readonly aantalVacatures?: number | null;
  readonly knelpunt?: boolean | null;
  /** A suppressed count (1 to 4) counts as not 0; a value null and not suppressed is not known. */
  readonly aantalZoekendeLerenden?: Telling | null;
  readonly aantalGestarteLerenden?: Telling | null;
  readonly aantalActieveLeerwerkplekken?: number | null;
}

function bekend<T>(waarde: T | null | undefined): waarde is T {
  return waarde !== null && waarde !== undefined;
}

function lerendenBekend(telling: Telling | null | undefined): telling is Telling {
  return bekend(telling) && (telling.onderdrukt || telling.waarde !== null);
}

/** The measures of the cell whose counts are not known, for whatever reason. */
export function onbekendVan(cel: CelTellingen): RadarMaat[] {
  const onbekend: RadarMaat[] = [];
  if (!bekend(cel.aantalAanbieders)) onbekend.push('AANBOD');
  if (!bekend(cel.aantalErkendeLeerwerkplekken)) onbekend.push('ERKENDE_LEERWERKPLEKKEN');
  if (!bekend(cel.aantalVacatures) || !bekend(cel.knelpunt)) onbekend.push('VACATURES');
  if (!lerendenBekend(cel.aantalZoekendeLerenden)) onbekend.push('ZOEKENDE_LERENDEN');
  if (!lerendenBekend(cel.aantalGestarteLerenden)) onbekend.push('GESTARTE_LERENDEN');
  if (!bekend(cel.aantalActieveLeerwerkplekken)) onbekend.push('ACTIEVE_LEERWERKPLEKKEN');
  if (!bekend(cel.aantalPlaatsen)) onbekend.push('PLAATSEN');
  return onbekend;
}

/**
 * The rules of CONTRACT.md ("Meanings the counts must follow exactly"), raised
 * only on measures that are known (part 2, "Validity, coverage and honest
 * counts"): an unknown count is never taken for 0.
 */
export function signalenVan(cel: CelTellingen): Signaal[] {
  const signalen: Signaal[] = [];
  const aanbieders = cel.aantalAanbieders;
  const plekken = cel.aantalErkendeLeerwerkplekken;
  const lerenden = cel.aantalZoekendeLerenden;
  if (bekend(aanbieders) && bekend(cel.aantalVacatures) && cel.aantalVacatures > 0 && aanbieders === 0)
    signalen.push('VRAAG_ZONDER_AANBOD');
  if (bekend(aanbieders) && bekend(plekken) && aanbieders > 0 && plekken === 0)
    signalen.push('AANBOD_ZONDER_LEERWERKPLEKKEN');
  if (
    lerendenBekend(lerenden) &&
    bekend(plekken) &&
    (lerenden.onderdrukt || (lerenden.waarde ?? 0) > 0) &&
    plekken === 0
  )
    signalen.push('LERENDEN_ZONDER_LEERWERKPLEK');
  if (cel.knelpunt === true && bekend(aanbieders) && aanbieders === 0)
    signalen.push('KNELPUNT_ZONDER_AANBOD');
  return signalen;
}
