import {
  getDirectiveValues,
  GraphQLID,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { graphError } from './error-codes.ts';

/** What a subgraph's SDL says an entity representation must hold. */
interface EntityRule {
  /** The resolvable `@key` field sets: a representation holds at least one of them completely. */
  readonly keys: readonly SelectionSetNode[];
  /** Per field, its `@requires` field set: a representation for a query of that field holds it. */
  readonly requires: ReadonlyMap<string, SelectionSetNode>;
}

function fieldSet(fields: string): SelectionSetNode {
  return (parse(`{${fields}}`, { noLocation: true }).definitions[0] as OperationDefinitionNode).selectionSet;
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const node = directive.arguments?.find((a) => a.name.value === name);
  return node ? valueFromASTUntyped(node.value) : undefined;
}

const isFederation = (name: string, directive: string) =>
  name === directive || name === `federation__${directive}`;

/** The entity rules of a subgraph, from its SDL (type definitions and extensions alike). */
export function entityRules(typeDefs: DocumentNode): Map<string, EntityRule> {
  const rules = new Map<string, { keys: SelectionSetNode[]; requires: Map<string, SelectionSetNode> }>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const rule = rules.get(definition.name.value) ?? {
      keys: [],
      requires: new Map<string, SelectionSetNode>(),
    };
    for (const d of definition.directives ?? []) {
      if (!isFederation(d.name.value, 'key') || argument(d, 'resolvable') === false) continue;
      const fields = argument(d, 'fields');
      if (typeof fields === 'string') rule.keys.push(fieldSet(fields));
    }
    for (const field of definition.fields ?? []) {
      const requires = field.directives?.find((d) => isFederation(d.name.value, 'requires'));
      const fields = requires ? argument(requires, 'fields') : undefined;
      if (typeof fields === 'string') rule.requires.set(field.name.value, fieldSet(fields));
    }
    rules.set(definition.name.value, rule);
  }
  return new Map([...rules].filter(([, rule]) => rule.keys.length > 0));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why a value does not fit a type of the schema, as the rest of the message
 * after the representation's name (`.naam mag niet null zijn`), or null when it
 * fits; every property it carries is checked.
 */
type Check = (value: unknown) => string | null;

/**
 * One check per type, built once per schema type: the `_entities` call of a
 * gemeente-scale radar brings 18,000 representations, and walking the type's
 * wrappers and fields anew for each one was a tenth of the call.
 */
const checks = new WeakMap<GraphQLOutputType, Check>();

function checkFor(type: GraphQLOutputType): Check {
  let check = checks.get(type);
  if (!check) {
    check = compile(type);
    checks.set(type, check);
  }
  return check;
}

function compile(type: GraphQLOutputType): Check {
  if (isNonNullType(type)) {
    const inner = checkFor(type.ofType);
    return (value) => (value === null ? ' mag niet null zijn' : inner(value));
  }
  if (isListType(type)) {
    const inner = checkFor(type.ofType);
    return (value) => {
      if (value === null) return null;
      if (!Array.isArray(value)) return ' moet een lijst zijn';
      for (const [i, item] of (value as unknown[]).entries()) {
        const problem = inner(item);
        if (problem) return `[${String(i)}]${problem}`;
      }
      return null;
    };
  }
  // A router sends an ID as it serialises one, a string; a number would reach the resolver as a number.
  if (type === GraphQLID)
    return (value) => (value === null || typeof value === 'string' ? null : ' is geen ID');
  if (isScalarType(type) || isEnumType(type)) {
    const fout = ` is geen ${type.name}`;
    return (value) => {
      if (value === null) return null;
      try {
        return type.parseValue(value) === undefined ? fout : null;
      } catch {
        return fout;
      }
    };
  }
  if (!isObjectType(type) && !isInterfaceType(type))
    return (value) => (value === null ? null : ' kan niet in een representatie staan');
  // Built at the first value: a type may hold a field of its own type.
  let velden: ReadonlyMap<string, Check> | undefined;
  return (value) => {
    if (value === null) return null;
    if (!isRecord(value)) return ' moet een object zijn';
    velden ??= new Map(Object.entries(type.getFields()).map(([naam, veld]) => [naam, checkFor(veld.type)]));
    for (const naam of Object.keys(value)) {
      const veld = value[naam];
      if (naam === '__typename') {
        if (typeof veld !== 'string') return '.__typename moet een tekst zijn';
        continue;
      }
      const check = velden.get(naam);
      if (!check) return `.${naam} is geen veld van ${type.name}`;
      const problem = check(veld);
      if (problem) return `.${naam}${problem}`;
    }
    return null;
  };
}

/** The first field of a field set that a (type-checked) value lacks, or null when it holds them all. */
function missing(value: unknown, selectionSet: SelectionSetNode, path: string): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = missing(item, selectionSet, path);
      if (problem) return problem;
    }
    return null;
  }
  if (!isRecord(value)) return null;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    if (!(name in value) || value[name] === undefined) return `${path}.${name} ontbreekt`;
    if (selection.selectionSet) {
      const problem = missing(value[name], selection.selectionSet, `${path}.${name}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** The fields this `_entities` call selects per type, as the query asks them (skipped fields left out). */
function selectedFields(info: GraphQLResolveInfo): Map<string, Set<string>> {
  const perType = new Map<string, Set<string>>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
  const walk = (selectionSet: SelectionSetNode, type: string | null, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (type) perType.set(type, (perType.get(type) ?? new Set()).add(selection.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? type, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = info.fragments[selection.name.value];
        if (fragment)
          walk(
            fragment.selectionSet,
            fragment.typeCondition.name.value,
            new Set(seen).add(selection.name.value),
          );
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet, null, new Set());
  return perType;
}

function problemWith(
  representation: unknown,
  schema: GraphQLSchema,
  rules: ReadonlyMap<string, EntityRule>,
  selected: ReadonlyMap<string, ReadonlySet<string>>,
): string | null {
  if (!isRecord(representation)) return 'een representatie is een object met __typename en de sleutelvelden';
  const typename = representation['__typename'];
  if (typeof typename !== 'string') return '__typename ontbreekt';
  const rule = rules.get(typename);
  const type = schema.getType(typename);
  if (!rule || !isObjectType(type))
    return `${typename.slice(0, 100)} is geen entiteit die deze dienst oplost`;
  const problem = checkFor(type)(representation);
  if (problem) return `${typename}${problem}`;
  const keyProblems = rule.keys.map((key) => missing(representation, key, typename));
  if (!keyProblems.includes(null)) return keyProblems[0] ?? 'geen sleutel';
  for (const field of selected.get(typename) ?? []) {
    const requires = rule.requires.get(field);
    const lacking = requires ? missing(representation, requires, typename) : null;
    if (lacking) return `${lacking} (nodig voor ${field})`;
  }
  return null;
}

/**
 * Checks every representation of an `_entities` call against the subgraph's SDL
 * before any resolver sees it: a known entity type (`__typename`), one complete
 * resolvable `@key`, every property a field of the type with a value of its type,
 * and the `@requires` fields of the fields asked. A router builds exactly that;
 * anything else (another caller, a forged or garbled request) is BAD_USER_INPUT
 * naming the first problem, instead of reaching a resolver that trusts its input.
 */
export function validateRepresentations(schema: GraphQLSchema, typeDefs: DocumentNode): void {
  const entities = schema.getQueryType()?.getFields()['_entities'];
  if (!entities) return;
  const rules = entityRules(typeDefs);
  const resolve: GraphQLFieldResolver<unknown, unknown> = entities.resolve ?? (() => null);
  entities.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    const selected = selectedFields(info);
    for (const [i, representation] of representations.entries()) {
      const problem = problemWith(representation, info.schema, rules, selected);
      if (problem)
        throw graphError('BAD_USER_INPUT', `Ongeldige representatie ${i} in _entities: ${problem}.`, {
          argument: 'representations',
        });
    }
    return resolve(source, args, context, info);
  };
}
