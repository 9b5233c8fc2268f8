import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { SourceVersions } from './source-versions.ts';

const TOESTAND = [
  { bron: 'VOLTA', toestand: 'ACTUEEL', bijgewerktOp: '2026-11-01T00:00:00.000Z', versie: 3 },
];

/** A subgraph's /ready that answers, hangs (slow) or is gone, as the test says. */
async function subgraph(): Promise<{ url: string; zet: (w: 'antwoord' | 'traag') => void; server: Server }> {
  let wijze: 'antwoord' | 'traag' = 'antwoord';
  const server = createServer((_req, res) => {
    if (wijze === 'traag') return; // never answers: the probe's timeout ends it
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ gereed: true, toestand: TOESTAND }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const adres = server.address();
  const poort = typeof adres === 'object' && adres ? adres.port : 0;
  return {
    url: `http://127.0.0.1:${String(poort)}/graphql`,
    zet: (w) => {
      wijze = w;
    },
    server,
  };
}

const open: Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

describe('SourceVersions', () => {
  it('keeps the versions of a subgraph that is slow to answer for a grace, then drops them', async () => {
    const sg = await subgraph();
    open.push(sg.server);
    const veranderd: string[][] = [];
    let slowGraceMs = 60_000;
    const versies = new SourceVersions({
      subgraphs: () => new Map([['erkenningen', sg.url]]),
      intervalMs: 50,
      dispatcher: new Agent({ connections: 2 }),
      get slowGraceMs() {
        return slowGraceMs;
      },
      onChange: (namen) => veranderd.push([...namen]),
    });
    await versies.probe();
    const eerst = versies.current();
    expect(eerst.get('erkenningen')?.perBron.get('VOLTA')?.fingerprint).toBe('ACTUEEL||v3');
    sg.zet('traag');
    await versies.probe();
    // Slow, not gone: the same versions, nothing dropped.
    expect(versies.current().get('erkenningen')).toBe(eerst.get('erkenningen'));
    expect(veranderd).toEqual([['erkenningen']]);
    slowGraceMs = 0;
    await versies.probe();
    expect(versies.current().has('erkenningen')).toBe(false);
    expect(veranderd).toEqual([['erkenningen'], ['erkenningen']]);
  });

  it('drops the versions of a subgraph that refuses the connection at once', async () => {
    const sg = await subgraph();
    const versies = new SourceVersions({
      subgraphs: () => new Map([['erkenningen', sg.url]]),
      intervalMs: 50,
      dispatcher: new Agent({ connections: 2 }),
    });
    await versies.probe();
    expect(versies.current().has('erkenningen')).toBe(true);
    sg.server.closeAllConnections();
    await new Promise((resolve) => sg.server.close(resolve));
    await versies.probe();
    expect(versies.current().has('erkenningen')).toBe(false);
  });

  it('sees no change between two replicas with the same data, read at other moments', async () => {
    let beurt = 0;
    // Behind one address, two replicas answer in turn: same content version, other read times.
    const server = createServer((_req, res) => {
      beurt += 1;
      const bijgewerktOp = `2026-11-01T00:00:0${String(beurt % 2)}.000Z`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ toestand: [{ bron: 'VDAB', toestand: 'ACTUEEL', bijgewerktOp, versie: 's1.7' }] }),
      );
    });
    open.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const adres = server.address();
    const poort = typeof adres === 'object' && adres ? adres.port : 0;
    const veranderd: string[][] = [];
    const versies = new SourceVersions({
      subgraphs: () => new Map([['vacatures', `http://127.0.0.1:${String(poort)}/graphql`]]),
      intervalMs: 50,
      dispatcher: new Agent({ connections: 2 }),
      onChange: (namen) => veranderd.push([...namen]),
    });
    await versies.probe();
    const eerst = versies.current().get('vacatures')?.perBron.get('VDAB');
    await versies.probe();
    const daarna = versies.current().get('vacatures')?.perBron.get('VDAB');
    expect(daarna?.fingerprint).toBe(eerst?.fingerprint);
    // The statuses served still say when this replica read last.
    expect(daarna?.statuses[0]?.bijgewerktOp).not.toBe(eerst?.statuses[0]?.bijgewerktOp);
    expect(veranderd).toEqual([['vacatures']]);
  });
});
