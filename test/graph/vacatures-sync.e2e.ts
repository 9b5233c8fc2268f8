import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDAB_API, VdabLezer, type BulkItem, type Vacature } from '../contract/vdab-reader.ts';
import { startSystem, type System } from './system.ts';
import { alsRol } from './tokens.ts';
import { regioVan, werkgeverVan } from './vacatures-expectations.ts';

/** Not about VDAB's limit: both sides raise it. The index syncs every second, so that a change shows at once. */
const VDAB_PER_SECONDE = 1_000;
const INITIAL = `GET ${VDAB_API}/vacatures/initial`;

interface Stats {
  vdab: { requests: number; routes: Record<string, number> };
}

async function wachtTot(voorwaarde: () => Promise<boolean>, maxMs = 15_000): Promise<void> {
  const einde = Date.now() + maxMs;
  while (Date.now() < einde) {
    if (await voorwaarde()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('voorwaarde niet bereikt');
}

describe('the vacatures index follows VDAB', () => {
  let system: System;
  let voorbeeld: Vacature;
  let kbo: string;
  let opleiding: string;
  let vrijeRef = 69_000_001;

  beforeAll(async () => {
    system = await startSystem({ vdabPerSeconde: VDAB_PER_SECONDE, omgeving: { VDAB_SYNC_INTERVAL: '1' } });
    const vacatures = system.mock.wereld.vdab.vacatures as unknown as Vacature[];
    const gekozen = vacatures.find(
      (v) => v.arbeidsovereenkomst.arbeidsContract === 'DUAAL_LEREN' && werkgeverVan(v) && regioVan(v),
    );
    if (!gekozen) throw new Error('geen duale vacature met werkgever');
    voorbeeld = structuredClone(gekozen);
    kbo = werkgeverVan(voorbeeld) ?? '';
    const opleidingen = (await (await fetch(`${system.mock.url}/onderwijs/v1/opleidingen`)).json()) as {
      opleidingscode: string;
      beroepsprofielCodes: string[];
    }[];
    opleiding =
      opleidingen.find((o) => o.beroepsprofielCodes.includes(voorbeeld.functie.beroepsprofiel.code))
        ?.opleidingscode ?? '';
    const bekend = new Set(vacatures.map((v) => v.vacatureReferentie.vdabReferentie));
    while (bekend.has(vrijeRef)) vrijeRef += 1;
  });

  afterAll(async () => {
    await system.stop();
  });

  const zet = async (v: Vacature) => {
    const antwoord = await fetch(`${system.mock.url}/_mock/vdab/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(v),
    });
    expect(antwoord.status).toBe(200);
  };

  /** What the graph says about one vacature, its werkgever and the radar cells of its opleiding. */
  async function stand(id: number) {
    const antwoord = await system.vraag(
      `query($id: ID!, $kbo: ID!, $o: ID!) {
        vacature(id: $id) { id aantalPosten titel gemeente { nisCode } werkgever { ondernemingsnummer } }
        werkgever: vacatures(filter: { werkgever: $kbo }, first: 100) { totalCount edges { node { id } } }
        opleiding(code: $o) { radar(provincie: WEST_VLAANDEREN) { regioCode aantalVacatures aantalDualeVacatures } } }`,
      { id: String(id), kbo, o: opleiding },
    );
    expect(antwoord.errors).toBeUndefined();
    const data = antwoord.data as {
      vacature: {
        id: string;
        aantalPosten: number;
        titel: string;
        gemeente: { nisCode: string } | null;
      } | null;
      werkgever: { totalCount: number; edges: { node: { id: string } }[] };
      opleiding: { radar: { regioCode: string; aantalVacatures: number; aantalDualeVacatures: number }[] };
    };
    const cel = (regio: string) => data.opleiding.radar.find((c) => c.regioCode === regio);
    return { ...data, cel };
  }

  it('shows a vacature created, changed and removed at VDAB after the next sync, counts included', async () => {
    const id = vrijeRef++;
    const voor = await stand(id);
    expect(voor.vacature).toBeNull();
    const nieuw: Vacature = {
      ...structuredClone(voorbeeld),
      vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: id },
      tewerkstellingsadres: { ...voorbeeld.tewerkstellingsadres, postcode: '8000', gemeente: 'Brugge' },
      aantalPosten: 1,
    };
    await zet(nieuw);
    await wachtTot(async () => (await stand(id)).vacature !== null);
    const na = await stand(id);
    expect(na.vacature).toMatchObject({ id: String(id), aantalPosten: 1, gemeente: { nisCode: '31005' } });
    expect(na.werkgever.totalCount).toBe(voor.werkgever.totalCount + 1);
    expect(na.cel('BRUGGE')?.aantalDualeVacatures).toBe((voor.cel('BRUGGE')?.aantalDualeVacatures ?? 0) + 1);

    await zet({
      ...nieuw,
      aantalPosten: 3,
      tewerkstellingsadres: { ...nieuw.tewerkstellingsadres, postcode: '8500' },
    });
    await wachtTot(async () => (await stand(id)).vacature?.aantalPosten === 3);
    const gewijzigd = await stand(id);
    expect(gewijzigd.vacature?.gemeente).toEqual({ nisCode: '34022' });
    expect(gewijzigd.cel('BRUGGE')?.aantalVacatures).toBe(voor.cel('BRUGGE')?.aantalVacatures);
    expect(gewijzigd.cel('ZUID_WEST_VLAANDEREN')?.aantalVacatures).toBe(
      (voor.cel('ZUID_WEST_VLAANDEREN')?.aantalVacatures ?? 0) + 1,
    );

    expect((await fetch(`${system.mock.url}/_mock/vdab/records/${id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    await wachtTot(async () => (await stand(id)).vacature === null);
    const weg = await stand(id);
    expect(weg.werkgever.totalCount).toBe(voor.werkgever.totalCount);
    expect(weg.opleiding.radar).toEqual(voor.opleiding.radar);
  });

  it('applies a change reported twice once: one vacature, its new state, no finding', async () => {
    const id = voorbeeld.vacatureReferentie.vdabReferentie;
    const voor = await stand(id);
    const van = Date.now() - 1_000;
    const gewijzigd = {
      ...structuredClone(voorbeeld),
      functie: { ...voorbeeld.functie, functieTitel: 'Tweemaal gewijzigd' },
    };
    await zet(gewijzigd);
    await zet(gewijzigd);
    await wachtTot(async () => (await stand(id)).vacature?.titel === 'Tweemaal gewijzigd');

    // VDAB did report it twice.
    const lezer = new VdabLezer(system.mock.url, VDAB_PER_SECONDE);
    const pad = `${VDAB_API}/vacatures/bulk?van=${new Date(van).toISOString()}&tot=${new Date(Date.now() + 1_000).toISOString()}`;
    const gemeld = (await lezer.alles<BulkItem>(pad)).resultaten.filter(
      (i) => i.vacatureReferentie.vdabReferentie === id && i.wijziging === 'GEWIJZIGD',
    );
    expect(gemeld).toHaveLength(2);

    const na = await stand(id);
    expect(na.werkgever.totalCount).toBe(voor.werkgever.totalCount);
    expect(na.werkgever.edges.filter((e) => e.node.id === String(id))).toHaveLength(1);
    expect(na.opleiding.radar).toEqual(voor.opleiding.radar);
    const bron = await system.vraag(
      '{ vacaturebron { bevindingen(first: 1000) { recordId } } }',
      {},
      await alsRol({ rol: 'analist' }),
    );
    const bevindingen = (bron.data?.['vacaturebron'] as { bevindingen: { recordId: string }[] }).bevindingen;
    expect(bevindingen.some((b) => b.recordId === String(id))).toBe(false);
  });

  it('restarts from the store: no second initial read, and catches up with what changed meanwhile', async () => {
    const id = vrijeRef++;
    const voor = await stand(id);
    await fetch(`${system.mock.url}/_mock/stats/reset`, { method: 'POST' });
    await system.herstartVacatures(async () => {
      await zet({
        ...structuredClone(voorbeeld),
        vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: id },
      });
    });
    const stats = (await (await fetch(`${system.mock.url}/_mock/stats`)).json()) as Stats;
    expect(stats.vdab.routes[INITIAL]).toBeUndefined();
    expect(stats.vdab.routes[`GET ${VDAB_API}/vacatures/bulk`]).toBeGreaterThan(0);
    // Ready means caught up: the vacature made while it was down is there at once.
    const na = await stand(id);
    expect(na.vacature?.id).toBe(String(id));
    expect(na.werkgever.totalCount).toBe(voor.werkgever.totalCount + 1);
  });
});
