import { Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/** What the gateway asked a subgraph: the operation text and its variables. */
export interface SubgraphRequest {
  readonly query?: string | undefined;
  readonly variables?: Record<string, unknown> | undefined;
}

function responseNames(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [(s.alias ?? s.name).value] : []));
}

/** The fields an `_entities` operation selects, per type; null when the operation is not one. */
function entityFields(query: string): Map<string, string[]> | null {
  let document;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections[0];
  if (operation?.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD) return null;
  if (root.name.value !== '_entities' || !root.selectionSet) return null;
  const perType = new Map<string, string[]>();
  const common = responseNames(root.selectionSet);
  for (const s of root.selectionSet.selections) {
    if (s.kind !== Kind.INLINE_FRAGMENT || !s.typeCondition) continue;
    const type = s.typeCondition.name.value;
    perType.set(type, [...(perType.get(type) ?? common), ...responseNames(s.selectionSet)]);
  }
  return perType;
}

/**
 * The answer to an `_entities` fetch that a subgraph could not give: every entity
 * with every field asked of it null, and the error. Left unanswered, the fields
 * would be missing, and @apollo/gateway builds no representation for a
 * `@requires` whose fields are missing: the radar's `witteVlek`, `signalen` and
 * `onbekend` would never be asked and the whole cell would be null. With the
 * fields null, the radar learns that those counts are not known, and the cell
 * stands with the counts it has. Null for another operation: its root fields
 * are simply null.
 */
export function unansweredEntities(
  request: SubgraphRequest,
  error: GraphQLFormattedError,
): { data: { _entities: Record<string, unknown>[] }; errors: GraphQLFormattedError[] } | null {
  const representations = request.variables?.['representations'];
  if (!request.query || !Array.isArray(representations)) return null;
  const fields = entityFields(request.query);
  if (!fields) return null;
  const entities = representations.map((representation: unknown) => {
    const known = (
      typeof representation === 'object' && representation !== null ? representation : {}
    ) as Record<string, unknown>;
    const type = typeof known['__typename'] === 'string' ? known['__typename'] : '';
    const entity: Record<string, unknown> = {};
    for (const name of fields.get(type) ?? []) entity[name] = name in known ? known[name] : null;
    if (type) entity['__typename'] = type;
    return entity;
  });
  return { data: { _entities: entities }, errors: [error] };
}
