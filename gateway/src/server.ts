import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  cacheCounters,
  createTelemetry,
  inService,
  makeVerifier,
  observabilityPlugin,
  registeredStatusPlugin,
  sourcesPlugin,
  SourceUsage,
  startListener,
  type AccessConfig,
  type RunningService,
  type Telemetry,
} from '@duaal-graph/subgraph-toolkit';
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'undici';
import { protection } from './protection.ts';
import type { GatewayContext } from './subgraph-sources.ts';
import { leesConfig, type GatewayConfig } from './config.ts';
import { handleCors } from './cors.ts';
import { exportRoute } from './export/route.ts';
import { subgraphPool, SubgraphDataSource } from './subgraph-data-source.ts';
import { fastPath, oncePerRequest } from './response-cache/fast-path.ts';
import { ResponseCache } from './response-cache/response-cache.ts';
import { stringifyResult } from './response-cache/stored-json.ts';
import { redisRateLimitStore } from './rate-limit-redis.ts';
import { clientKey, MemoryRateLimitStore, tooManyRequests, type RateLimitStore } from './rate-limit.ts';
import { supergraphFromFile } from './supergraph.ts';
import { supergraphCostDirectives } from './supergraph-costs.ts';

export { leesConfig } from './config.ts';

export interface Gateway {
  readonly gateway: ApolloGateway;
  readonly apollo: ApolloServer<GatewayContext>;
  /** The routing URL of every subgraph in the running supergraph. */
  readonly subgraphUrls: Map<string, string>;
  /** The response cache (its counters for metrics); null when turned off (`RESPONSE_CACHE_BYTES=0`). */
  readonly responseCache: ResponseCache | null;
  /** Its metrics (`/metrics`) and logger. */
  readonly telemetry: Telemetry;
}

/** Builds the gateway and its Apollo server from the configuration; nothing listens yet. */
export function buildGateway(config: GatewayConfig = leesConfig()): Gateway {
  const telemetry = createTelemetry('gateway', { level: config.logLevel });
  const subgraphUrls = new Map<string, string>();
  const pool = subgraphPool(config.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPad, (regel) => {
      telemetry.logger.info(regel);
    }),
    buildService: ({ name, url }) => {
      const doel = config.subgraphUrls[name] ?? url ?? '';
      subgraphUrls.set(name, doel);
      return new SubgraphDataSource(name, doel, pool, config.cache.deduplicate, telemetry.metrics);
    },
  });
  const responseCache =
    config.cache.bytes > 0
      ? new ResponseCache({
          maxBytes: config.cache.bytes,
          probeIntervalMs: config.cache.probeMs,
          subgraphs: () => subgraphUrls,
          // Connections of their own: a probe never waits in the pool behind the queries it is to keep cheap.
          dispatcher: new Agent({ connections: 1, keepAliveTimeout: 10_000 }),
        })
      : null;
  if (responseCache) {
    cacheCounters(telemetry.metrics, 'response', () => responseCache.counters());
    // Why answers are not served from the cache: not kept, dropped for new data, or evicted for room.
    telemetry.metrics.gauge(
      'duaal_response_cache',
      'the response cache since start: stores, uncacheable, invalidations, evictions; entries and bytes now',
      ['counter'],
      (set) => {
        const { hits: _h, misses: _m, ...rest } = responseCache.counters();
        for (const [counter, waarde] of Object.entries(rest)) set({ counter }, waarde);
      },
    );
  }
  const { opties, plugins } = protection(config, supergraphCostDirectives(gateway));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      ...plugins,
      // After the protection: a cached answer is served only to a request that passed the limits.
      ...(responseCache ? [responseCache.plugin()] : []),
      sourcesPlugin<GatewayContext>(),
      registeredStatusPlugin<GatewayContext>(),
      observabilityPlugin<GatewayContext>(telemetry, { logRequests: config.verzoeklog }),
    ],
    ...opties,
    // The process's end is closeOnTerm's: beside Apollo's own SIGTERM handler the drain's stop() never returned.
    stopOnTerminationSignals: false,
    // A cached answer is served as the JSON it was kept as, not serialised again per hit.
    stringifyResult,
  });
  return { gateway, apollo, subgraphUrls, responseCache, telemetry };
}

