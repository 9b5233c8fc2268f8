/**
 * Validity of erkenningen, the current school year and the age of vacatures are
 * all judged on one reference date: today, or DUAAL_REFERENTIEDATUM when set,
 * so that tests and demonstrations are repeatable.
 */

const ISO_DATUM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDatum(waarde: string): boolean {
  const delen = ISO_DATUM.exec(waarde);
  if (!delen) return false;
  const datum = new Date(`${waarde}T00:00:00Z`);
  return !Number.isNaN(datum.getTime()) && datum.toISOString().slice(0, 10) === waarde;
}

/**
 * The reference date from the environment value, or today (UTC) when it is unset.
 * A value that is set but no date is a configuration error, not a silent fallback.
 */
export function referentiedatum(omgevingswaarde: string | undefined, nu: Date = new Date()): string {
  if (omgevingswaarde === undefined || omgevingswaarde.trim() === '') return nu.toISOString().slice(0, 10);
  const waarde = omgevingswaarde.trim();
  if (!isIsoDatum(waarde)) {
    throw new Error(`DUAAL_REFERENTIEDATUM must be a date written YYYY-MM-DD, got "${waarde}"`);
  }
  return waarde;
}

/** The school year (September to August) that contains the date, e.g. `2026-2027`. */
export function schooljaarVan(isoDatum: string): string {
  const jaar = Number(isoDatum.slice(0, 4));
  const maand = Number(isoDatum.slice(5, 7));
  const start = maand >= 9 ? jaar : jaar - 1;
  return `${start}-${start + 1}`;
}

/** The school year after the given one. */
export function volgendSchooljaar(schooljaar: string): string {
  const start = Number(schooljaar.slice(0, 4)) + 1;
  return `${start}-${start + 1}`;
}

/** Adds whole days to an ISO date. Calendar arithmetic in UTC, without parsing a date string (a hot path in data generation). */
export function plusDagen(isoDatum: string, dagen: number): string {
  const datum = new Date(
    Date.UTC(
      Number(isoDatum.slice(0, 4)),
      Number(isoDatum.slice(5, 7)) - 1,
      Number(isoDatum.slice(8, 10)) + dagen,
    ),
  );
  const maand = datum.getUTCMonth() + 1;
  const dag = datum.getUTCDate();
  return `${datum.getUTCFullYear()}-${maand < 10 ? '0' : ''}${maand}-${dag < 10 ? '0' : ''}${dag}`;
}

/** Whole days from one ISO date to another (negative when `tot` lies before `van`); calendar days in UTC, so no daylight-saving hour skews it. */
export function dagenTussen(van: string, tot: string): number {
  const dag = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((dag(tot) - dag(van)) / 86_400_000);
}
