import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldSize, variablesWithDefaults, type CostDirectives } from './list-sizes.ts';
import type { LimitName, OperationLimits } from './settings.ts';

/** What one operation measures, fragments expanded. */
export interface Measurement {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  cost: number;
}

export interface Excess {
  readonly grens: LimitName;
  readonly waarde: number;
  readonly maximum: number;
}

/** The contract's name (`extensions.grens`) of each measured limit. */
const LIMIT_NAME: Record<keyof Measurement, LimitName> = {
  depth: 'diepte',
  aliases: 'aliassen',
  rootFields: 'wortelvelden',
  directives: 'directieven',
  cost: 'kosten',
};

class Exceeded extends Error {
  constructor(readonly excess: Excess) {
    super(excess.grens);
  }
}

function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** What a selection set measures for one resolution of its parent, depth relative to it. */
type Unit = Measurement;

const zero = (): Unit => ({ depth: 0, aliases: 0, rootFields: 0, directives: 0, cost: 0 });

/**
 * Measures an operation with every fragment spread expanded where it is used
 * (a fragment spread twice counts twice: that is what the answer holds). Every
 * field counts its `@cost` weight (at least 1) for every time its parent is
 * resolved; a list multiplies what it selects by its size (list-sizes.ts);
 * aliases, root fields and directives count once per use. A selection set is
 * measured once per fragment and context and then multiplied, so the work is
 * that of the document's text, however far its fragments would expand: a
 * fragment bomb costs what its text costs. All counts only grow, so the walk
 * stops at the first limit a part of the operation passes; `waarde` is then
 * what was counted so far, a lower bound. Runs on a validated document (no
 * fragment cycles).
 */
export function measureOperation(
  schema: GraphQLSchema,
  costs: CostDirectives,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  requestVariables: Readonly<Record<string, unknown>> | undefined,
  limits: OperationLimits,
  /** Told the name of every variable the measurement reads (measurement-cache.ts). */
  onRead?: (name: string) => void,
): { measurement: Measurement; excess: null } | { measurement: null; excess: Excess } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const values = variablesWithDefaults(operation, requestVariables);
  const variables = onRead
    ? new Proxy(values, {
        get: (doel, naam, ontvanger) => {
          if (typeof naam === 'string') onRead(naam);
          return Reflect.get(doel, naam, ontvanger) as unknown;
        },
      })
    : values;
  const measured = new Map<string, Unit>();

  const check = (unit: Unit): Unit => {
    for (const limit of Object.keys(unit) as (keyof Measurement)[])
      if (unit[limit] > limits[limit])
        throw new Exceeded({ grens: LIMIT_NAME[limit], waarde: unit[limit], maximum: limits[limit] });
    return unit;
  };

  /** Adds what a part measures, resolved `times` over, `below` levels deeper. */
  const add = (unit: Unit, part: Unit, times: number, below: number): void => {
    unit.cost += times * part.cost;
    unit.aliases += part.aliases;
    unit.rootFields += part.rootFields;
    unit.directives += part.directives;
    unit.depth = Math.max(unit.depth, below + part.depth);
    check(unit);
  };

  const measureSelections = (
    selections: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    sized: ReadonlyMap<string, number> | undefined,
    root: boolean,
    introspection: boolean,
  ): Unit => {
    const unit = zero();
    for (const selection of selections.selections) {
      unit.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(
          unit,
          measureSelections(selection.selectionSet, type ?? undefined, sized, root, introspection),
          1,
          0,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) add(unit, measureFragment(fragment, sized, root, introspection), 1, 0);
        else check(unit);
        continue;
      }
      const name = selection.name.value;
      const definition = fieldDefinition(schema, parent, name);
      const cost = parent ? costs.get(parent.name)?.get(name) : undefined;
      const field = zero();
      if (root) field.rootFields = 1;
      if (selection.alias) field.aliases = 1;
      field.cost = Math.max(1, cost?.weight ?? 1);
      // The schema's own description is answered by the gateway and bounded by the cost; tools ask it 15 deep.
      field.depth = introspection ? 0 : 1;
      add(unit, field, 1, 0);
      if (!selection.selectionSet || !definition) continue;
      const size = fieldSize(
        selection,
        definition,
        cost,
        variables,
        sized?.get(name),
        limits.assumedListSize,
      );
      const below = measureSelections(
        selection.selectionSet,
        getNamedType(definition.type),
        size.sizedFields,
        false,
        introspection || name === '__schema' || name === '__type',
      );
      add(unit, below, size.times, field.depth);
    }
    return check(unit);
  };

  const measureFragment = (
    fragment: FragmentDefinitionNode,
    sized: ReadonlyMap<string, number> | undefined,
    root: boolean,
    introspection: boolean,
  ): Unit => {
    const key = `${fragment.name.value}|${String(root)}|${String(introspection)}|${JSON.stringify([...(sized ?? [])])}`;
    let unit = measured.get(key);
    if (!unit) {
      const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
      unit = measureSelections(fragment.selectionSet, type, sized, root, introspection);
      unit.directives += fragment.directives?.length ?? 0;
      measured.set(key, check(unit));
    }
    return unit;
  };

  try {
    const unit = zero();
    unit.directives = operation.directives?.length ?? 0;
    const root = schema.getRootType(operation.operation) ?? undefined;
    add(unit, measureSelections(operation.selectionSet, root, undefined, true, false), 1, 0);
    return { measurement: unit, excess: null };
  } catch (error) {
    if (error instanceof Exceeded) return { measurement: null, excess: error.excess };
    throw error;
  }
}