/** Whether every subgraph of the running supergraph answers its health check. */
async function subgraphsReachable(urls: Map<string, string>): Promise<Record<string, boolean>> {
  const uitslagen = await Promise.all(
    [...urls].map(async ([naam, url]) => {
      try {
        const { statusCode, body } = await request(new URL('/health', url), {
          signal: AbortSignal.timeout(2_000),
        });
        await body.dump();
        return [naam, statusCode === 200] as const;
      } catch {
        return [naam, false] as const;
      }
    }),
  );
  return Object.fromEntries(uitslagen);
}

/** Starts the gateway on its port (0 picks a free one). */
export async function startGateway(
  config: GatewayConfig = leesConfig(),
  toegang: AccessConfig = config.toegang,
): Promise<RunningService & { gateway: Gateway }> {
  const gateway = buildGateway(config);
  return inService(gateway.telemetry, () => startBuilt(gateway, config, toegang));
}

async function startBuilt(
  gateway: Gateway,
  config: GatewayConfig,
  toegang: AccessConfig,
): Promise<RunningService & { gateway: Gateway }> {
  // The gateway refuses a bad token itself (HTTP 401), so no subgraph is called for it; the subgraphs verify again.
  const verify = makeVerifier(toegang);
  const { perMinuut, redisUrl, proxyHops } = config.snelheid;
  const teller: RateLimitStore = redisUrl
    ? await redisRateLimitStore(redisUrl, perMinuut)
    : new MemoryRateLimitStore(perMinuut);
  const telVerzoek = async (sleutel: string) => {
    const { toegestaan, wachtS } = await teller.tel(sleutel);
    if (toegestaan) return;
    gateway.telemetry.metrics.rateLimitRefusals.inc();
    throw tooManyRequests(wachtS, perMinuut);
  };
  let laatsteControle: Record<string, boolean> = {};
  const maakContext = async (req: IncomingMessage): Promise<GatewayContext> => {
    const autorisatie = req.headers.authorization;
    // A signed-in caller counts by its `sub`, anyone else by address; bad tokens count against the address too.
    const gebruiker = await verify(autorisatie).catch(async (fout: unknown) => {
      await telVerzoek(clientKey(null, req, proxyHops));
      throw fout;
    });
    await telVerzoek(clientKey(gebruiker, req, proxyHops));
    return { autorisatie, gebruiker, bronnen: new SourceUsage() };
  };
  // One context per request, whether the cache's fast path or Apollo asks: the rate limit counts it once.
  const context = oncePerRequest(maakContext);
  const { responseCache, telemetry } = gateway;
  const exports = exportRoute({ apollo: gateway.apollo, context, maxRows: config.exportMaxRows });
  const dienst = await startListener({
    telemetry: gateway.telemetry,
    apollo: gateway.apollo,
    context,
    gereed: async () => {
      laatsteControle = await subgraphsReachable(gateway.subgraphUrls);
      return gateway.subgraphUrls.size > 0 && Object.values(laatsteControle).every(Boolean);
    },
    toestand: () => ({ subgraphs: laatsteControle }),
    poort: config.poort,
    host: config.host,
    maxBodyBytes: config.grenzen.bodyBytes,
    beforeGraphQL: (req, res) => handleCors(config.cors, req, res),
    ...(config.cache.compression ? { compression: config.cache.compression } : {}),
    ...(responseCache
      ? {
          beforeApollo: fastPath({
            cache: responseCache,
            context,
            telemetry,
            logRequests: config.verzoeklog,
            compression: config.cache.compression,
          }),
        }
      : {}),
    // The exports answer browsers as /graphql does, CORS included.
    routes: async (req, res, url) =>
      url.pathname.startsWith('/export/') &&
      (handleCors(config.cors, req, res) || (await exports(req, res, url))),
  });
  await gateway.responseCache?.start();
  return {
    ...dienst,
    gateway,
    stop: async () => {
      gateway.responseCache?.stop();
      await dienst.stop();
      await teller.stop();
    },
    drain: async (graceMs) => {
      await dienst.drain(graceMs);
      await teller.stop();
    },
  };
}
