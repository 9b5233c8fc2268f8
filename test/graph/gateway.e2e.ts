import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './system.ts';

async function wachtTot(voorwaarde: () => Promise<boolean>, maxMs = 10_000): Promise<void> {
  const einde = Date.now() + maxMs;
  while (Date.now() < einde) {
    if (await voorwaarde()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('voorwaarde niet bereikt');
}

const BESCHRIJVING = `{ __type(name: "Query") { fields { name description } } }`;

describe('the gateway', () => {
  let system: System;
  const map = mkdtempSync(join(tmpdir(), 'duaal-supergraph-'));
  const pad = join(map, 'supergraph.graphql');

  beforeAll(async () => {
    copyFileSync(SUPERGRAPH_FILE, pad);
    system = await startSystem({ supergraphPad: pad });
  });

  afterAll(async () => {
    await system.stop();
  });

  it('is alive on /health and ready on /ready when the subgraphs answer', async () => {
    expect((await fetch(`${system.gatewayUrl}/health`)).status).toBe(200);
    const ready = await fetch(`${system.gatewayUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ gereed: true });
  });

  it('reloads the supergraph when its file changes, without dropping a request, and refuses a broken one', async () => {
    const beschrijving = async () => {
      const antwoord = await system.vraag(BESCHRIJVING);
      const velden = (antwoord.data?.['__type'] as { fields: { name: string; description: string | null }[] })
        .fields;
      return velden.find((v) => v.name === 'regios')?.description ?? '';
    };
    const origineel = readFileSync(pad, 'utf8');
    const oud = await beschrijving();
    expect(oud).not.toBe('');
    let mislukt = 0;
    const verkeerStand = { klaar: false };
    const verkeer = (async () => {
      let n = 0;
      while (!verkeerStand.klaar || n < 20) {
        const a = await system.vraag('{ regios(provincie: WEST_VLAANDEREN) { code } }');
        if (a.status !== 200 || a.errors || (a.data?.['regios'] as unknown[]).length !== 5) mislukt += 1;
        n += 1;
      }
      return n;
    })();
    writeFileSync(pad, origineel.replace(oud, 'Herladen beschrijving.'));
    await wachtTot(async () => (await beschrijving()) === 'Herladen beschrijving.');
    writeFileSync(pad, 'dit is geen supergraph');
    await new Promise((r) => setTimeout(r, 400));
    expect(await beschrijving()).toBe('Herladen beschrijving.');
    verkeerStand.klaar = true;
    expect(await verkeer).toBeGreaterThan(0);
    expect(mislukt).toBe(0);
    writeFileSync(pad, origineel);
    await wachtTot(async () => (await beschrijving()) === oud);
  });
});

describe('when a partner or a subgraph is down', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({
      voorStart: async (mock) => {
        await fetch(`${mock.url}/_mock/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ partner: 'volta', mode: 'down' }),
        });
      },
    });
  });

  afterAll(async () => {
    await system.stop();
  });

  it('answers everything that does not depend on the partner, with one PARTNER_UNAVAILABLE naming it', async () => {
    const antwoord = await system.vraag(
      '{ ondernemingen(first: 5, filter: { status: ERKEND }) { edges { node { erkenningen { sector } } } } opleiding(code: "DS-ELT-3") { naam } }',
    );
    const fouten = (antwoord.errors ?? []).filter((f) => f.extensions?.['code'] === 'PARTNER_UNAVAILABLE');
    expect(fouten).toHaveLength(1);
    expect(fouten[0]?.extensions).toMatchObject({ bron: 'VOLTA', reden: 'DOWN' });
    const edges = (
      antwoord.data?.['ondernemingen'] as { edges: { node: { erkenningen: { sector: string }[] } }[] }
    ).edges;
    expect(edges.length).toBe(5);
    expect(edges.flatMap((e) => e.node.erkenningen).some((e) => e.sector === 'VOLTA')).toBe(false);
    expect(antwoord.data?.['opleiding']).toEqual({ naam: 'Elektrotechnicus duaal' });
    const bronnen = antwoord.extensions?.['bronnen'] as { bron: string; toestand: string }[];
    expect(bronnen.find((b) => b.bron === 'VOLTA')?.toestand).toBe('ONBESCHIKBAAR');
    expect(bronnen.find((b) => b.bron === 'EDUCAM')?.toestand).toBe('ACTUEEL');
  });

  it('keeps answering from the other subgraphs when one cannot be reached', async () => {
    await system.proxies.erkenningen.stop();
    // A nullable field of the unreachable subgraph becomes null; a non-null one would null the whole answer.
    const antwoord = await system.vraag(
      '{ opleiding(code: "DS-ELT-3") { naam } onderneming(ondernemingsnummer: "0403019261") { naam } }',
    );
    expect(antwoord.data?.['opleiding']).toEqual({ naam: 'Elektrotechnicus duaal' });
    expect(antwoord.data?.['onderneming']).toBeNull();
    const bronnen = (antwoord.errors ?? [])
      .filter((f) => f.extensions?.['code'] === 'PARTNER_UNAVAILABLE')
      .map((f) => f.extensions?.['bron']);
    expect(bronnen.sort()).toEqual(['CONSTRUCTIV', 'EDUCAM', 'KBO', 'MTECH', 'VOLTA', 'WOODWIZE']);
  });
});
