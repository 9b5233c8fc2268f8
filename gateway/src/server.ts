import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  BronGebruik,
  bronnenPlugin,
  maakVerifieerder,
  registeredStatusPlugin,
  startDienst,
  type GestarteDienst,
  type ToegangConfig,
} from '@duaal-graph/domein/subgraaf';
import { request } from 'undici';
import { bescherming } from './bescherming.ts';
import type { GatewayContext } from './bronnen.ts';
import { leesConfig, type GatewayConfig } from './config.ts';
import { handleCors } from './cors.ts';
import { SubgraafBron } from './databron.ts';
import { redisTeller } from './snelheid-redis.ts';
import { GeheugenTeller, klantSleutel, teVeelVerzoeken, type Teller } from './snelheid.ts';
import { supergraafUitBestand } from './supergraaf.ts';
import { supergraphCostDirectives } from './supergraph-costs.ts';

export { leesConfig } from './config.ts';

export interface Gateway {
  readonly gateway: ApolloGateway;
  readonly apollo: ApolloServer<GatewayContext>;
  /** The routing URL of every subgraph in the running supergraph. */
  readonly subgraafUrls: Map<string, string>;
}

/** Builds the gateway and its Apollo server from the configuration; nothing listens yet. */
export function maakGateway(config: GatewayConfig = leesConfig()): Gateway {
  const subgraafUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraafUitBestand(config.supergraphPad),
    buildService: ({ name, url }) => {
      const doel = config.subgraafUrls[name] ?? url ?? '';
      subgraafUrls.set(name, doel);
      return new SubgraafBron(name, doel, config.subgraafTimeoutMs);
    },
  });
  const { opties, plugins } = bescherming(config, supergraphCostDirectives(gateway));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [...plugins, bronnenPlugin<GatewayContext>(), registeredStatusPlugin<GatewayContext>()],
    ...opties,
  });
  return { gateway, apollo, subgraafUrls };
}

/** Whether every subgraph of the running supergraph answers its health check. */
async function subgrafenBereikbaar(urls: Map<string, string>): Promise<Record<string, boolean>> {
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
  toegang: ToegangConfig = config.toegang,
): Promise<GestarteDienst & { gateway: Gateway }> {
  const gateway = maakGateway(config);
  // The gateway refuses a bad token itself (HTTP 401), so no subgraph is called for it; the subgraphs verify again.
  const verifieer = maakVerifieerder(toegang);
  const { perMinuut, redisUrl, proxyHops } = config.snelheid;
  const teller: Teller = redisUrl ? await redisTeller(redisUrl, perMinuut) : new GeheugenTeller(perMinuut);
  const telVerzoek = async (sleutel: string) => {
    const { toegestaan, wachtS } = await teller.tel(sleutel);
    if (!toegestaan) throw teVeelVerzoeken(wachtS, perMinuut);
  };
  let laatsteControle: Record<string, boolean> = {};
  const dienst = await startDienst({
    apollo: gateway.apollo,
    context: async (req) => {
      const autorisatie = req.headers.authorization;
      // A signed-in caller counts by its `sub`, anyone else by address; bad tokens count against the address too.
      const gebruiker = await verifieer(autorisatie).catch(async (fout: unknown) => {
        await telVerzoek(klantSleutel(null, req, proxyHops));
        throw fout;
      });
      await telVerzoek(klantSleutel(gebruiker, req, proxyHops));
      return { autorisatie, gebruiker, bronnen: new BronGebruik() };
    },
    gereed: async () => {
      laatsteControle = await subgrafenBereikbaar(gateway.subgraafUrls);
      return gateway.subgraafUrls.size > 0 && Object.values(laatsteControle).every(Boolean);
    },
    toestand: () => ({ subgrafen: laatsteControle }),
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
  };
}
