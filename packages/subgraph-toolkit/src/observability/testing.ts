/** For tests: what the process's services trace and log, read in memory. Production code never imports this. */
import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { useLogDestination } from './logger.ts';
import { addSpanProcessor } from './tracing.ts';

export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Keeps every span the process ends from now on. */
export function collectSpans(): { spans(): ReadableSpan[]; reset(): void } {
  const exporter = new InMemorySpanExporter();
  addSpanProcessor(new SimpleSpanProcessor(exporter));
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => {
      exporter.reset();
    },
  };
}

/** Keeps every log line of the services created from now on (as parsed JSON and as text), until `stop`. */
export function collectLogLines(): {
  lines(): string[];
  parsed(): Record<string, unknown>[];
  /** Services created after this write to standard output again. */
  stop(): void;
} {
  const lines: string[] = [];
  let rest = '';
  useLogDestination(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const delen = (rest + chunk.toString('utf8')).split('\n');
        rest = delen.pop() ?? '';
        lines.push(...delen.filter((l) => l !== ''));
        callback();
      },
    }),
  );
  return {
    lines: () => [...lines],
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: () => {
      useLogDestination(undefined);
    },
  };
}
