import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { kiesLerende, type KaziLerende } from './kazi-reader.ts';
import { alsRol } from './tokens.ts';

/**
 * A rolling update as Kubernetes does it: SIGTERM to a real process (the
 * matching subgraph, whose reads of Kazi are live) while a slow query runs.
 * The query completes, the service says it is not ready and takes no new
 * connection, and the process exits 0.
 */

const KAZI_TRAAG_MS = 2_500;
const INDEX = fileURLToPath(new URL('../../subgraphs/matching/src/index.ts', import.meta.url));

/** One request on a connection of its own, as a new client would open. */
async function vraagNieuw(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
) {
  const agent = new Agent({ pipelining: 0 });
  try {
    const antwoord = await request(url, { ...init, dispatcher: agent });
    return { status: antwoord.statusCode, body: await antwoord.body.text() };
  } finally {
    await agent.close();
  }
}

describe('graceful drain on SIGTERM', () => {
  let mock: TestMock;
  let proces: ChildProcess;
  let basis: string;
  let lerende: KaziLerende;
  const uitvoer: string[] = [];

  beforeAll(async () => {
    mock = await startTestMock();
    ({ lerende } = await kiesLerende(mock.url));
    proces = spawn(process.execPath, ['--import', 'tsx', INDEX], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
        KAZI_URL: `${mock.url}/kazi`,
        MATCHING_PORT: '0',
        PARTNER_TIMEOUT_MS: '10000',
        SHUTDOWN_GRACE_S: '15',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    basis = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`matching did not start:\n${uitvoer.join('')}`));
      }, 60_000);
      proces.stdout?.on('data', (deel: Buffer) => {
        uitvoer.push(deel.toString('utf8'));
        const gevonden = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(uitvoer.join(''));
        if (gevonden?.[1]) {
          clearTimeout(timer);
          resolve(gevonden[1]);
        }
      });
      proces.stderr?.on('data', (deel: Buffer) => uitvoer.push(deel.toString('utf8')));
    });
    for (let i = 0; i < 100 && (await vraagNieuw(`${basis}/ready`)).status !== 200; i++)
      await new Promise((resolve) => setTimeout(resolve, 200));
  }, 90_000);

  afterAll(async () => {
    if (proces.exitCode === null) proces.kill('SIGKILL');
    await mock.stop();
  });

  it('finishes the query in flight, refuses new ones, and exits 0', async () => {
    expect((await vraagNieuw(`${basis}/ready`)).status).toBe(200);
    const storing = await fetch(`${mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner: 'kazi', mode: 'slow', delayMs: KAZI_TRAAG_MS }),
    });
    expect(storing.status).toBe(200);
    const begeleider = await alsRol({
      rol: 'trajectbegeleider',
      instellingsnummer: lerende.instellingsnummer,
    });
    const einde = new Promise<number | null>((resolve) => proces.once('exit', resolve));
    const begin = Date.now();
    const traag = vraagNieuw(`${basis}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...begeleider },
      body: JSON.stringify({
        query: `query($id: ID!) { lerende(id: $id) { id } }`,
        variables: { id: lerende.lerendeId },
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    proces.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Not ready any more, and no new connection is taken.
    await expect(vraagNieuw(`${basis}/ready`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(
      vraagNieuw(`${basis}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const antwoord = await traag;
    expect(antwoord.status).toBe(200);
    const body = JSON.parse(antwoord.body) as { data?: { lerende?: { id: string } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.lerende?.id).toBe(lerende.lerendeId);
    expect(Date.now() - begin).toBeGreaterThanOrEqual(KAZI_TRAAG_MS);
    expect(await einde).toBe(0);
    expect(uitvoer.join('')).toContain('gestopt');
  }, 60_000);
});
