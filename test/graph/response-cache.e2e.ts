import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leesAlleVoltaPaginas, type VoltaErkenning } from '../contract/sector-reader.ts';
import { leesLerenden } from './kazi-reader.ts';
import { startSystem, type GraphResponse, type System } from './system.ts';
import { alsRol } from './tokens.ts';

/**
 * The gateway's response cache, judged by its rules, not by today's fields:
 * an answer is served again only to a caller who may see the same, only while
 * every source it used is unchanged, never when a source was read live, and
 * never across supergraphs. Whether an answer came from the cache shows in the
 * subgraph calls it cost (the counting proxies), not in a hook of the cache.
 */

const ONDERNEMING = `query($nr: ID!) {
  onderneming(ondernemingsnummer: $nr) { naam erkenningen { id sector status opleiding { code naam } } }
}`;

interface Erkenning {
  readonly id: string;
  readonly sector: string;
  readonly status: string;
}

type Antwoord = GraphResponse & { readonly calls: number };

function erkenningenVan(antwoord: GraphResponse): Erkenning[] {
  const onderneming = antwoord.data?.['onderneming'] as { erkenningen: Erkenning[] } | null | undefined;
  return onderneming?.erkenningen ?? [];
}

function bijgewerktOp(antwoord: GraphResponse, bron: string): string | null {
  const lijst = (antwoord.extensions?.['bronnen'] ?? []) as { bron: string; bijgewerktOp: string | null }[];
  return lijst.find((b) => b.bron === bron)?.bijgewerktOp ?? null;
}

/** KBO digits as the graph writes them. */
const kbo = (cijfers: string) => cijfers.replace(/^(\d{4})(\d{3})(\d{3})$/, '$1.$2.$3');

function metSysteem(opties: Parameters<typeof startSystem>[0] = {}) {
  const staat: { system?: System } = {};
  // A whole system per describe: on the shared 2-core machine at load 30 its start outlasts the default 60 s.
  beforeAll(async () => {
    staat.system = await startSystem({ vdabPerSeconde: 1_000, ...opties });
  }, 180_000);
  afterAll(async () => {
    await staat.system?.stop();
  });
  const system = () => {
    if (!staat.system) throw new Error('system not started');
    return staat.system;
  };
  const subgraphCalls = () =>
    Object.values(system().proxies).reduce((som, proxy) => som + proxy.verzoeken.length, 0);
  const vraag = async (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Antwoord> => {
    const voor = subgraphCalls();
    const antwoord = await system().vraag(query, variables, headers);
    return { ...antwoord, calls: subgraphCalls() - voor };
  };
  /** Asks until an answer costs no subgraph call (served from the cache); every answer is returned. */
  const totHit = async (...args: Parameters<typeof vraag>): Promise<Antwoord[]> => {
    const antwoorden: Antwoord[] = [];
    for (let i = 0; i < 8; i++) {
      const antwoord = await vraag(...args);
      antwoorden.push(antwoord);
      if (antwoord.calls === 0) return antwoorden;
    }
    throw new Error(`no answer came from the cache: ${JSON.stringify(antwoorden.map((a) => a.calls))}`);
  };
  /** The response cache's counters, as the gateway's `/metrics` shows them. */
  const tellers = async (): Promise<Record<string, number>> => {
    const tekst = await (await fetch(`${system().gatewayUrl}/metrics`)).text();
    const uit: Record<string, number> = {};
    for (const regel of tekst.split('\n')) {
      const m =
        /^duaal_cache_lookups\{(?=[^}]*cache="response")[^}]*result="(\w+)"[^}]*\} (\S+)$/.exec(regel) ??
        /^duaal_response_cache\{[^}]*counter="(\w+)"[^}]*\} (\S+)$/.exec(regel);
      if (m?.[1] && m[2]) uit[m[1]] = Number(m[2]);
    }
    return uit;
  };
  return { system, vraag, totHit, tellers };
}

/** A Volta record of the given status whose company only Volta knows (so one change shows in its answer). */
function kiesRecord(items: readonly VoltaErkenning[], status: string): VoltaErkenning {
  const perOnderneming = new Map<string, VoltaErkenning[]>();
  for (const r of items)
    perOnderneming.set(r.ondernemingsnummer, [...(perOnderneming.get(r.ondernemingsnummer) ?? []), r]);
  const record = items.find(
    (r) =>
      r.status === status &&
      /^\d{10}$/.test(r.ondernemingsnummer.replace(/\D/g, '')) &&
      (perOnderneming.get(r.ondernemingsnummer) ?? []).some((a) => a !== r && a.status === 'ERKEND'),
  );
  if (!record) throw new Error(`no Volta record with status ${status} beside an ERKEND one`);
  return record;
}

