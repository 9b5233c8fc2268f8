import { randomBytes, randomUUID } from 'node:crypto';
import { collectLogLines, collectSpans } from '@duaal-graph/subgraph-toolkit/observability-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kiesLerende, leesLerenden, type KaziLerende } from './kazi-reader.ts';
import { alle, scrape, som } from './metrics-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/**
 * Metrics, traces and logs of the whole system as an operator sees them: the
 * `/metrics` of every service after a query mix with VOLTA down, one trace per
 * request from the gateway through the subgraphs to Kazi, and no learner's
 * name, birth year, token or query variable in any log line whatever fails.
 */

const FAULT_MODES = ['down', 'slow', 'error500', 'malformed', 'ratelimit', 'flaky', 'truncated'] as const;
const PARTNERS = ['volta', 'educam', 'constructiv', 'mtech', 'woodwize', 'onderwijs', 'vdab', 'kazi'];

const MET_VOLTA = `query MetVolta { ondernemingen(first: 3) { edges { node { ondernemingsnummer naam } } } }`;
const REGIOS = `query Regios { regios { code naam } }`;
const LERENDE = `query Lerende($id: ID!) {
  lerende(id: $id) { id voornaam familienaam geboortejaar suggesties(max: 3) { onderneming { ondernemingsnummer naam } } }
}`;
const NAAM_BEVAT = `query Zoek($tekst: String!) { ondernemingen(first: 2, filter: { naamBevat: $tekst }) { totalCount } }`;

const SUBGRAPHS = ['erkenningen', 'onderwijsaanbod', 'vacatures', 'matching', 'radar'] as const;

