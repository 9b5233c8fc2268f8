import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import {
  DEFAULT_OPERATION_LIMITS,
  measureOperation,
  readCostDirectives,
} from '@duaal-graph/subgraph-toolkit';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXPORTS } from './definitions.ts';

// The exports run the graph's own operations: each must stay valid against the supergraph and within the
// default limits, or its URL would answer an error to every caller. This fails when the schema drifts.
const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = buildSchema(supergraph);
const costs = readCostDirectives(parse(supergraph));

describe.each(EXPORTS.map((e) => [e.naam, e] as const))('export %s', (_naam, definitie) => {
  const document = parse(definitie.document);

  it('is valid against the supergraph', () => {
    expect(validate(schema, document).map((f) => f.message)).toEqual([]);
  });

  it('stays within the default operation limits', () => {
    const operatie = getOperationAST(document);
    if (!operatie) throw new Error('no operation');
    const variables = definitie.paging ? { first: definitie.paging.pageSize } : {};
    // Measured with each variable's default, as a caller who gives only the required parameters would run it.
    const { excess } = measureOperation(
      schema,
      costs,
      document,
      operatie,
      variables,
      DEFAULT_OPERATION_LIMITS,
    );
    expect(excess).toBeNull();
  });
});
