/** Shared by the unit tests of the partner clients; production code never imports this module. */
import { PartnerError } from './partner-client.ts';
import { execute, parse, type GraphQLSchema } from 'graphql';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** The partner host the client tests stub; nothing else may be reached. */
export const HOST = 'http://partner.test';

/** Stubs HTTP with nock for the tests of one describe block: no real network, and every stub must be used. */
export function withNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const open = nock.pendingMocks();
    nock.cleanAll();
    expect(open).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

export async function partnerError(belofte: Promise<unknown>): Promise<PartnerError> {
  try {
    await belofte;
  } catch (f) {
    if (f instanceof PartnerError) return f;
    throw f;
  }
  throw new Error('verwachtte een PartnerError');
}

/**
 * One `_entities` call on a subgraph's schema, as the router makes it: each
 * item's answer (null where it failed) and the errors with the item they name.
 */
export async function entitiesCall(
  schema: GraphQLSchema,
  representations: readonly object[],
  selection: string,
  contextValue: object,
): Promise<{ items: unknown[]; errors: { item: unknown; code: unknown; message: string }[] }> {
  const a = await execute({
    schema,
    document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`),
    variableValues: { r: representations },
    contextValue,
  });
  const items = a.data?.['_entities'];
  return {
    items: Array.isArray(items) ? items : [],
    errors: (a.errors ?? []).map((e) => ({
      item: e.path?.[1],
      code: e.extensions['code'],
      message: e.message,
    })),
  };
}