describe('the response cache and a partner change', () => {
  // Snapshots refreshed far apart: the one refresh in the test is the one it makes itself.
  const { system, vraag, totHit } = metSysteem({ omgeving: { SNAPSHOT_INTERVAL_S: '600' } });

  it('serves an unchanged answer from the cache, and the change once the source refreshed: never a stale hit', async () => {
    const basis = system().mock.url;
    const record = kiesRecord((await leesAlleVoltaPaginas(basis)).items, 'ERKEND');
    const nr = kbo(record.ondernemingsnummer.replace(/\D/g, ''));
    const vanRecord = (e: Erkenning) => e.id.startsWith(`VOLTA:${record.erkenningId}`);
    const eerste = await totHit(ONDERNEMING, { nr });
    for (const a of eerste) expect(erkenningenVan(a).filter(vanRecord).length).toBeGreaterThan(0);
    const oudGelezen = bijgewerktOp(eerste.at(-1) as Antwoord, 'VOLTA');
    expect(oudGelezen).not.toBeNull();

    const wijziging = await fetch(`${basis}/_mock/volta/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...record, status: 'INGETROKKEN' }),
    });
    expect(wijziging.status).toBe(200);
    // Before the source refreshes, the graph answers from its copy: the cache may too, it says the same.
    // (Whether it is a hit depends on what else refreshed meanwhile on a loaded machine; what it says may not.)
    const voor = await vraag(ONDERNEMING, { nr });
    expect(voor.data).toEqual(eerste.at(-1)?.data);

    const volta = system().erkenningen.bestand.sectoren.find((s) => s.sector === 'VOLTA');
    if (!volta) throw new Error('no Volta snapshot');
    await volta.snapshot.ververs();
    const nieuwGelezen = volta.snapshot.laatsteSucces() ?? '';
    expect(nieuwGelezen > (oudGelezen ?? '')).toBe(true);
    const antwoorden: Antwoord[] = [];
    // The gateway learns of the refresh within a second; until then an answer names the read it comes from.
    const einde = Date.now() + 1_000;
    while (Date.now() < einde) {
      antwoorden.push(await vraag(ONDERNEMING, { nr }));
      await new Promise((r) => setTimeout(r, 50));
    }
    const na = await totHit(ONDERNEMING, { nr });
    // The refresh dropped the entry: some answer after it was asked of the subgraphs again.
    expect([...antwoorden, ...na].some((a) => a.calls > 0)).toBe(true);
    for (const a of na) {
      expect(a.errors).toBeUndefined();
      expect(erkenningenVan(a).filter(vanRecord)).toEqual([]);
      expect(erkenningenVan(a).length).toBeGreaterThan(0);
      expect(bijgewerktOp(a, 'VOLTA')).toBe(nieuwGelezen);
    }
    // extensions.bronnen stays the truth of the data served: an answer that names the new read shows the change,
    // one that still shows the old data names the old read, and once the change showed, it stays.
    let gezien = false;
    for (const a of [...antwoorden, ...na]) {
      const weg = erkenningenVan(a).filter(vanRecord).length === 0;
      expect(bijgewerktOp(a, 'VOLTA')).toBe(weg ? nieuwGelezen : oudGelezen);
      if (gezien) expect(weg).toBe(true);
      gezien ||= weg;
    }
  });
});

describe('the response cache and who may see what', () => {
  const { system, vraag, totHit, tellers } = metSysteem();
  let geschorst: VoltaErkenning;
  let nr: string;

  beforeAll(async () => {
    geschorst = kiesRecord((await leesAlleVoltaPaginas(system().mock.url)).items, 'GESCHORST');
    nr = kbo(geschorst.ondernemingsnummer.replace(/\D/g, ''));
  });

  const vanRecord = (e: Erkenning) => e.id.startsWith(`VOLTA:${geschorst.erkenningId}`);

  it("never serves a partner's answer to the public or to a partner of another sector", async () => {
    const volta = await alsRol({ sub: 'volta-1', rol: 'partner', sector: 'VOLTA' });
    const partner = await totHit(ONDERNEMING, { nr }, volta);
    for (const a of partner)
      expect(
        erkenningenVan(a)
          .filter(vanRecord)
          .map((e) => e.status),
      ).toContain('GESCHORST');
    // Another VOLTA partner may see the same: the answer is shared by what one may see, not by who asks.
    const collega = await vraag(
      ONDERNEMING,
      { nr },
      await alsRol({ sub: 'volta-2', rol: 'partner', sector: 'VOLTA' }),
    );
    expect(collega.calls).toBe(0);
    expect(collega.data).toEqual(partner.at(-1)?.data);

    for (const headers of [
      undefined,
      await alsRol({ sub: 'educam-1', rol: 'partner', sector: 'EDUCAM' }),
      await alsRol({ sub: 'tb-1', rol: 'trajectbegeleider', instellingsnummer: '030007' }),
    ]) {
      const ander = await totHit(ONDERNEMING, { nr }, headers);
      for (const a of ander) {
        expect(erkenningenVan(a).filter(vanRecord)).toEqual([]);
        expect(erkenningenVan(a).every((e) => e.status === 'ERKEND')).toBe(true);
      }
      // Its first answer was its own, asked of the subgraphs, not the partner's from the cache.
      expect(ander[0]?.calls).toBeGreaterThan(0);
    }
  });

  it('gives an anonymous caller and an analist each their own answer to the same query', async () => {
    const lijst = `{ ondernemingen(first: 100, filter: { sector: VOLTA }) { edges { node { ondernemingsnummer erkenningen { sector status } } } } }`;
    const statussen = (a: GraphResponse) =>
      new Set(
        (a.data?.['ondernemingen'] as { edges: { node: { erkenningen: Erkenning[] } }[] }).edges.flatMap(
          (e) => e.node.erkenningen.map((k) => k.status),
        ),
      );
    const analist = await alsRol({ sub: 'analist-1', rol: 'analist' });
    const publiek = await totHit(lijst);
    expect([...statussen(publiek.at(-1) as Antwoord)]).toEqual(['ERKEND']);
    const eerst = await vraag(lijst, undefined, analist);
    expect(eerst.calls).toBeGreaterThan(0);
    const vanAnalist = await totHit(lijst, undefined, analist);
    for (const a of [eerst, ...vanAnalist]) expect(statussen(a).has('GESCHORST')).toBe(true);
    const weerPubliek = await vraag(lijst);
    expect(weerPubliek.calls).toBe(0);
    expect([...statussen(weerPubliek)]).toEqual(['ERKEND']);
  });

  it('sends a browser a large kept answer gzip-compressed, decoding to the bytes an identity caller gets', async () => {
    const query = `{ radar(provincie: WEST_VLAANDEREN) { regioCode opleidingscode aantalPlaatsen signalen } }`;
    await totHit(query);
    // Raw HTTP (undici's request decodes nothing): what goes over the wire, as a browser or curl receives it.
    const vraagRauw = async (acceptEncoding?: string) => {
      const antwoord = await request(`${system().gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
        },
        body: JSON.stringify({ query }),
      });
      const raw = Buffer.from(await antwoord.body.arrayBuffer());
      const encoding = antwoord.headers['content-encoding'];
      const tekst = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      return {
        encoding,
        vary: antwoord.headers['vary'],
        raw,
        tekst: tekst.replace(/,"traceId":"[^"]*"/u, ''),
      };
    };
    const identiteit = await vraagRauw();
    const gzip = [await vraagRauw('gzip, deflate, br, zstd'), await vraagRauw('gzip')];
    expect(identiteit.encoding).toBeUndefined();
    expect(JSON.parse(identiteit.tekst)).toMatchObject({ data: { radar: expect.any(Array) as unknown } });
    for (const a of gzip) {
      expect([a.encoding, a.vary]).toEqual(['gzip', 'Accept-Encoding']);
      expect(a.tekst).toBe(identiteit.tekst);
      expect(a.raw.length).toBeLessThan(identiteit.raw.length / 4);
    }
  });

  it('answers the same question asked by many callers at once once, and keeps that answer', async () => {
    // A question nobody asked yet: the first GESCHORST company's sector list, for a VOLTA partner.
    const volta = await alsRol({ sub: 'volta-3', rol: 'partner', sector: 'VOLTA' });
    const vraagNu = () =>
      vraag(
        `query Samen($nr: ID!) { onderneming(ondernemingsnummer: $nr) { naam erkenningen { sector status } } }`,
        { nr },
        volta,
      );
    const voor = await tellers();
    const antwoorden = await Promise.all(Array.from({ length: 10 }, vraagNu));
    const na = await tellers();
    for (const a of antwoorden) {
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(antwoorden[0]?.data);
    }
    expect(erkenningenVan(antwoorden[0] as Antwoord).map((e) => e.status)).toContain('GESCHORST');
    // One request made the answer; the others waited for it, or found it kept (one that came after an answer
    // nobody waited for may ask again: at most two misses, where ten callers each asking would make ten).
    const misses = (na['miss'] ?? 0) - (voor['miss'] ?? 0);
    expect(misses).toBeLessThanOrEqual(2);
    expect((na['hit'] ?? 0) - (voor['hit'] ?? 0)).toBe(10 - misses);
    expect((await vraagNu()).calls).toBe(0);
  });

  it('never keeps what was read live from Kazi', async () => {
    const lerende = (await leesLerenden(system().mock.url))[0];
    if (!lerende) throw new Error('Kazi has no lerenden');
    const tb = await alsRol({
      sub: 'tb-2',
      rol: 'trajectbegeleider',
      instellingsnummer: lerende.instellingsnummer,
    });
    const query = `query($id: ID!) { lerende(id: $id) { id voornaam status opleiding { code naam } } }`;
    const kaziTotaal = async () =>
      ((await (await fetch(`${system().mock.url}/_mock/stats`)).json()) as { kazi?: { requests: number } })
        .kazi?.requests ?? 0;
    const voor = await kaziTotaal();
    const antwoorden: Antwoord[] = [];
    for (let i = 0; i < 4; i++) antwoorden.push(await vraag(query, { id: lerende.lerendeId }, tb));
    for (const a of antwoorden) {
      expect(a.errors).toBeUndefined();
      expect(a.data?.['lerende']).toMatchObject({ id: lerende.lerendeId, voornaam: lerende.voornaam });
      expect(a.calls).toBeGreaterThan(0);
    }
    // Every answer read Kazi anew.
    expect((await kaziTotaal()) - voor).toBeGreaterThanOrEqual(antwoorden.length);
    expect(system().proxies.matching.verzoeken.length).toBeGreaterThanOrEqual(antwoorden.length);
    // Asked at once, too: an answer read live is never handed to the others who waited for it; each makes its own.
    const voorTellers = await tellers();
    const tegelijk = await Promise.all(
      Array.from({ length: 3 }, () => vraag(query, { id: lerende.lerendeId }, tb)),
    );
    const naTellers = await tellers();
    for (const a of tegelijk) expect(a.data?.['lerende']).toMatchObject({ id: lerende.lerendeId });
    expect((naTellers['hit'] ?? 0) - (voorTellers['hit'] ?? 0)).toBe(0);
    expect((naTellers['uncacheable'] ?? 0) - (voorTellers['uncacheable'] ?? 0)).toBe(3);
  });
});

