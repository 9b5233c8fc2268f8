import {
  getNullableType,
  isListType,
  Kind,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The cost vocabulary of Apollo's demand control (federation v2.9, `@link`
 * imports `@listSize` and `@cost`; composition carries both into the
 * supergraph), as far as the estimate uses it:
 *
 * - `@listSize(assumedSize: N)`: the list holds at most about N items.
 * - `@listSize(slicingArguments: ["first"])`: the list holds what the argument
 *   says (the largest of the named arguments that is given, else the argument's
 *   default, else `assumedSize`).
 * - `@listSize(slicingArguments: ["first"], sizedFields: ["edges"])`: a
 *   connection; the size applies to its `edges`, not to the connection itself.
 * - `@cost(weight: N)`: the field counts N each time it is resolved instead of 1.
 *
 * `requireOneSlicingArgument` is not enforced: a page without `first` is the
 * contract's page of 20, which the field documents as its `assumedSize`.
 */
export interface ListSize {
  readonly assumedSize?: number;
  readonly slicingArguments?: readonly string[];
  readonly sizedFields?: readonly string[];
}

export interface FieldCost {
  readonly weight?: number;
  readonly listSize?: ListSize;
}

/** What the schema says of the cost of its fields: by type name, then by field name. */
export type CostDirectives = ReadonlyMap<string, ReadonlyMap<string, FieldCost>>;

// A subgraph that does not import the directives uses them namespaced; the supergraph may too.
const LIST_SIZE = new Set(['listSize', 'federation__listSize', 'cost__listSize']);
const COST = new Set(['cost', 'federation__cost', 'cost__cost']);

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value ? valueFromASTUntyped(value) : undefined;
}

function count(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${where}: expected a whole number of at least 0, got ${JSON.stringify(value)}`);
  return value;
}

function names(value: unknown, where: string): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string'))
    throw new Error(`${where}: expected a list of names, got ${JSON.stringify(value)}`);
  return list;
}

function listSizeOf(directive: ConstDirectiveNode, where: string): ListSize {
  const assumedSize = count(argument(directive, 'assumedSize'), `${where} assumedSize`);
  const slicingArguments = names(argument(directive, 'slicingArguments'), `${where} slicingArguments`);
  const sizedFields = names(argument(directive, 'sizedFields'), `${where} sizedFields`);
  return {
    ...(assumedSize === undefined ? {} : { assumedSize }),
    ...(slicingArguments === undefined ? {} : { slicingArguments }),
    ...(sizedFields === undefined ? {} : { sizedFields }),
  };
}

/**
 * Reads `@listSize` and `@cost` from an SDL: a subgraph's own, or the composed
 * supergraph (the gateway's API schema drops applied directives, so the gateway
 * reads the supergraph's text). A directive with a wrong argument stops the
 * service at start, as composition would.
 */
export function readCostDirectives(document: DocumentNode): CostDirectives {
  const types = new Map<string, Map<string, FieldCost>>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const where = `@listSize/@cost on ${definition.name.value}.${field.name.value}`;
      let cost: FieldCost = {};
      for (const directive of field.directives ?? []) {
        if (LIST_SIZE.has(directive.name.value)) cost = { ...cost, listSize: listSizeOf(directive, where) };
        if (COST.has(directive.name.value)) {
          const weight = count(argument(directive, 'weight'), `${where} weight`);
          if (weight !== undefined) cost = { ...cost, weight };
        }
      }
      if (cost.listSize === undefined && cost.weight === undefined) continue;
      const fields = types.get(definition.name.value) ?? new Map<string, FieldCost>();
      fields.set(field.name.value, cost);
      types.set(definition.name.value, fields);
    }
  }
  return types;
}

/** Variable values as the request sent them, with the operation's defaults where it sent none. */
export function variablesWithDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return { ...values, ...variables };
}

/** A count as the cost uses it: at least one (a selection is read even for an empty page), never NaN. */
function items(value: unknown): number | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
  return Math.max(1, Math.ceil(value));
}

/** An argument's value in the operation: the literal or the variable as sent (not yet coerced). */
function argumentValue(
  field: FieldNode,
  name: string,
  variables: Readonly<Record<string, unknown>>,
): unknown {
  const value = field.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  return value.kind === Kind.VARIABLE ? variables[value.name.value] : valueFromASTUntyped(value, variables);
}

/** How a field multiplies the cost of what it selects. */
export interface FieldSize {
  /** How many times the field's selection is resolved for one parent. */
  readonly times: number;
  /** Sizes the field hands to fields of its own type (a connection's `first` to its `edges`). */
  readonly sizedFields: ReadonlyMap<string, number> | undefined;
}

/**
 * The size of a field for the cost: a list holds what its `@listSize` says, or
 * what its parent handed it through `sizedFields`, or the assumed size; an
 * `_entities` fetch holds the representations it was sent; anything else is one.
 */
export function fieldSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  cost: FieldCost | undefined,
  variables: Readonly<Record<string, unknown>>,
  handed: number | undefined,
  assumed: number,
): FieldSize {
  const listSize = cost?.listSize;
  let sliced: number | undefined;
  for (const name of listSize?.slicingArguments ?? []) {
    const given =
      items(argumentValue(field, name, variables)) ??
      items(definition.args.find((a) => a.name === name)?.defaultValue);
    if (given !== undefined) sliced = Math.max(sliced ?? 0, given);
  }
  const documented = sliced ?? items(listSize?.assumedSize);
  const isList = isListType(getNullableType(definition.type));
  const sizedFields = listSize?.sizedFields?.length
    ? new Map(listSize.sizedFields.map((name) => [name, documented ?? assumed]))
    : undefined;
  if (!isList) return { times: 1, sizedFields };
  if (handed !== undefined) return { times: handed, sizedFields };
  if (sizedFields === undefined && documented !== undefined) return { times: documented, sizedFields };
  if (definition.name === '_entities' && !listSize) {
    // The router's own fetch: as many entities as representations, which the request itself carries.
    const representations = argumentValue(field, 'representations', variables);
    return { times: Array.isArray(representations) ? Math.max(1, representations.length) : 1, sizedFields };
  }
  return { times: assumed, sizedFields };
}
