import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that never reach a log line whatever writes them: credentials, the
 * caller's query variables and text, and every personal field of a learner
 * (by the names Kazi and the graph give them), at the top and one level down.
 */
const GEHEIM = [
  'authorization',
  'token',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'wachtwoord',
  'password',
  'apiKey',
  'variables',
  'query',
  'voornaam',
  'familienaam',
  'naam',
  'geboortejaar',
  'headers',
];
export const REDACTED_PATHS = [...GEHEIM, ...GEHEIM.map((veld) => `*.${veld}`)];

let destination: DestinationStream | undefined;

/** Where the loggers created from now on write (tests read the lines); standard output by default. */
export function useLogDestination(stream: DestinationStream | undefined): void {
  destination = stream;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The one JSON logger of a service: pino, with levels, the service's name, and
 * in every line written while a request is handled that request's id, which is
 * its trace id, the same in every service the request reaches (the W3C
 * `traceparent` carries it), so one search finds all a request caused.
 */
export function createLogger(
  service: string,
  options: { readonly level?: LogLevel; readonly destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? (process.env['LOG_LEVEL'] as Level | undefined) ?? 'info',
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[verborgen]' },
      // An error logs its kind and message only: a stack is for development, a partner's answer may hold anything.
      serializers: { err: (fout: unknown) => errorFields(fout) },
      mixin: () => {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { requestId: traceId, spanId };
      },
    },
    options.destination ?? destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** What of an error goes into a log line: its name, its registered code or partner reason, never a body. */
export function errorFields(fout: unknown): Record<string, unknown> {
  if (!(fout instanceof Error)) return { message: String(fout) };
  const f = fout as Error & { bron?: unknown; reden?: unknown; status?: unknown; code?: unknown };
  return {
    type: f.name,
    ...(typeof f.bron === 'string'
      ? { bron: f.bron, reden: f.reden, status: f.status }
      : { message: f.message }),
    ...(typeof f.code === 'string' ? { code: f.code } : {}),
  };
}
