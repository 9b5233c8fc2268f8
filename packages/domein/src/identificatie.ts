/**
 * Belgian identifiers of the duaal leren sources: their checks, their canonical
 * notation, and the usual notations callers and partners use for them.
 */

/** The mod-97 rule shared by KBO and vestigingsnummers: first 8 digits plus the last 2 is a multiple of 97. */
export function heeftGeldigeMod97(tienCijfers: string): boolean {
  if (!/^\d{10}$/.test(tienCijfers)) return false;
  const stam = Number(tienCijfers.slice(0, 8));
  const controle = Number(tienCijfers.slice(8));
  return (stam + controle) % 97 === 0;
}

/** The two check digits that make an 8-digit stem a valid 10-digit number. */
export function controlecijfers(stam8: number): string {
  return String(97 - (stam8 % 97)).padStart(2, '0');
}

/** Builds a valid 10-digit number from an 8-digit stem (leading digits included). */
export function metControlecijfers(stam8: number): string {
  return String(stam8).padStart(8, '0') + controlecijfers(stam8);
}

function alleenCijfers(invoer: string): string {
  return invoer.replace(/^\s*BE/i, '').replace(/[\s.\-/]/g, '');
}

/** Ten digits of an ondernemingsnummer from any usual notation, or null when it is no ondernemingsnummer. */
export function ondernemingsnummerCijfers(invoer: string): string | null {
  let cijfers = alleenCijfers(invoer);
  if (/^\d{9}$/.test(cijfers)) cijfers = '0' + cijfers; // the leading zero lost in spreadsheets
  if (!/^[01]\d{9}$/.test(cijfers)) return null;
  return heeftGeldigeMod97(cijfers) ? cijfers : null;
}

/** Canonical `0403.170.701`, or null when the input fails the format or the check. */
export function normaliseerOndernemingsnummer(invoer: string): string | null {
  const cijfers = ondernemingsnummerCijfers(invoer);
  return cijfers === null ? null : `${cijfers.slice(0, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

/** Ten digits of a vestigingsnummer from any usual notation, or null when it is no vestigingsnummer. */
export function vestigingsnummerCijfers(invoer: string): string | null {
  const cijfers = alleenCijfers(invoer);
  if (!/^[2-8]\d{9}$/.test(cijfers)) return null;
  return heeftGeldigeMod97(cijfers) ? cijfers : null;
}

/** Canonical `2.145.678.996`, or null when the input fails the format or the check. */
export function normaliseerVestigingsnummer(invoer: string): string | null {
  const cijfers = vestigingsnummerCijfers(invoer);
  return cijfers === null
    ? null
    : `${cijfers.slice(0, 1)}.${cijfers.slice(1, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

/** Writes ten digits in the dotted notation of an ondernemingsnummer, without checking them. */
export function kboMetPunten(cijfers: string): string {
  return `${cijfers.slice(0, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

/** Writes ten digits in the dotted notation of a vestigingsnummer, without checking them. */
export function vestigingMetPunten(cijfers: string): string {
  return `${cijfers.slice(0, 1)}.${cijfers.slice(1, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}

/** An instellingsnummer is six digits; returns it, or null. */
export function normaliseerInstellingsnummer(invoer: string): string | null {
  const cijfers = invoer.trim();
  return /^\d{6}$/.test(cijfers) ? cijfers : null;
}

/** A NIS code is five digits whose first digit names the province. */
export function normaliseerNisCode(invoer: string): string | null {
  const cijfers = invoer.trim();
  return /^[1-9]\d{4}$/.test(cijfers) ? cijfers : null;
}
