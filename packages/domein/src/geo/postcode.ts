/**
 * A Belgian postcode in the notations people type (`8310`, ` 8310 `,
 * `B-8310`, `BE-8310`, `BE 8310`) as its four digits; null when it is no
 * Belgian postcode at all (malformed). Whether it exists is another question:
 * `Gebied.gemeenteVoorPostcode` answers that.
 */
export function normaliseerPostcode(tekst: string): string | null {
  const m = /^(?:BE?[-\s]?)?([1-9]\d{3})$/i.exec(tekst.trim());
  return m?.[1] ?? null;
}
