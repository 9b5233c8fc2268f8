import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ServiceMetrics, type RequestOutcome } from './metrics.ts';
import type { Telemetry } from './scope.ts';
import { currentTraceId } from './tracing.ts';

function codes(fouten: readonly GraphQLFormattedError[] | undefined): string[] {
  return (fouten ?? []).map((f) =>
    ServiceMetrics.codeLabel(f.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'),
  );
}

function statusVan(fout: Error, standaard: number): number {
  const http = (fout as { extensions?: { http?: { status?: unknown } } }).extensions?.http;
  return typeof http?.status === 'number' ? http.status : standaard;
}

/** One answered GraphQL request, as the request log and metrics record it. */
export interface RequestRecord {
  readonly operationName: string | null | undefined;
  /** The hash of the query text (its first 16 characters are logged); null when none was read. */
  readonly hash: string | null;
  readonly seconden: number;
  readonly status: number;
  /** The error codes of the answer, as metric labels. */
  readonly fouten: readonly string[];
  readonly heeftData: boolean;
}

/**
 * Counts, times and logs one answered request: the plugin below for every
 * request through Apollo, and the gateway's cached answers served in front of
 * Apollo (response-cache/fast-path.ts), so that both show alike.
 */
export function recordRequest(
  { metrics, logger }: Telemetry,
  options: { readonly logRequests: boolean },
  verzoek: RequestRecord,
): void {
  const outcome: RequestOutcome =
    verzoek.fouten.length === 0 ? 'ok' : verzoek.heeftData ? 'partial' : 'error';
  const operation = metrics.operationLabel(verzoek.operationName);
  metrics.requests.inc({ operation, outcome });
  metrics.requestDuration.observe({ operation, outcome }, verzoek.seconden);
  for (const code of verzoek.fouten) metrics.errors.inc({ code });
  logger[options.logRequests ? 'info' : 'debug'](
    {
      verzoek: {
        operatie: operation,
        hash: verzoek.hash === null ? null : verzoek.hash.slice(0, 16),
        ms: Math.round(verzoek.seconden * 1000),
        status: verzoek.status,
        fouten: [...new Set(verzoek.fouten)],
      },
    },
    'verzoek',
  );
}

/**
 * Observes every GraphQL request of a service: counts it by operation and
 * outcome, times it, counts its error codes, writes one log line for it (the
 * operation name, a short hash of the text, duration, status and error codes:
 * never the text, the variables, the token or the caller), and puts the trace
 * id into `extensions.traceId` for support. Requests refused before they run
 * (a bad token, the rate limit, a request Apollo cannot read) count as `refused`.
 */
export function observabilityPlugin<C extends BaseContext>(
  telemetry: Telemetry,
  options: { readonly logRequests: boolean },
): ApolloServerPlugin<C> {
  const { metrics, logger } = telemetry;
  const niveau = options.logRequests ? 'info' : 'debug';
  const geweigerd = (fout: Error, standaard: number) => {
    const code = ServiceMetrics.codeLabel((fout as { extensions?: { code?: unknown } }).extensions?.code);
    metrics.requests.inc({ operation: 'anonymous', outcome: 'refused' });
    metrics.errors.inc({ code });
    logger[niveau]({ verzoek: { status: statusVan(fout, standaard), fouten: [code] } }, 'verzoek geweigerd');
    return Promise.resolve();
  };
  return {
    contextCreationDidFail: ({ error }) => geweigerd(error, 500),
    invalidRequestWasReceived: ({ error }) => geweigerd(error, 400),
    requestDidStart: () => {
      const begin = performance.now();
      return Promise.resolve({
        willSendResponse: ({ response, operationName, queryHash }) => {
          const body = response.body;
          const resultaat = body.kind === 'single' ? body.singleResult : body.initialResult;
          const traceId = currentTraceId();
          if (traceId) resultaat.extensions = { ...resultaat.extensions, traceId };
          const fouten = codes(resultaat.errors);
          const heeftData = resultaat.data !== undefined && resultaat.data !== null;
          // Apollo's type promises a hash, but a request refused before its query was read has none.
          const hash = queryHash as string | undefined;
          recordRequest(telemetry, options, {
            operationName,
            hash: hash ?? null,
            seconden: (performance.now() - begin) / 1000,
            status: response.http.status ?? 200,
            fouten,
            heeftData,
          });
          return Promise.resolve();
        },
      });
    },
  };
}
