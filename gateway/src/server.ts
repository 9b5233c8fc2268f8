import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
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
import { request } from 'undici';
import { protection } from './protection.ts';
import type { GatewayContext } from './subgraph-sources.ts';
import { leesConfig, type GatewayConfig } from './config.ts';
import { handleCors } from './cors.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
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
  /** Its metrics (`/metrics`) and logger. */
  readonly telemetry: Telemetry;
}

/** Builds the gateway and its Apollo server from the configuration; nothing listens yet. */
export function buildGateway(config: GatewayConfig = leesConfig()): Gateway {
  const telemetry = createTelemetry('gateway', { level: config.logLevel });
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPad, (regel) => {
      telemetry.logger.info(regel);
    }),
    buildService: ({ name, url }) => {
      const doel = config.subgraphUrls[name] ?? url ?? '';
      subgraphUrls.set(name, doel);
      return new SubgraphDataSource(name, doel, config.subgraphTimeoutMs, telemetry.metrics);
    },
  });
  const { opties, plugins } = protection(config, supergraphCostDirectives(gateway));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      ...plugins,
      sourcesPlugin<GatewayContext>(),
      registeredStatusPlugin<GatewayContext>(),
      observabilityPlugin<GatewayContext>(telemetry, { logRequests: config.verzoeklog }),
    ],
    ...opties,
  });
  return { gateway, apollo, subgraphUrls, telemetry };
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
  const dienst = await startListener({
    telemetry: gateway.telemetry,
    apollo: gateway.apollo,
    context: async (req) => {
      const autorisatie = req.headers.authorization;
      // A signed-in caller counts by its `sub`, anyone else by address; bad tokens count against the address too.
      const gebruiker = await verify(autorisatie).catch(async (fout: unknown) => {
        await telVerzoek(clientKey(null, req, proxyHops));
        throw fout;
      });
      await telVerzoek(clientKey(gebruiker, req, proxyHops));
      return { autorisatie, gebruiker, bronnen: new SourceUsage() };
    },
    gereed: async () => {
      laatsteControle = await subgraphsReachable(gateway.subgraphUrls);
      return gateway.subgraphUrls.size > 0 && Object.values(laatsteControle).every(Boolean);
    },
    toestand: () => ({ subgraphs: laatsteControle }),
    poort: config.poort,
    host: config.host,
    maxBodyBytes: config.grenzen.bodyBytes,
    beforeGraphQL: (req, res) => handleCors(config.cors, req, res),
  });
  return {
    ...dienst,
    gateway,
    stop: async () => {
      await dienst.stop();
      await teller.stop();
    },
    drain: async (graceMs) => {
      await dienst.drain(graceMs);
      await teller.stop();
    },
  };
}
