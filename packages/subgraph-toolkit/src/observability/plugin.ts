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
          const outcome: RequestOutcome = fouten.length === 0 ? 'ok' : heeftData ? 'partial' : 'error';
          const operation = metrics.operationLabel(operationName);
          const seconden = (performance.now() - begin) / 1000;
          metrics.requests.inc({ operation, outcome });
          metrics.requestDuration.observe({ operation, outcome }, seconden);
          for (const code of fouten) metrics.errors.inc({ code });
          // Apollo's type promises a hash, but a request refused before its query was read has none.
          const hash = queryHash as string | undefined;
          logger[niveau](
            {
              verzoek: {
                operatie: operation,
                hash: hash === undefined ? null : hash.slice(0, 16),
                ms: Math.round(seconden * 1000),
                status: response.http.status ?? 200,
                fouten: [...new Set(fouten)],
              },
            },
            'verzoek',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
