import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
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

const hasAccessRule = (node: ASTNode | null | undefined) =>
  node !== null &&
  node !== undefined &&
  'directives' in node &&
  (node.directives ?? []).some((d) => d.name.value === 'toegang');

/**
 * The fields, types and arguments of an operation that the supergraph restricts
 * (`@toegang`): what an anonymous caller may not ask for.
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
        if (hasAccessRule(field.astNode)) found.push(where);
        const type: GraphQLNamedType = getNamedType(field.type);
        if (hasAccessRule(type.astNode)) found.push(`${where}: ${type.name}`);
        for (const argument of node.arguments ?? []) {
          const definition = field.args.find((a) => a.name === argument.name.value);
          if (hasAccessRule(definition?.astNode)) found.push(`${where}(${argument.name.value})`);
        }
      },
    }),
  );
  return found;
}