function traceparent(): { traceId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

async function zetStoring(basis: string, partner: string, mode: string): Promise<void> {
  const antwoord = await fetch(`${basis}/_mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner, mode, delayMs: 2_500, retryAfterS: 1 }),
  });
  expect(antwoord.status).toBe(200);
}

describe('observability: metrics, traces and logs', () => {
  const spans = collectSpans();
  const logs = collectLogLines();
  let system: System;
  let lerende: KaziLerende;
  let begeleider: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({
      vdabPerSeconde: 1_000,
      omgeving: { LOG_LEVEL: 'debug', REQUEST_LOG: 'true' },
      voorStart: async (mock) => {
        await zetStoring(mock.url, 'volta', 'down');
      },
    });
    ({ lerende } = await kiesLerende(system.mock.url));
    begeleider = await alsRol({ rol: 'trajectbegeleider', instellingsnummer: lerende.instellingsnummer });
  });

  afterAll(async () => {
    await system.stop();
  });

  it('counts requests, errors, subgraph fetches, partner failures and the age of every copy, per service', async () => {
    for (let i = 0; i < 3; i++) {
      const a = await system.vraag(MET_VOLTA);
      expect(a.errors?.map((e) => e.extensions?.['bron'])).toContain('VOLTA');
    }
    const regios = await system.vraag(REGIOS);
    expect(regios.errors).toBeUndefined();
    const fout = await system.vraag('query Kapot { bestaatNiet }');
    expect(fout.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const bronnen = (await system.vraag(MET_VOLTA)).extensions?.['bronnen'] as {
      bron: string;
      bijgewerktOp: string | null;
      toestand: string;
    }[];

    const gateway = await scrape(system.gatewayUrl);
    expect(som(gateway, 'duaal_requests_total', { operation: 'MetVolta', outcome: 'partial' })).toBe(4);
    expect(som(gateway, 'duaal_requests_total', { operation: 'Regios', outcome: 'ok' })).toBe(1);
    // A document that does not validate has no operation yet: it counts as anonymous.
    expect(som(gateway, 'duaal_requests_total', { operation: 'anonymous', outcome: 'error' })).toBe(1);
    expect(som(gateway, 'duaal_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(som(gateway, 'duaal_errors_total', { code: 'PARTNER_UNAVAILABLE' })).toBeGreaterThanOrEqual(4);
    expect(som(gateway, 'duaal_request_duration_seconds_count', { operation: 'MetVolta' })).toBe(4);
    // Every fetch the gateway counts, the proxy in front of that subgraph saw, and the other way round.
    for (const naam of SUBGRAPHS)
      expect(som(gateway, 'duaal_subgraph_fetches_total', { subgraph: naam }), naam).toBe(
        system.proxies[naam].verzoeken.length,
      );
    // No label holds what a caller wrote besides a well-formed operation name.
    for (const s of alle(gateway, 'duaal_requests_total'))
      expect(s.labels['operation']).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);

    const erkenningen = await scrape(system.proxies.erkenningen.url);
    const volta = alle(erkenningen, 'duaal_partner_calls_total').filter((s) => s.labels['bron'] === 'VOLTA');
    expect(volta.length).toBeGreaterThan(0);
    expect(som(erkenningen, 'duaal_partner_calls_total', { bron: 'VOLTA', outcome: 'ok' })).toBe(0);
    expect(som(erkenningen, 'duaal_partner_calls_total', { bron: 'EDUCAM', outcome: 'ok' })).toBeGreaterThan(
      0,
    );
    expect(som(erkenningen, 'duaal_source_state', { bron: 'VOLTA', toestand: 'ONBESCHIKBAAR' })).toBe(1);
    expect(som(erkenningen, 'duaal_source_state', { bron: 'EDUCAM', toestand: 'ACTUEEL' })).toBe(1);
    expect(alle(erkenningen, 'duaal_source_age_seconds').some((s) => s.labels['bron'] === 'VOLTA')).toBe(
      false,
    );
    // The age of each copy is what the responses say: the time since its `bijgewerktOp`.
    const nu = Date.now();
    for (const bron of ['EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE']) {
      const gemeld = bronnen.find((b) => b.bron === bron)?.bijgewerktOp;
      expect(gemeld, bron).toBeTruthy();
      const leeftijd = som(erkenningen, 'duaal_source_age_seconds', { bron });
      expect(Math.abs(leeftijd - (nu - Date.parse(gemeld ?? '')) / 1000), bron).toBeLessThan(5);
      expect(som(erkenningen, 'duaal_source_records', { bron }), bron).toBeGreaterThan(0);
    }
    // Each subgraph shows its own requests only; the process metrics are there in every service.
    for (const naam of SUBGRAPHS) {
      const eigen = await scrape(system.proxies[naam].url);
      expect(new Set(eigen.map((s) => s.labels['service']))).toEqual(new Set([naam]));
      expect(som(eigen, 'duaal_process_resident_memory_bytes')).toBeGreaterThan(0);
    }
    const vacatures = await scrape(system.proxies.vacatures.url);
    expect(som(vacatures, 'duaal_source_records', { bron: 'VDAB', kopie: 'vacatures' })).toBeGreaterThan(0);
    const lag = som(vacatures, 'duaal_vdab_sync_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(600);
  });

  it('traces each request as one trace from the gateway through the subgraphs to Kazi, named in logs and extensions', async () => {
    spans.reset();
    const { traceId, header } = traceparent();
    const a = await system.vraag(LERENDE, { id: lerende.lerendeId }, { ...begeleider, traceparent: header });
    // VOLTA is down: the names of its ondernemingen are missing, the rest stands.
    expect(a.errors?.map((e) => e.extensions?.['bron']) ?? []).toEqual(
      (a.errors ?? []).length > 0 ? ['VOLTA'] : [],
    );
    expect((a.data?.['lerende'] as { id: string } | null)?.id).toBe(lerende.lerendeId);
    expect(a.extensions?.['traceId']).toBe(traceId);
    const anders = await system.vraag(REGIOS);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const eigen = spans.spans().filter((s) => s.spanContext().traceId === traceId);
    const server = eigen.filter((s) => s.attributes['duaal.service'] !== undefined);
    expect(new Set(server.map((s) => s.attributes['duaal.service']))).toEqual(
      // The onderneming's naam falls back on its VDAB vacatures (`@requires vacatureNaam`): vacatures is in it too.
      new Set(['gateway', 'matching', 'erkenningen', 'vacatures']),
    );
    expect(eigen.some((s) => s.name === 'gateway.plan')).toBe(true);
    expect(eigen.filter((s) => s.name === 'gateway.fetch').length).toBeGreaterThanOrEqual(2);
    const kazi = eigen.filter((s) => s.name === 'partner KAZI');
    expect(kazi.length).toBeGreaterThan(0);
    for (const s of kazi) expect(s.attributes).toMatchObject({ 'duaal.bron': 'KAZI', 'duaal.outcome': 'ok' });
    // Every span hangs in the one tree: its parent is a span of this trace (the gateway's, the client's).
    const ids = new Set(eigen.map((s) => s.spanContext().spanId));
    const wortels = eigen.filter((s) => !ids.has(s.parentSpanContext?.spanId ?? ''));
    expect(wortels.map((s) => s.attributes['duaal.service'])).toEqual(['gateway']);
    // The other request is a trace of its own.
    expect(anders.extensions?.['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect(anders.extensions?.['traceId']).not.toBe(traceId);

    const regels = logs.parsed().filter((r) => r['requestId'] === traceId);
    expect(new Set(regels.map((r) => r['service']))).toEqual(
      new Set(['gateway', 'matching', 'erkenningen', 'vacatures']),
    );
    expect(regels.some((r) => r['service'] === 'gateway' && r['msg'] === 'verzoek')).toBe(true);
  });

  it('writes no learner name, birth year, token or query variable into any log line, whatever fails', async () => {
    const lerenden = await leesLerenden(system.mock.url, { instellingsnummer: lerende.instellingsnummer });
    const token = begeleider['authorization']?.replace('Bearer ', '') ?? '';
    const geheimen: string[] = [token];
    const vraag = async () => {
      const tekst = `geheim-${randomUUID()}`;
      geheimen.push(tekst);
      await system.vraag(NAAM_BEVAT, { tekst }, begeleider);
      await system.vraag(LERENDE, { id: lerende.lerendeId }, begeleider);
    };
    await vraag();
    for (const mode of FAULT_MODES) {
      for (const partner of PARTNERS) await zetStoring(system.mock.url, partner, mode);
      await vraag();
      await fetch(`${system.mock.url}/_mock/faults`, { method: 'DELETE' });
    }
    const regels = logs.lines();
    expect(regels.length).toBeGreaterThan(20);
    for (const regel of regels) {
      for (const geheim of geheimen) expect(regel).not.toContain(geheim);
      for (const l of lerenden) {
        expect(regel).not.toContain(`"${l.voornaam}`);
        expect(regel).not.toContain(l.familienaam);
      }
      expect(regel).not.toMatch(/geboortejaar"?\s*:\s*\d/);
    }
  });
});
