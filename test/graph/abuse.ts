import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAccessConfig, signToken, type TokenClaims } from '@duaal-graph/subgraph-toolkit';
import { leesConfig as gatewayConfig, startGateway } from '@duaal-graph/gateway';
import { expect } from 'vitest';
import type { System } from './system.ts';

/** An answer as the client sees it: status, headers, and the body (parsed where it is JSON). */
export interface Antwoord {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
  readonly tekst: string;
}

/** Sends anything to a GraphQL endpoint, the way a hostile client would: any method, body and headers. */
export async function stuur(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Antwoord> {
  const antwoord = await fetch(url, {
    method: init.method ?? 'POST',
    // A GET carries no body and so, by default, no content type: as a browser's link or image would send it.
    headers: { ...(init.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const tekst = await antwoord.text();
  let body: Antwoord['body'] = {};
  try {
    body = JSON.parse(tekst) as Antwoord['body'];
  } catch {
    // not JSON: the test looks at the status
  }
  return { status: antwoord.status, headers: antwoord.headers, body, tekst };
}

export function vraag(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<Antwoord> {
  return stuur(url, { body: JSON.stringify({ query, variables }), ...(headers ? { headers } : {}) });
}

export const codes = (a: Antwoord): unknown[] => (a.body.errors ?? []).map((f) => f.extensions?.['code']);

/** A normal query every gateway must keep answering, whatever else it is sent. */
export async function isGezond(url: string): Promise<void> {
  const a = await vraag(url, '{ regios(provincie: WEST_VLAANDEREN) { code naam } }');
  expect(a.status).toBe(200);
  expect(a.body.errors).toBeUndefined();
  expect(a.body.data?.['regios']).toHaveLength(5);
}

/** A bearer header signed with the development secret, as the gateways of the tests verify it. */
export async function bearer(claims: TokenClaims): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signToken(readAccessConfig({}), claims)}` };
}

/**
 * Another gateway over the same subgraphs, with settings of its own (production,
 * trusted documents, a rate limit): as a second instance behind a load balancer would run.
 */
export async function startExtraGateway(
  system: System,
  omgeving: Record<string, string>,
  subgraphUrls: Record<string, string> = {},
): Promise<{ graphql: string; stop: () => Promise<void> }> {
  const env = { GATEWAY_PORT: '0', ...omgeving };
  const gateway = await startGateway(
    {
      ...gatewayConfig(env),
      subgraphUrls: {
        ...Object.fromEntries(Object.entries(system.proxies).map(([naam, t]) => [naam, `${t.url}/graphql`])),
        ...subgraphUrls,
      },
    },
    readAccessConfig(env),
  );
  return { graphql: `${gateway.url}/graphql`, stop: gateway.stop };
}

/** A subgraph that breaks: every request gets an internal error with a stack, as a crashed resolver gives. */
export async function brokenSubgraph(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: null,
          errors: [
            {
              message: "Cannot read properties of undefined (reading 'naam')",
              extensions: {
                code: 'INTERNAL_SERVER_ERROR',
                stacktrace: [
                  "TypeError: Cannot read properties of undefined (reading 'naam')",
                  '    at /srv/radar/x.ts:1',
                ],
              },
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
