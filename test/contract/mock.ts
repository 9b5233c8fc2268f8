import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leesConfig, startMockServer, type MockConfig, type RunningMock } from '@duaal-graph/mocks';

/** The reference date every contract test runs on, so that statuses and school years repeat. */
export const REFERENTIEDATUM = '2026-11-01';

/** Every partner's base URL at a mock, as the services read them from the environment. */
export function partnerUrls(mockUrl: string): Record<string, string> {
  return {
    VOLTA_URL: `${mockUrl}/volta`,
    EDUCAM_URL: `${mockUrl}/educam`,
    CONSTRUCTIV_URL: `${mockUrl}/constructiv`,
    MTECH_URL: `${mockUrl}/mtech`,
    WOODWIZE_URL: `${mockUrl}/woodwize`,
    ONDERWIJS_URL: `${mockUrl}/onderwijs`,
    KAZI_URL: `${mockUrl}/kazi`,
    VDAB_URL: `${mockUrl}/vdab`,
    KBO_URL: `${mockUrl}/kbo`,
  };
}

export interface TestMock extends RunningMock {
  readonly config: MockConfig;
  /** A fresh data folder for Kazi's writes, removed by `stop`. */
  readonly dataMap: string;
}

/**
 * Starts the mock partners on a free loopback port, with no latency, the
 * development credentials and a data folder of its own.
 */
export async function startTestMock(aanpassingen: Partial<MockConfig> = {}): Promise<TestMock> {
  const dataMap = aanpassingen.dataMap ?? mkdtempSync(join(tmpdir(), 'duaal-mock-'));
  const config: MockConfig = {
    ...leesConfig({ DUAAL_REFERENTIEDATUM: REFERENTIEDATUM }),
    poort: 0,
    latentieMs: 0,
    dataMap,
    ...aanpassingen,
  };
  const mock = await startMockServer(config);
  return {
    ...mock,
    config,
    dataMap,
    stop: async () => {
      await mock.stop();
      if (aanpassingen.dataMap === undefined) rmSync(dataMap, { recursive: true, force: true });
    },
  };
}
