import { startGateway, leesConfig as gatewayConfig } from '@duaal-graph/gateway';
import { leesConfig as onderwijsaanbodConfig, startOnderwijsaanbod } from '@duaal-graph/onderwijsaanbod';
import { leesConfig as radarConfig, startRadar } from '@duaal-graph/radar';
import { leesConfig as erkenningenConfig, startErkenningen } from '@duaal-graph/erkenningen';
import { REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { startTeller, type Teller } from './teller.ts';

export interface GraafAntwoord {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

export interface Systeem {
  readonly mock: TestMock;
  /** The gateway's GraphQL endpoint. */
  readonly graphql: string;
  readonly gatewayUrl: string;
  /** A counting proxy in front of each subgraph, by name. */
  readonly tellers: Readonly<Record<'erkenningen' | 'onderwijsaanbod' | 'radar', Teller>>;
  vraag(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraafAntwoord>;
  stop(): Promise<void>;
}

export interface SysteemOpties {
  readonly supergraphPad?: string;
  readonly omgeving?: Record<string, string>;
  /** Runs after the mock partners are up and before the subgraphs read them (to inject a fault, say). */
  readonly voorStart?: (mock: TestMock) => Promise<void>;
}

/**
 * Starts the whole system on free loopback ports: the mock partners, the three
 * subgraphs (each behind a counting proxy) and the gateway, on the fixed
 * reference date of the contract tests.
 */
export async function startSysteem(opties: SysteemOpties = {}): Promise<Systeem> {
  const mock = await startTestMock();
  await opties.voorStart?.(mock);
  const omgeving: NodeJS.ProcessEnv = {
    DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
    VOLTA_URL: `${mock.url}/volta`,
    EDUCAM_URL: `${mock.url}/educam`,
    CONSTRUCTIV_URL: `${mock.url}/constructiv`,
    MTECH_URL: `${mock.url}/mtech`,
    WOODWIZE_URL: `${mock.url}/woodwize`,
    ONDERWIJS_URL: `${mock.url}/onderwijs`,
    ERKENNINGEN_PORT: '0',
    ONDERWIJSAANBOD_PORT: '0',
    RADAR_PORT: '0',
    GATEWAY_PORT: '0',
    PARTNER_TIMEOUT_MS: '2000',
    ...opties.omgeving,
  };
  const [erkenningen, onderwijsaanbod, radar] = await Promise.all([
    startErkenningen(erkenningenConfig(omgeving)),
    startOnderwijsaanbod(onderwijsaanbodConfig(omgeving)),
    startRadar(radarConfig(omgeving)),
  ]);
  const tellers = {
    erkenningen: await startTeller(erkenningen.url),
    onderwijsaanbod: await startTeller(onderwijsaanbod.url),
    radar: await startTeller(radar.url),
  };
  const gateway = await startGateway({
    ...gatewayConfig({
      ...omgeving,
      ...(opties.supergraphPad ? { SUPERGRAPH_PATH: opties.supergraphPad } : {}),
    }),
    subgraafUrls: Object.fromEntries(Object.entries(tellers).map(([naam, t]) => [naam, `${t.url}/graphql`])),
  });
  const graphql = `${gateway.url}/graphql`;
  return {
    mock,
    graphql,
    gatewayUrl: gateway.url,
    tellers,
    vraag: async (query, variables, headers) => {
      const antwoord = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: antwoord.status, ...((await antwoord.json()) as Omit<GraafAntwoord, 'status'>) };
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(tellers).map((t) => t.stop()));
      await Promise.all([erkenningen.stop(), onderwijsaanbod.stop(), radar.stop()]);
      await mock.stop();
    },
  };
}
