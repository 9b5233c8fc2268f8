import {
  getNullableType,
  isListType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
} from 'graphql';

/** The contract's page size where `first` is not given. */
export const STANDAARD_EERSTE = 20;

/**
 * How a field multiplies the cost of what it selects: a list of `first` items,
 * or a connection whose `edges` (or `nodes`) will hold `first` items. The cost
 * of an operation is the number of fields it is expected to resolve: every
 * field counts once for every time its parent is resolved, so nested lists
 * multiply (a hundred companies with ten erkenningen with ten aanbod rows each
 * resolve the aanbod fields ten thousand times).
 */
export interface Lijstmaat {
  /** How many times the field's selection is resolved for one parent. */
  readonly keer: number;
  /** The page size a connection hands to its `edges`/`nodes`. */
  readonly pagina: number | undefined;
}

/** Variable values as the request sent them, with the operation's defaults where it sent none. */
export function variabelenMetStandaard(
  operatie: OperationDefinitionNode,
  variabelen: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const waarden: Record<string, unknown> = {};
  for (const definitie of operatie.variableDefinitions ?? []) {
    if (definitie.defaultValue)
      waarden[definitie.variable.name.value] = valueFromASTUntyped(definitie.defaultValue);
  }
  return { ...waarden, ...variabelen };
}

/** A count as the cost uses it: at least one (a selection is read even for an empty page), never NaN. */
function aantal(waarde: unknown): number | undefined {
  if (typeof waarde !== 'number' || Number.isNaN(waarde)) return undefined;
  return Math.max(1, Math.ceil(waarde));
}

/** The `first` a field gets: the literal, the variable, the argument's schema default, or the contract's 20. */
function eerste(
  veld: FieldNode,
  definitie: GraphQLField<unknown, unknown>,
  variabelen: Readonly<Record<string, unknown>>,
): number | undefined {
  const argument = definitie.args.find((a) => a.name === 'first');
  if (!argument) return undefined;
  const waarde = veld.arguments?.find((a) => a.name.value === 'first')?.value;
  const gegeven =
    waarde?.kind === Kind.VARIABLE
      ? variabelen[waarde.name.value]
      : waarde
        ? valueFromASTUntyped(waarde, variabelen)
        : undefined;
  return aantal(gegeven) ?? aantal(argument.defaultValue) ?? STANDAARD_EERSTE;
}

export function lijstmaat(
  veld: FieldNode,
  definitie: GraphQLField<unknown, unknown>,
  variabelen: Readonly<Record<string, unknown>>,
  paginaVanOuder: number | undefined,
  aangenomen: number,
): Lijstmaat {
  const pagina = eerste(veld, definitie, variabelen);
  if (!isListType(getNullableType(definitie.type))) return { keer: 1, pagina };
  if (pagina !== undefined) return { keer: pagina, pagina: undefined };
  const naam = definitie.name;
  const vanConnectie = (naam === 'edges' || naam === 'nodes') && paginaVanOuder !== undefined;
  return { keer: vanConnectie ? paginaVanOuder : aangenomen, pagina: undefined };
}
