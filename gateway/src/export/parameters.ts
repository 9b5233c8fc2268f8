import { isIsoDatum } from '@duaal-graph/domein';
import { requestError } from '@duaal-graph/subgraph-toolkit';
import { Kind, type GraphQLError, type OperationDefinitionNode, type TypeNode } from 'graphql';

/** The variables of an export's operation, read from the URL, or the error to answer with. */
export type ParsedParameters =
  | { readonly ok: true; readonly variables: Record<string, unknown> }
  | { readonly ok: false; readonly error: GraphQLError };

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

const isList = (type: TypeNode): boolean =>
  type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));

function fout(bericht: string, argument: string): ParsedParameters {
  return { ok: false, error: requestError('BAD_USER_INPUT', bericht, { argument }) };
}

/**
 * A URL parameter as the scalar its variable expects. Only the built-in
 * scalars need converting, and a Date checking: an enum, an ID or a String is
 * sent as text, and the graph checks it as it checks any variable, with its own error.
 */
function scalar(type: string, tekst: string): { ok: true; waarde: unknown } | { ok: false } {
  switch (type) {
    case 'Int':
      return /^-?\d{1,9}$/.test(tekst) ? { ok: true, waarde: Number(tekst) } : { ok: false };
    case 'Float':
      // A decimal comma is what a Flemish spreadsheet user types.
      return /^-?\d+([.,]\d+)?$/.test(tekst)
        ? { ok: true, waarde: Number(tekst.replace(',', '.')) }
        : { ok: false };
    case 'Boolean':
      return tekst === 'true' || tekst === 'false' ? { ok: true, waarde: tekst === 'true' } : { ok: false };
    // Checked here, as the graph's own scalar does: the gateway passes a custom scalar on unread.
    case 'Date':
      return isIsoDatum(tekst) ? { ok: true, waarde: tekst } : { ok: false };
    default:
      return { ok: true, waarde: tekst };
  }
}

/**
 * Reads an export's URL parameters as the variables of its operation: each
 * parameter is one variable of the same name (the operation spreads its input
 * objects into flat variables, so `?signaal=…` fills `filter.signaal`). A
 * parameter the operation does not know, given twice, not of its type, or
 * required and missing is BAD_USER_INPUT naming it: in Dutch, for the
 * spreadsheet user who typed the URL, not the graph's "Variable $provincie of
 * required type Provincie! was not provided".
 */
export function parseParameters(
  operatie: OperationDefinitionNode,
  parameters: URLSearchParams,
  /** Variables of the operation that the export sets itself, not the caller (a paged export's `first` and `after`). */
  eigen: ReadonlySet<string> = new Set(),
): ParsedParameters {
  const definities = new Map(
    (operatie.variableDefinitions ?? [])
      .filter((d) => !eigen.has(d.variable.name.value))
      .map((d) => [d.variable.name.value, d.type] as const),
  );
  const variables: Record<string, unknown> = {};
  for (const naam of new Set(parameters.keys())) {
    const type = definities.get(naam);
    if (type === undefined)
      return fout(
        `Onbekende parameter '${naam}': deze export kent ${[...definities.keys()].join(', ')}.`,
        naam,
      );
    const waarden = parameters.getAll(naam);
    if (!isList(type) && waarden.length > 1)
      return fout(`De parameter '${naam}' staat er meer dan eens.`, naam);
    const gelezen = waarden.map((tekst) => scalar(namedType(type), tekst));
    const slecht = gelezen.findIndex((g) => !g.ok);
    if (slecht >= 0)
      return fout(
        `De parameter '${naam}' is geen geldige ${namedType(type)}${namedType(type) === 'Date' ? ' (YYYY-MM-DD)' : ''}: '${waarden[slecht] ?? ''}'.`,
        naam,
      );
    const ok = gelezen.map((g) => (g.ok ? g.waarde : null));
    variables[naam] = isList(type) ? ok : ok[0];
  }
  const ontbreekt = (operatie.variableDefinitions ?? []).find(
    (d) =>
      d.type.kind === Kind.NON_NULL_TYPE &&
      d.defaultValue === undefined &&
      !eigen.has(d.variable.name.value) &&
      !(d.variable.name.value in variables),
  );
  if (ontbreekt) {
    const naam = ontbreekt.variable.name.value;
    return fout(`De parameter '${naam}' is verplicht voor deze export.`, naam);
  }
  return { ok: true, variables };
}
