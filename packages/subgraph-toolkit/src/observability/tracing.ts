import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type Span as SdkSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Context } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Tracing for the whole process: one OpenTelemetry tracer provider, the W3C
 * `traceparent` propagator, and the undici instrumentation, which makes a client
 * span of every outgoing call (the gateway's subgraph fetches, every partner
 * call) and writes `traceparent` into it. The server side is the listener's:
 * it continues the caller's trace (listener.ts). Apollo's gateway makes its own
 * spans for planning and each fetch through the same API.
 *
 * Spans always get ids (the logs carry them as request ids); they leave the
 * process only to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and to the
 * processors tests add (an in-memory exporter); without either they are not
 * recorded (RecordWhenCollected).
 */

/** Processors added after start; the provider's own list is fixed when it is built. */
class AddedProcessors implements SpanProcessor {
  readonly lijst: SpanProcessor[] = [];
  onStart(span: SdkSpan, parent: Context): void {
    for (const p of this.lijst) p.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    for (const p of this.lijst) p.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await Promise.all(this.lijst.map((p) => p.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all(this.lijst.map((p) => p.shutdown()));
  }
}

/**
 * In a process that exports no spans: records them only while a processor is added (a test's in-memory
 * exporter), else makes them non-recording. A non-recording span still has its ids, so the request id
 * of the logs, `extensions.traceId` and the `traceparent` sent on (unsampled) stay as they were; what
 * it saves is what nobody reads: per request a dozen spans (Apollo's, undici's, the listener's) timed,
 * given attributes and handed to processors: 7 % of the gateway's CPU in a profile of its cache-cold run.
 */
class RecordWhenCollected implements Sampler {
  private readonly inner = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  constructor(private readonly added: AddedProcessors) {}
  shouldSample(...args: Parameters<Sampler['shouldSample']>): SamplingResult {
    return this.added.lijst.length > 0
      ? this.inner.shouldSample(...args)
      : { decision: SamplingDecision.NOT_RECORD };
  }
  toString(): string {
    return 'RecordWhenCollected';
  }
}

interface Tracing {
  readonly provider: NodeTracerProvider;
  readonly added: AddedProcessors;
}

let tracing: Tracing | undefined;

/** Sets up tracing once per process; later calls (another service in the same process) find it there. */
export function setupTracing(service: string, env: NodeJS.ProcessEnv = process.env): NodeTracerProvider {
  if (tracing) return tracing.provider;
  const added = new AddedProcessors();
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env['OTEL_SERVICE_NAME'] ?? `duaal-graph-${service}`,
    }),
    spanProcessors: [added, ...(endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [])],
    // Exporting: the SDK's sampler, as OTEL_TRACES_SAMPLER says (parent-based, always on, by default).
    ...(endpoint ? {} : { sampler: new RecordWhenCollected(added) }),
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    // Health checks of the gateway are not part of any request's story.
    instrumentations: [
      new UndiciInstrumentation({
        // Only calls made for a request or a partner call are traced; anything else (a proxy in front of a
        // subgraph, say) passes the caller's `traceparent` on untouched instead of starting a trace of its own.
        requireParentforSpans: true,
        ignoreRequestHook: (request) => /\/(health|ready|metrics)$/.test(request.path),
      }),
    ],
  });
  tracing = { provider, added };
  return provider;
}

/** Adds a span processor to the process's tracing (tests: an in-memory exporter). */
export function addSpanProcessor(processor: SpanProcessor): void {
  setupTracing('test');
  tracing?.added.lijst.push(processor);
}

/** Sends the spans still buffered, and stops the exporters (on shutdown). */
export async function shutdownTracing(): Promise<void> {
  await tracing?.provider.shutdown();
}

export const tracer = () => trace.getTracer('duaal-graph');

/** The trace id of the request being handled, if any: the request id in logs and `extensions.traceId`. */
export function currentTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.spanContext().traceId;
}

/**
 * Runs `work` in a server span that continues the caller's trace (its
 * `traceparent`), or starts a new one; the caller's own context does not leak in.
 */
export function inServerSpan<T>(
  naam: string,
  headers: IncomingHttpHeaders,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const ouder = propagation.extract(ROOT_CONTEXT, headers);
  return tracer().startActiveSpan(naam, { kind: SpanKind.SERVER, attributes }, ouder, async (span) => {
    try {
      return await work(span);
    } finally {
      span.end();
    }
  });
}

/** Runs `work` in a span of its own below the current one; the span records an error thrown and its outcome. */
export function inSpan<T>(
  naam: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
  outcomeOf: (fout: unknown) => string,
): Promise<T> {
  return tracer().startActiveSpan(naam, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      const resultaat = await work(span);
      span.setAttribute('duaal.outcome', 'ok');
      return resultaat;
    } catch (fout) {
      span.setAttribute('duaal.outcome', outcomeOf(fout));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw fout;
    } finally {
      span.end();
    }
  });
}

/** Runs `work` outside any request's trace (background refreshes started from a request must not join it). */
export function outsideTraces<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
