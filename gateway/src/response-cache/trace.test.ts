import { describe, expect, it } from 'vitest';
import { followRequest, noteSubgraphAnswer, noteSubgraphFailure } from './trace.ts';

describe('the trace of a request', () => {
  it('notes the sources each subgraph named, as names or reports, and whether any was read live', () => {
    const context = {};
    const trace = followRequest(context);
    noteSubgraphAnswer(context, 'erkenningen', {
      bronnen: [{ bron: 'VOLTA', toestand: 'ACTUEEL' }, 'KBO', { toestand: 'ACTUEEL' }, 7],
    });
    noteSubgraphAnswer(context, 'erkenningen', { bronnen: [{ bron: 'EDUCAM' }] });
    noteSubgraphAnswer(context, 'radar', {});
    expect(trace.used).toEqual(
      new Map([
        ['erkenningen', new Set(['VOLTA', 'KBO', 'EDUCAM'])],
        ['radar', new Set()],
      ]),
    );
    expect(trace.live).toBe(false);
    noteSubgraphAnswer(context, 'matching', { bronnen: ['KAZI'], live: ['KAZI'] });
    expect(trace.live).toBe(true);
    expect(trace.failed).toBe(false);
    noteSubgraphFailure(context);
    expect(trace.failed).toBe(true);
  });

  it('records nothing for a request it does not follow', () => {
    const trace = followRequest({});
    noteSubgraphAnswer({}, 'matching', { live: ['KAZI'] });
    expect(trace.used.size).toBe(0);
    expect(trace.live).toBe(false);
  });
});
