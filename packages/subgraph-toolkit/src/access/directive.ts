import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { graphError } from '../error-codes.ts';
import type { Gebruiker } from './caller.ts';
import { makeAccessRule, mayAsk, maySee, type AccessRule } from './rules.ts';

/** The directive as every subgraph declares it. */
export const ACCESS_DIRECTIVE = 'toegang';

export interface WithCaller {
  readonly gebruiker: Gebruiker;
}

export function forbidden(wat: string): GraphQLError {
  return graphError('FORBIDDEN', `Geen toegang tot ${wat}.`);
}

function regelUit(directieven: readonly ConstDirectiveNode[] | undefined, plaats: string): AccessRule | null {
  const d = directieven?.find((x) => x.name.value === ACCESS_DIRECTIVE);
  if (!d) return null;
  const args = Object.fromEntries(
    (d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  ) as {
    rollen: string[];
    eigen?: string[];
    openbareStatus?: string[];
  };
  return makeAccessRule(args, plaats);
}

/**
 * The `@toegang` rule on an object type, the one the directive enforces: for
 * code that must decide by the same rule what the directive cannot see (what
 * a caller may learn from data derived from the things the rule hides).
 */
export function typeRule(schema: GraphQLSchema, typeName: string): AccessRule | null {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return null;
  let regel: AccessRule | null = null;
  for (const node of [type.astNode, ...type.extensionASTNodes]) {
    if (node) regel = regelUit(node.directives, type.name) ?? regel;
  }
  return regel;
}

interface ArgumentRegel {
  readonly pad: readonly [string] | readonly [string, string];
  readonly regel: AccessRule;
}

function argumentRegels(veld: GraphQLField<unknown, unknown>, plaats: string): ArgumentRegel[] {
  const regels: ArgumentRegel[] = [];
  for (const arg of veld.args) {
    const regel = regelUit(arg.astNode?.directives, `${plaats}(${arg.name})`);
    if (regel) regels.push({ pad: [arg.name], regel });
    const type = getNamedType(arg.type);
    if (isInputObjectType(type)) {
      for (const invoer of Object.values(type.getFields())) {
        const r = regelUit(invoer.astNode?.directives, `${type.name}.${invoer.name}`);
        if (r) regels.push({ pad: [arg.name, invoer.name], regel: r });
      }
    }
  }
  return regels;
}

function gebruikerUit(context: unknown): Gebruiker {
  const g = (context as Partial<WithCaller> | undefined)?.gebruiker;
  return g ?? { soort: 'publiek' };
}

/**
 * Enforces `@toegang` in a subgraph schema, in one place: the rules hold whoever
 * calls the subgraph, through the gateway or directly.
 * - on a field: the field is null with FORBIDDEN (its parent is the owned thing);
 * - on a type: items the caller may not see are left out of lists, and a single
 *   one is null with FORBIDDEN, also through `_entities`;
 * - on an argument or input field: asking for values one may not see is FORBIDDEN
 *   (for an input field the input object is the owned thing, e.g. a filter's sector).
 */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const typeRegels = new Map<string, AccessRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    const regel = typeRule(schema, type.name);
    if (regel) typeRegels.set(type.name, regel);
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const veld of Object.values(type.getFields())) {
      const plaats = `${type.name}.${veld.name}`;
      const veldRegel = regelUit(veld.astNode?.directives, plaats);
      const argRegels = argumentRegels(veld as GraphQLField<unknown, unknown>, plaats);
      const doel = getNamedType(veld.type).name;
      const objectRegel = typeRegels.get(doel) ?? null;
      const isEntiteiten = type === schema.getQueryType() && veld.name === '_entities';
      if (!veldRegel && argRegels.length === 0 && !objectRegel && !isEntiteiten) continue;
      const oud: GraphQLFieldResolver<unknown, unknown> = veld.resolve ?? defaultFieldResolver;
      const isLijst = isListType(isNonNullType(veld.type) ? veld.type.ofType : veld.type);

      veld.resolve = async (bron, args: Record<string, unknown>, context, info) => {
        const gebruiker = gebruikerUit(context);
        if (veldRegel && !maySee(veldRegel, gebruiker, bron)) throw forbidden(plaats);
        for (const { pad, regel } of argRegels) {
          const [naam, invoerVeld] = pad;
          const invoer = args[naam];
          if (invoerVeld === undefined) {
            if (!mayAsk(regel, gebruiker, invoer))
              throw forbidden(`argument ${naam} van ${plaats} met deze waarde`);
          } else if (invoer !== null && invoer !== undefined) {
            const waarde = (invoer as Record<string, unknown>)[invoerVeld];
            // An explicit null in a filter asks for every value, the hidden ones included.
            const gevraagd = waarde === null && regel.openbareStatus ? '*' : waarde;
            if (!mayAsk(regel, gebruiker, gevraagd, invoer)) {
              throw forbidden(`filter ${naam}.${invoerVeld} met deze waarde`);
            }
          }
        }
        const waarde = await oud(bron, args, context, info);
        if (isEntiteiten) return filterEntiteiten(waarde, typeRegels, gebruiker);
        if (!objectRegel || waarde === null || waarde === undefined) return waarde;
        if (isLijst && Array.isArray(waarde)) {
          const items = await Promise.all(waarde as unknown[]);
          return items.filter((item) => maySee(objectRegel, gebruiker, item));
        }
        if (!maySee(objectRegel, gebruiker, waarde)) throw forbidden(`deze ${doel}`);
        return waarde;
      };
    }
  }
  return schema;
}

async function filterEntiteiten(
  waarde: unknown,
  typeRegels: ReadonlyMap<string, AccessRule>,
  gebruiker: Gebruiker,
): Promise<unknown> {
  if (!Array.isArray(waarde)) return waarde;
  const items = waarde as unknown[];
  // One reference that fails must cost only its own item, as in `_entities` without the rules. Items that
  // are no promises are taken as they are: 18,000 promises for the cells of a radar cost more than their counts.
  const uitkomsten: readonly PromiseSettledResult<unknown>[] = items.some(isPromiseLike)
    ? await Promise.allSettled(items)
    : items.map((value) => ({ status: 'fulfilled', value }));
  return uitkomsten.map((uitkomst) => {
    if (uitkomst.status === 'rejected') {
      return uitkomst.reason instanceof Error ? uitkomst.reason : new Error(String(uitkomst.reason));
    }
    const item = uitkomst.value;
    const typenaam = (item as { __typename?: unknown } | null)?.__typename;
    if (typeof typenaam !== 'string') return item;
    const regel = typeRegels.get(typenaam);
    return regel && !maySee(regel, gebruiker, item) ? forbidden(`deze ${typenaam}`) : item;
  });
}

const isPromiseLike = (waarde: unknown): waarde is PromiseLike<unknown> =>
  typeof waarde === 'object' && waarde !== null && typeof (waarde as { then?: unknown }).then === 'function';
