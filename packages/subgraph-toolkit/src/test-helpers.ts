/** Shared by the unit tests of the partner clients; production code never imports this module. */
import { PartnerError } from './partner-client.ts';
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
