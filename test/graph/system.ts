import { leesConfig as gatewayConfig, startGateway } from '@duaal-graph/gateway';
import { leesConfig as onderwijsaanbodConfig, startOnderwijsaanbod } from '@duaal-graph/onderwijsaanbod';
import { leesConfig as radarConfig, startRadar } from '@duaal-graph/radar';
import { leesConfig as erkenningenConfig, startErkenningen } from '@duaal-graph/erkenningen';
import { leesConfig as matchingConfig, startMatching } from '@duaal-graph/matching';
import type { MockConfig } from '@duaal-graph/mocks';
import { leesConfig as vacaturesConfig, startVacatures } from '@duaal-graph/vacatures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerUrls, REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { seedKboStore } from '../setup/kbo-seed.ts';
import { startCountingProxy, type CountingProxy } from './counting-proxy.ts';

export interface GraphResponse {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

export interface System {
  readonly mock: TestMock;
  /** The gateway's GraphQL endpoint. */
  readonly graphql: string;
  readonly gatewayUrl: string;
  /** A counting proxy in front of each subgraph, by name. */
  readonly proxies: Readonly<
    Record<'erkenningen' | 'onderwijsaanbod' | 'vacatures' | 'matching' | 'radar', CountingProxy>
  >;
  /**
   * Makes a subgraph (un)reachable at its proxy and waits until the gateway's
   * response cache has probed it since, as it does every RESPONSE_CACHE_PROBE_MS:
   * before that, an answer cached while it was up is still served, by design.
   */
  bereikbaar(
    subgraph: 'erkenningen' | 'onderwijsaanbod' | 'vacatures' | 'matching' | 'radar',
    ja: boolean,
  ): Promise<void>;
  /** The erkenningen subgraph as it runs now: its sources (the sector snapshots, the registers), to refresh one now. */
  readonly erkenningen: Awaited<ReturnType<typeof startErkenningen>>['subgraph'];
  /** Stops the erkenningen subgraph and starts it again on the same port and data folder, as a restart would. */
  herstartErkenningen(): Promise<void>;
  /** The vacatures subgraph as it runs now: its index and its VDAB client. */
  readonly vacatures: () => Awaited<ReturnType<typeof startVacatures>>['subgraph'];
  /**
   * Stops the vacatures subgraph and starts it again on the same port and data
   * folder, as a restart would; `tussendoor` runs while it is down.
   */
  herstartVacatures(tussendoor?: () => Promise<void>): Promise<void>;
  /** The radar subgraph as it runs now: its measurements over time. */
  readonly radar: () => Awaited<ReturnType<typeof startRadar>>['subgraph'];
  /**
   * Stops the radar subgraph and starts it again on the same port and data
   * folder, as a restart would; `omgeving` overrides settings (another reference date, say).
   */
  herstartRadar(omgeving?: Record<string, string>): Promise<void>;
  /** The matching subgraph: its copies of Kazi, to refresh one now. */
  readonly matching: Awaited<ReturnType<typeof startMatching>>['subgraph'];
  /** The folder of the system's data (the vacatures snapshot, the PGlite stores), removed by `stop`. */
  readonly dataMap: string;
  /** Empties the gateway's response cache, as a new gateway starts (shared-system.ts, between test files). */
  wisAntwoordCache(): void;
  vraag(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphResponse>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  readonly supergraphPad?: string;
  /** Settings of the mock partners (a VDAB token lifetime of its own, say). */
  readonly mock?: Partial<MockConfig>;
  /**
   * VDAB's limit of requests a second, at the mock and in the subgraph's client
   * alike; the real 10 unless a test that is not about the limit raises it to
   * load the vacatures in a moment instead of six seconds.
   */
  readonly vdabPerSeconde?: number;
  readonly omgeving?: Record<string, string>;
  /** Runs after the mock partners are up and before the subgraphs read them (to inject a fault, say). */
  readonly voorStart?: (mock: TestMock) => Promise<void>;
  /**
   * Reads the company register from KBO at the start, as a first start does; without it the
   * system's store starts with the register the test run read once (test/setup/kbo-seed.ts).
   */
  readonly kboVers?: boolean;
}

/**
 * Starts the whole system on free loopback ports: the mock partners, the five
 * subgraphs (each behind a counting proxy) and the gateway, on the fixed
 * reference date of the contract tests. VDAB keeps its real limit of 10
 * requests a second unless a test sets another on both sides.
 *
 * Which to use: a file that only reads the system with the default options
 * (`{ vdabPerSeconde: 1_000 }`, no `omgeving`, no `voorStart`, no mock
 * options) and changes nothing that outlives its own tests (no record hooks,
 * faults, mutations, measurements or restarts) takes `sharedSystem()`
 * (shared-system.ts) and is listed in SHARED_E2E in vitest.config.ts: one
 * system per worker then serves all such files, a start (~20–30 s of CPU)
 * saved per file. Any other file starts its own here and stops it in `afterAll`.
 */
export async function startSystem(opties: SystemOptions = {}): Promise<System> {
  const vdabPerSeconde = opties.vdabPerSeconde ?? 10;
  const mock = await startTestMock({ vdabLimietPerSeconde: vdabPerSeconde, ...opties.mock });
  await opties.voorStart?.(mock);
  // The vacatures index keeps its snapshot in a folder of this system's own, gone when it stops.
  const dataMap = mkdtempSync(join(tmpdir(), 'duaal-vacatures-'));
  // The erkenningen subgraph's store is `<ERKENNINGEN_DATA_DIR>/store`.
  if (opties.kboVers !== true) await seedKboStore(mock.url, join(dataMap, 'store'));
  const omgeving: NodeJS.ProcessEnv = {
    DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
    ...partnerUrls(mock.url),
    VDAB_RATE_LIMIT: String(vdabPerSeconde),
    VACATURES_DATA_DIR: dataMap,
    // The radar's measurements too: a PGlite folder is one process's alone.
    RADAR_DATA_DIR: join(dataMap, 'radar'),
    // The findings history of the services without a store of their own: the vacatures PGlite, one
    // instance in this process (each new one costs seconds), shared as services share one PostgreSQL.
    ERKENNINGEN_DATA_DIR: dataMap,
    ONDERWIJSAANBOD_DATA_DIR: dataMap,
    MATCHING_DATA_DIR: dataMap,
    ERKENNINGEN_PORT: '0',
    ONDERWIJSAANBOD_PORT: '0',
    VACATURES_PORT: '0',
    MATCHING_PORT: '0',
    RADAR_PORT: '0',
    GATEWAY_PORT: '0',
    PARTNER_TIMEOUT_MS: '2000',
    // No daily measurement a minute after start (on a busy machine it competed with every test past it):
    // the tests of measurements take theirs on demand.
    PEILING_TIJD: 'uit',
    ...opties.omgeving,
  };
  const matchingGestart = startMatching(matchingConfig(omgeving));
  // Onderwijsaanbod reads VDAB's beroepsprofiel labels from the vacatures subgraph: it needs its port.
  const vacaturesGestart = startVacatures(vacaturesConfig(omgeving));
  const onderwijsaanbodGestart = vacaturesGestart.then((v) =>
    startOnderwijsaanbod(onderwijsaanbodConfig({ BEROEPSPROFIELEN_URL: `${v.url}/graphql`, ...omgeving })),
  );
  const [eersteErkenningen, onderwijsaanbod, eersteVacatures, eersteRadar] = await Promise.all([
    startErkenningen(erkenningenConfig(omgeving)),
    onderwijsaanbodGestart,
    vacaturesGestart,
    startRadar(radarConfig(omgeving)),
  ]);
  let erkenningen = eersteErkenningen;
  let vacatures = eersteVacatures;
  let radar = eersteRadar;
  const matching = await matchingGestart;
  const proxies = {
    erkenningen: await startCountingProxy(erkenningen.url),
    onderwijsaanbod: await startCountingProxy(onderwijsaanbod.url),
    vacatures: await startCountingProxy(vacatures.url),
    matching: await startCountingProxy(matching.url),
    radar: await startCountingProxy(radar.url),
  };
  const gateway = await startGateway({
    ...gatewayConfig({
      ...omgeving,
      ...(opties.supergraphPad ? { SUPERGRAPH_PATH: opties.supergraphPad } : {}),
    }),
    subgraphUrls: Object.fromEntries(Object.entries(proxies).map(([naam, t]) => [naam, `${t.url}/graphql`])),
  });
  const graphql = `${gateway.url}/graphql`;
  // The radar measures through the graph; the gateway started after it, on a port of its own.
  radar.subgraph.peilingen.graafUrl = graphql;
  return {
    mock,
    graphql,
    gatewayUrl: gateway.url,
    proxies,
    bereikbaar: async (subgraph, ja) => {
      proxies[subgraph].bereikbaar(ja);
      // A round under way may have begun before the change: the second one surely did not.
      await gateway.gateway.responseCache?.versions.probe();
      await gateway.gateway.responseCache?.versions.probe();
    },
    get erkenningen() {
      return erkenningen.subgraph;
    },
    herstartErkenningen: async () => {
      await erkenningen.stop();
      erkenningen = await startErkenningen(
        erkenningenConfig({ ...omgeving, ERKENNINGEN_PORT: new URL(erkenningen.url).port }),
      );
    },
    vacatures: () => vacatures.subgraph,
    herstartVacatures: async (tussendoor) => {
      await vacatures.stop();
      // A sync under way finishes on its own; wait for it, so that it cannot write after the new one read.
      await vacatures.subgraph.bestanden.vacatures.rust();
      await tussendoor?.();
      vacatures = await startVacatures(
        vacaturesConfig({ ...omgeving, VACATURES_PORT: new URL(vacatures.url).port }),
      );
    },
    radar: () => radar.subgraph,
    matching: matching.subgraph,
    dataMap,
    wisAntwoordCache: () => {
      gateway.gateway.responseCache?.clear();
    },
    herstartRadar: async (anders) => {
      await radar.stop();
      radar = await startRadar(radarConfig({ ...omgeving, ...anders, RADAR_PORT: new URL(radar.url).port }));
      radar.subgraph.peilingen.graafUrl = graphql;
    },
    vraag: async (query, variables, headers) => {
      const antwoord = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: antwoord.status, ...((await antwoord.json()) as Omit<GraphResponse, 'status'>) };
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(proxies).map((t) => t.stop()));
      await Promise.all([erkenningen.stop(), onderwijsaanbod.stop(), vacatures.stop(), radar.stop()]);
      await vacatures.subgraph.bestanden.vacatures.rust();
      await matching.stop();
      await mock.stop();
      rmSync(dataMap, { recursive: true, force: true });
    },
  };
}
