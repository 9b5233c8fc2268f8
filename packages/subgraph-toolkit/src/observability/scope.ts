import { AsyncLocalStorage } from 'node:async_hooks';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { ServiceMetrics } from './metrics.ts';
import { setupTracing } from './tracing.ts';

/** What a service observes itself with: its name, its metrics and its logger. */
export interface Telemetry {
  readonly service: string;
  readonly metrics: ServiceMetrics;
  readonly logger: Logger;
}

export function createTelemetry(service: string, options: { readonly level?: LogLevel } = {}): Telemetry {
  setupTracing(service);
  return { service, metrics: new ServiceMetrics(service), logger: createLogger(service, options) };
}

const scope = new AsyncLocalStorage<Telemetry>();
let processTelemetry: Telemetry | undefined;

/**
 * Runs `work` as part of a service: what it builds and starts (partner clients,
 * snapshots, the listener) reports to that service's metrics and logger. In
 * production a process runs one service and this is simply it; the end-to-end
 * tests run several in one process, each in its own scope.
 */
export function inService<T>(telemetry: Telemetry, work: () => T): T {
  return scope.run(telemetry, work);
}

/** The telemetry of the service this code runs for; outside any (a unit test), one of the process. */
export function currentTelemetry(): Telemetry {
  const eigen = scope.getStore();
  if (eigen) return eigen;
  processTelemetry ??= createTelemetry('process');
  return processTelemetry;
}
