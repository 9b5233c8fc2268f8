export type Signaal =
  | 'VRAAG_ZONDER_AANBOD'
  | 'AANBOD_ZONDER_LEERWERKPLEKKEN'
  | 'LERENDEN_ZONDER_LEERWERKPLEK'
  | 'KNELPUNT_ZONDER_AANBOD';

/**
 * The counts of a cell that the signals read. Each owning subgraph adds its own;
 * a count that no subgraph provides yet is absent and raises no signal, so that
 * adding one is its SDL in the owner and in this cell's `@requires`, nothing more.
 */
export interface CelTellingen {
  readonly aantalAanbieders: number;
  readonly aantalErkendeLeerwerkplekken: number;
  readonly aantalVacatures?: number | null;
  readonly knelpunt?: boolean | null;
  /** A suppressed count (1 to 4) counts as not 0. */
  readonly aantalZoekendeLerenden?: { readonly waarde: number | null; readonly onderdrukt: boolean } | null;
}

/** The rules of CONTRACT.md, "Meanings the counts must follow exactly". */
export function signalenVan(cel: CelTellingen): Signaal[] {
  const signalen: Signaal[] = [];
  if ((cel.aantalVacatures ?? 0) > 0 && cel.aantalAanbieders === 0) signalen.push('VRAAG_ZONDER_AANBOD');
  if (cel.aantalAanbieders > 0 && cel.aantalErkendeLeerwerkplekken === 0)
    signalen.push('AANBOD_ZONDER_LEERWERKPLEKKEN');
  const lerenden = cel.aantalZoekendeLerenden;
  if (
    lerenden &&
    (lerenden.onderdrukt || (lerenden.waarde ?? 0) > 0) &&
    cel.aantalErkendeLeerwerkplekken === 0
  ) {
    signalen.push('LERENDEN_ZONDER_LEERWERKPLEK');
  }
  if (cel.knelpunt === true && cel.aantalAanbieders === 0) signalen.push('KNELPUNT_ZONDER_AANBOD');
  return signalen;
}
