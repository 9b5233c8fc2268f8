import { normaliseerNisCode, normaliseerOndernemingsnummer, VLAANDEREN } from '@duaal-graph/domein';
import { ongeldigeInvoer } from '@duaal-graph/domein/subgraaf';

/** Checks of the arguments callers pass: a wrong identifier is BAD_USER_INPUT naming the argument, never an empty answer. */

const gebied = VLAANDEREN;

export function controleerId(waarde: string, argument = 'id'): string {
  const id = waarde.trim();
  if (!/^\d{1,15}$/.test(id)) throw ongeldigeInvoer(argument, `een vdabReferentie is een getal: ${waarde}`);
  return String(Number(id));
}

export function controleerOndernemingsnummer(waarde: string, argument: string): string {
  const nummer = normaliseerOndernemingsnummer(waarde);
  if (!nummer) throw ongeldigeInvoer(argument, `geen geldig ondernemingsnummer (KBO, mod 97): ${waarde}`);
  return nummer;
}

export function controleerNis(waarde: string): string {
  const nis = normaliseerNisCode(waarde);
  if (!nis || !gebied.gemeente(nis))
    throw ongeldigeInvoer('nisCode', `geen NIS-code van een Vlaamse gemeente: ${waarde}`);
  return nis;
}

export function controleerRegio(waarde: string): string {
  const code = waarde.trim().toUpperCase();
  if (!gebied.regio(code)) throw ongeldigeInvoer('regioCode', `onbekende regio: ${waarde}`);
  return code;
}

/** Opleidingscodes are upper case in the register; an unknown code is no error, it has no vacatures. */
export function opleidingscode(waarde: string): string {
  return waarde.trim().toUpperCase();
}
