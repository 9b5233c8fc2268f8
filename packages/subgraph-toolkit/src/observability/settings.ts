import { declareSetting, numberSetting, urlSetting } from '@duaal-graph/domein';
import { z } from 'zod';
import { LOG_LEVELS } from './logger.ts';

/** What every service, gateway and subgraphs alike, reads for its logs, traces and shutdown. */
export const OBSERVABILITY_SETTINGS = {
  logLevel: declareSetting('LOG_LEVEL', z.enum(LOG_LEVELS), {
    default: 'info',
    description: `the least severe log lines written (${LOG_LEVELS.join(', ')}); JSON lines on standard output`,
  }),
  shutdownGraceS: numberSetting('SHUTDOWN_GRACE_S', {
    default: 20,
    min: 0,
    description:
      'on SIGTERM, the time the service has to end: it reports not ready, stops accepting, lets requests in flight finish (all of it but the last quarter, at most 3 s, kept for closing) and exits 0 within it',
  }),
  otlpEndpoint: urlSetting('OTEL_EXPORTER_OTLP_ENDPOINT', {
    documentedDefault: 'unset: traces are not exported',
    description:
      'where traces go, as OTLP over HTTP (`http://collector:4318`); the OpenTelemetry variables apply',
  }),
} as const;
