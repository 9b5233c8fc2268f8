import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type GraphQLNamedType,
} from 'graphql';

const supergraph = buildSchema(
  readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
  { assumeValidSDL: true },
);

const accessRule = (node: ASTNode | null | undefined) =>
  node !== null && node !== undefined && 'directives' in node
    ? (node.directives ?? []).find((d) => d.name.value === 'toegang')
    : undefined;
const hasAccessRule = (node: ASTNode | null | undefined) => accessRule(node) !== undefined;
/**
 * A type or field whose rule names an `openbareStatus` is public in part: the
 * public gets its items of those statuses and the graph leaves the rest out
 * (an ERKEND erkenning). Only a rule without one closes it to the public.
 */
const closedToPublic = (node: ASTNode | null | undefined) =>
  accessRule(node)?.arguments?.some((a) => a.name.value === 'openbareStatus') === false;

/**
 * The fields, types, arguments and filter fields of an operation that the
 * supergraph restricts (`@toegang`): what an anonymous caller may not ask for.
 */
export function restrictedParts(operation: string): string[] {
  const found: string[] = [];
  const typeInfo = new TypeInfo(supergraph);
  visit(
    parse(operation),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!field || !parent) return;
        const where = `${parent.name}.${field.name}`;
        if (closedToPublic(field.astNode)) found.push(where);
        const type: GraphQLNamedType = getNamedType(field.type);
        if (closedToPublic(type.astNode)) found.push(`${where}: ${type.name}`);
        for (const argument of node.arguments ?? []) {
          const definition = field.args.find((a) => a.name === argument.name.value);
          if (hasAccessRule(definition?.astNode)) found.push(`${where}(${argument.name.value})`);
        }
      },
      // A filter field with a rule (a status) is restricted whatever its value: the public filters on none.
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (!isInputObjectType(parent)) return;
        if (hasAccessRule(parent.getFields()[node.name.value]?.astNode))
          found.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return found;
}
