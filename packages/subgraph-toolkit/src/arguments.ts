import {
  normaliseerNisCode,
  normaliseerOndernemingsnummer,
  normaliseerVestigingsnummer,
} from '@duaal-graph/domein';
import { VLAANDEREN } from '@duaal-graph/domein';
import { badUserInput } from './errors.ts';

/**
 * Checks of the identifier arguments callers pass, shared by every subgraph: the
 * usual notations are accepted and made canonical; a wrong one is BAD_USER_INPUT
 * naming the argument, never an empty answer.
 */

export function controleerOndernemingsnummer(waarde: string, argument = 'ondernemingsnummer'): string {
  const nummer = normaliseerOndernemingsnummer(waarde);
  if (!nummer) throw badUserInput(argument, `geen geldig ondernemingsnummer (KBO, mod 97): ${waarde}`);
  return nummer;
}

export function controleerVestigingsnummer(waarde: string, argument = 'vestigingsnummer'): string {
  const nummer = normaliseerVestigingsnummer(waarde);
  if (!nummer) throw badUserInput(argument, `geen geldig vestigingsnummer (mod 97): ${waarde}`);
  return nummer;
}

/** A NIS code of a municipality the graph knows. */
export function controleerNis(waarde: string, argument = 'nisCode'): string {
  const nis = normaliseerNisCode(waarde);
  if (!nis || !VLAANDEREN.gemeente(nis))
    throw badUserInput(argument, `geen NIS-code van een Vlaamse gemeente: ${waarde}`);
  return nis;
}

/** A region code the graph knows, in any case. */
export function controleerRegio(waarde: string, argument = 'regioCode'): string {
  const code = waarde.trim().toUpperCase();
  if (!VLAANDEREN.regio(code)) throw badUserInput(argument, `onbekende regio: ${waarde}`);
  return code;
}

/** Opleidingscodes are upper case in the register; this only normalises (a lookup by key answers null for an unknown one). */
export function opleidingscode(waarde: string): string {
  return waarde.trim().toUpperCase();
}

/**
 * An opleidingscode in a filter or an argument that narrows a list: one the
 * register does not hold is BAD_USER_INPUT naming the argument, never an empty
 * answer (a silent zero). `bekend` is undefined while the register was never
 * read: then no code can be judged, and the source's state says why the answer is empty.
 */
export function controleerOpleidingscode(
  waarde: string,
  bekend: { has(code: string): boolean } | undefined,
  argument = 'opleidingscode',
): string {
  const code = opleidingscode(waarde);
  if (bekend !== undefined && !bekend.has(code))
    throw badUserInput(argument, `geen opleiding van het Onderwijsaanbod-register: ${waarde}`);
  return code;
}
