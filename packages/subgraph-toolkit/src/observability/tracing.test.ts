import { describe, expect, it } from 'vitest';
import { collectSpans } from './testing.ts';
import { currentTraceId, setupTracing, tracer } from './tracing.ts';

describe('tracing without an exporter', () => {
  it('records no span until a processor is added, yet every span has its ids', async () => {
    setupTracing('test', {});
    const buiten = await tracer().startActiveSpan('buiten', async (span) => {
      await Promise.resolve();
      return { recording: span.isRecording(), traceId: currentTraceId(), ctx: span.spanContext() };
    });
    expect(buiten.recording).toBe(false);
    expect(buiten.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(buiten.traceId).not.toBe('0'.repeat(32));
    expect(buiten.ctx.spanId).toMatch(/^[0-9a-f]{16}$/);

    const spans = collectSpans();
    tracer().startActiveSpan('binnen', (span) => {
      expect(span.isRecording()).toBe(true);
      span.end();
    });
    expect(spans.spans().map((s) => s.name)).toEqual(['binnen']);
  });
});
