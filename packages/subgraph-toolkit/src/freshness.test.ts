import { describe, expect, it } from 'vitest';
import { FRESHNESS_GRACE_MS, judgeFreshness, type FreshnessFacts } from './freshness.ts';

const MINUUT = 60_000;
const basis: FreshnessFacts = {
  hasCopy: true,
  lastSuccessMs: 0,
  intervalMs: 5 * MINUUT,
  lastFailure: null,
  waitingOn: null,
  readUnderWay: false,
  nowMs: 0,
};

describe('judgeFreshness', () => {
  it('is ACTUEEL while the last success is younger than two intervals plus the grace', () => {
    expect(FRESHNESS_GRACE_MS).toBe(MINUUT);
    expect(judgeFreshness({ ...basis, nowMs: 11 * MINUUT - 1 })).toEqual({ toestand: 'ACTUEEL' });
  });

  it('is VEROUDERD from that age on, also while a read is under way, with the reason that holds it', () => {
    expect(judgeFreshness({ ...basis, nowMs: 11 * MINUUT })).toEqual({
      toestand: 'VEROUDERD',
      reden: 'ERROR',
    });
    expect(judgeFreshness({ ...basis, nowMs: 11 * MINUUT, readUnderWay: true })).toEqual({
      toestand: 'VEROUDERD',
      reden: 'TIMEOUT',
    });
    expect(
      judgeFreshness({ ...basis, nowMs: 20 * MINUUT, readUnderWay: true, waitingOn: 'RATE_LIMITED' }),
    ).toEqual({ toestand: 'VEROUDERD', reden: 'RATE_LIMITED' });
  });

  it('does not call a young copy stale because a read is waiting', () => {
    expect(
      judgeFreshness({ ...basis, nowMs: MINUUT, readUnderWay: true, waitingOn: 'RATE_LIMITED' }),
    ).toEqual({ toestand: 'ACTUEEL' });
  });

  it('is VEROUDERD with the failure as reason as soon as a refresh failed, however young the copy', () => {
    expect(judgeFreshness({ ...basis, nowMs: 1, lastFailure: 'INVALID_RESPONSE' })).toEqual({
      toestand: 'VEROUDERD',
      reden: 'INVALID_RESPONSE',
    });
  });

  it('is ONBESCHIKBAAR without a copy, with the reason of the failed read', () => {
    expect(judgeFreshness({ ...basis, hasCopy: false, lastSuccessMs: null, lastFailure: 'DOWN' })).toEqual({
      toestand: 'ONBESCHIKBAAR',
      reden: 'DOWN',
    });
  });

  it('takes its grace from the caller when given', () => {
    expect(judgeFreshness({ ...basis, intervalMs: 1_000, graceMs: 500, nowMs: 2_499 }).toestand).toBe(
      'ACTUEEL',
    );
    expect(judgeFreshness({ ...basis, intervalMs: 1_000, graceMs: 500, nowMs: 2_500 }).toestand).toBe(
      'VEROUDERD',
    );
  });
});
