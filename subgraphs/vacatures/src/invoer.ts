import { badUserInput } from '@duaal-graph/subgraph-toolkit';

/** Checks of the arguments callers pass: a wrong identifier is BAD_USER_INPUT naming the argument, never an empty answer. */

export function controleerId(waarde: string, argument = 'id'): string {
  const id = waarde.trim();
  if (!/^\d{1,15}$/.test(id)) throw badUserInput(argument, `een vdabReferentie is een getal: ${waarde}`);
  return String(Number(id));
}

export {
  controleerNis,
  controleerOndernemingsnummer,
  controleerOpleidingscode,
  controleerRegio,
} from '@duaal-graph/subgraph-toolkit';
