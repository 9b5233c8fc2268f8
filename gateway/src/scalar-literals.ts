import { DateScalar, DateTimeScalar, graphError } from '@duaal-graph/subgraph-toolkit';
import {
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type ASTVisitor,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** The graph's own scalars, as every subgraph parses them. */
const SCALARS = new Map([DateScalar, DateTimeScalar].map((s) => [s.name, s]));

/**
 * A validation rule: a literal of the graph's own scalars (`vervaltVanaf: "gisteren"`)
 * is checked as the subgraphs check it. The supergraph gives the gateway these
 * scalars without their parsing, so it passed any literal on, the subgraph
 * refused the whole fetch with HTTP 400 and the caller read that every source
 * of that subgraph was unavailable. Refused here, the caller's mistake is named
 * before any plan or subgraph call (GRAPHQL_VALIDATION_FAILED, 400); a variable
 * is coerced by the subgraph, whose BAD_USER_INPUT the gateway passes on.
 */
export function scalarLiteralsRule(context: ValidationContext): ASTVisitor {
  const check = (node: ValueNode): void => {
    // The named type: a single literal where a list is expected is read as a list of one.
    // Unwrapped by hand: getNamedType() here overflows the stack of a typescript-eslint rule.
    let type: unknown = context.getInputType();
    while (isNonNullType(type) || isListType(type)) type = type.ofType;
    if (!isScalarType(type)) return;
    const scalar = SCALARS.get(type.name);
    if (!scalar) return;
    try {
      scalar.parseLiteral(node, undefined);
    } catch (fout) {
      const reden = fout instanceof Error ? fout.message : String(fout);
      context.reportError(
        graphError(
          'GRAPHQL_VALIDATION_FAILED',
          `Ongeldige waarde ${print(node)} voor ${type.name}: ${reden}`,
        ),
      );
    }
  };
  return {
    StringValue: check,
    IntValue: check,
    FloatValue: check,
    BooleanValue: check,
    EnumValue: check,
  };
}
