import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { CostDirectives } from './list-sizes.ts';
import { variablesWithDefaults } from './list-sizes.ts';
import { measureOperation, type Excess } from './measure.ts';
import type { OperationLimits } from './settings.ts';

/** What one operation measured, per the values of the variables each measurement read. */
interface Kept {
  /** The sets of variables measurements of this operation read (one, as a rule). */
  readonly readSets: Map<string, readonly string[]>;
  readonly results: Map<string, Excess | null>;
}

/** Results kept per operation at most: past it, requests are measured as they come. */
const PER_OPERATION = 64;
/** Longer keys (an `_entities` fetch's representations, say) are not kept: they seldom come again. */
const MAX_KEY = 1_024;

function keyOf(readSet: string, names: readonly string[], values: Readonly<Record<string, unknown>>): string {
  // A variable not sent and one sent as null read alike (neither is a size), so both may key as null.
  return `${readSet}\u0000${JSON.stringify(names.map((n) => values[n] ?? null))}`;
}

/**
 * The operation limits' measurement, made once per operation (of a parsed document, which Apollo keeps
 * per query text), schema and cost directives, and per the values of the variables it read: a size
 * (`first: $n`) changes the measure, a company number does not. The walk reads the same variables for
 * the same values of what it read before, so a kept result holds for every request that agrees on those.
 */
export class MeasurementCache {
  private readonly kept = new WeakMap<
    GraphQLSchema,
    WeakMap<CostDirectives, WeakMap<OperationDefinitionNode, Kept>>
  >();
  /** Walks made (not answered from what was kept). */
  measurements = 0;

  constructor(private readonly limits: OperationLimits) {}

  excess(
    schema: GraphQLSchema,
    costs: CostDirectives,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    requestVariables: Readonly<Record<string, unknown>> | undefined,
  ): Excess | null {
    let perCosts = this.kept.get(schema);
    if (!perCosts) this.kept.set(schema, (perCosts = new WeakMap()));
    let perOperation = perCosts.get(costs);
    if (!perOperation) perCosts.set(costs, (perOperation = new WeakMap()));
    let kept = perOperation.get(operation);
    if (!kept) perOperation.set(operation, (kept = { readSets: new Map(), results: new Map() }));
    const values = variablesWithDefaults(operation, requestVariables);
    for (const [readSet, names] of kept.readSets) {
      const result = kept.results.get(keyOf(readSet, names, values));
      if (result !== undefined) return result;
    }
    const read = new Set<string>();
    this.measurements += 1;
    const { excess } = measureOperation(schema, costs, document, operation, values, this.limits, (naam) =>
      read.add(naam),
    );
    const names = [...read].sort();
    const readSet = names.join(',');
    const key = keyOf(readSet, names, values);
    if (kept.results.size < PER_OPERATION && key.length <= MAX_KEY) {
      kept.readSets.set(readSet, names);
      kept.results.set(key, excess);
    }
    return excess;
  }
}