describe('the response cache and a supergraph reload', () => {
  const map = mkdtempSync(join(tmpdir(), 'duaal-supergraph-'));
  const pad = join(map, 'supergraph.graphql');
  copyFileSync(SUPERGRAPH_FILE, pad);
  const { vraag, totHit } = metSysteem({ supergraphPad: pad });

  it('serves no answer of the old supergraph after a reload, and caches again under the new one', async () => {
    const query = `{ opleiding(code: "DS-ELT-3") { code naam } }`;
    const oud = await totHit(query);
    const verwacht = oud.at(-1)?.data;
    const origineel = readFileSync(pad, 'utf8');
    const beschrijving = `{ __type(name: "Query") { description fields { name description } } }`;
    const voor = JSON.stringify((await vraag(beschrijving)).data);
    // A description changes: the same question, a new supergraph.
    writeFileSync(pad, origineel.replace('Eén onderneming op haar', 'Herladen. Eén onderneming op haar'));
    await expect
      .poll(async () => JSON.stringify((await vraag(beschrijving)).data) !== voor, { timeout: 10_000 })
      .toBe(true);
    const nieuw = await totHit(query);
    expect(nieuw[0]?.calls).toBeGreaterThan(0);
    for (const a of nieuw) expect(a.data).toEqual(verwacht);
  });
});
