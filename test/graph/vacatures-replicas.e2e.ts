import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { scratchDatabase, TEST_DATABASE_URL } from '@duaal-graph/store/test-helpers';
import { leesConfig, startVacatures } from '@duaal-graph/vacatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIEDATUM, startTestMock, type TestMock } from '../contract/mock.ts';
import { VDAB_API, type Vacature } from '../contract/vdab-reader.ts';

/**
 * Two replicas of the vacatures subgraph on one store: VDAB is read by one of
 * them only (the mock's counts: one token, one `initial` read), both answer
 * the same, and when the syncing one stops the other takes over within an
 * interval; a replica started anew on the store loses no VDAB change. On
 * PGlite (both replicas in this process share the one PGlite of their data
 * folder) and, when `DATABASE_URL` is set, on a real PostgreSQL.
 */
const INTERVAL_S = 1;
const INITIAL = `GET ${VDAB_API}/vacatures/initial`;
const TOKEN = 'POST /vdab/isam/sps/oauth/oauth20/token';
const KNELPUNTEN = 'GET /vdab/knelpuntberoepen/{bestand}';

type Replica = Awaited<ReturnType<typeof startVacatures>>;

interface Stats {
  vdab: { routes: Record<string, number> };
}

async function wachtTot(voorwaarde: () => Promise<boolean> | boolean, maxMs = 20_000): Promise<number> {
  const begin = Date.now();
  while (Date.now() - begin < maxMs) {
    if (await voorwaarde()) return Date.now() - begin;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('voorwaarde niet bereikt');
}

async function vraag(replica: Replica, query: string, variables: Record<string, unknown> = {}) {
  const antwoord = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await antwoord.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data ?? {};
}

/** What a replica says of VDAB: the count, the first page, and the duale vacatures. */
const STAND = `{
  alle: vacatures(first: 50) { totalCount edges { node { id titel aantalPosten gemeente { nisCode } } } }
  duaal: vacatures(first: 1, filter: { alleenDuaal: true }) { totalCount }
}`;

const backends = [
  { naam: 'PGlite, one data folder', databank: false },
  { naam: 'PostgreSQL (DATABASE_URL)', databank: true },
];

for (const backend of backends) {
  describe.skipIf(backend.databank && !TEST_DATABASE_URL)(
    `two vacatures replicas on one store: ${backend.naam}`,
    () => {
      let mock: TestMock;
      let dataMap: string;
      let drop: () => Promise<void> = () => Promise.resolve();
      let omgeving: NodeJS.ProcessEnv;
      const replicas: Replica[] = [];
      let voorbeeld: Vacature;
      let vrijeRef = 69_500_001;
      /** The pages of one `initial` read, counted before the tests add vacatures. */
      let paginas = 0;

      const stats = async () => (await (await fetch(`${mock.url}/_mock/stats`)).json()) as Stats;
      const start = async () => {
        const r = await startVacatures(leesConfig(omgeving));
        replicas.push(r);
        return r;
      };
      const houder = () => replicas.filter((r) => r.subgraph.bestanden.vacatures.synchroniseert);
      const zet = async (ref: number) => {
        const v = {
          ...structuredClone(voorbeeld),
          vacatureReferentie: { interneReferentie: randomUUID(), vdabReferentie: ref },
        };
        const antwoord = await fetch(`${mock.url}/_mock/vdab/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(v),
        });
        expect(antwoord.status).toBe(200);
      };
      const heeft = async (r: Replica, ref: number) =>
        (await vraag(r, 'query($id: ID!) { vacature(id: $id) { id } }', { id: String(ref) }))['vacature'] !==
        null;

      beforeAll(async () => {
        mock = await startTestMock({ vdabLimietPerSeconde: 1_000 });
        const vacatures = mock.wereld.vdab.vacatures as unknown as Vacature[];
        const eerste = vacatures[0];
        if (!eerste) throw new Error('geen vacatures');
        voorbeeld = structuredClone(eerste);
        const bekend = new Set(vacatures.map((v) => v.vacatureReferentie.vdabReferentie));
        while (bekend.has(vrijeRef)) vrijeRef += 1;
        paginas = Math.ceil(vacatures.length / 100);
        dataMap = mkdtempSync(join(tmpdir(), 'duaal-replicas-'));
        let databaseUrl: string | undefined;
        if (backend.databank && TEST_DATABASE_URL) {
          const scratch = await scratchDatabase(TEST_DATABASE_URL);
          databaseUrl = scratch.url;
          drop = () => scratch.drop();
        }
        omgeving = {
          DUAAL_REFERENTIEDATUM: REFERENTIEDATUM,
          VDAB_URL: `${mock.url}/vdab`,
          ONDERWIJS_URL: `${mock.url}/onderwijs`,
          VDAB_RATE_LIMIT: '1000',
          VDAB_SYNC_INTERVAL: String(INTERVAL_S),
          VACATURES_PORT: '0',
          VACATURES_DATA_DIR: dataMap,
          PARTNER_TIMEOUT_MS: '2000',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        };
        await fetch(`${mock.url}/_mock/stats/reset`, { method: 'POST' });
        await start();
        await start();
      }, 180_000);

      afterAll(async () => {
        for (const r of replicas.splice(0)) await r.stop();
        await mock.stop();
        await drop();
        rmSync(dataMap, { recursive: true, force: true });
      });

      it('reads VDAB on one replica only, and both answer the same', async () => {
        const [a, b] = replicas;
        if (!a || !b) throw new Error('twee replica’s');
        await wachtTot(() => b.subgraph.bestanden.vacatures.index !== undefined);
        expect(houder()).toHaveLength(1);
        const s = await stats();
        // One token and one `initial` read, page by page: a second reader would double both.
        expect(s.vdab.routes[TOKEN]).toBe(1);
        expect(s.vdab.routes[INITIAL]).toBe(paginas);
        // The knelpuntberoepen too: the other replica takes them from the store.
        await wachtTot(() => b.subgraph.bestanden.knelpunten.data !== undefined);
        expect((await stats()).vdab.routes[KNELPUNTEN]).toBe(1);
        expect(b.subgraph.bestanden.knelpunten.data).toEqual(a.subgraph.bestanden.knelpunten.data);
        const standA = await vraag(a, STAND);
        expect(await vraag(b, STAND)).toEqual(standA);
        expect((standA['alle'] as { totalCount: number }).totalCount).toBeGreaterThan(5_000);

        // A change at VDAB reaches the other replica through the store only.
        const ref = vrijeRef++;
        await zet(ref);
        await wachtTot(async () => (await heeft(a, ref)) && (await heeft(b, ref)));
        expect(await vraag(b, STAND)).toEqual(await vraag(a, STAND));
        expect((await stats()).vdab.routes[TOKEN]).toBe(1);
      });

      it('takes over within one interval when the syncing replica stops, and reads no `initial` again', async () => {
        const [eerste] = houder();
        if (!eerste) throw new Error('geen synchroniserende replica');
        const ander = replicas.find((r) => r !== eerste);
        if (!ander) throw new Error('geen andere replica');
        const voor = await stats();
        await eerste.stop();
        replicas.splice(replicas.indexOf(eerste), 1);
        const overname = await wachtTot(() => ander.subgraph.bestanden.vacatures.synchroniseert);
        console.log(`vacatures-replicas (${backend.naam}): overgenomen na ${overname} ms`);
        expect(overname).toBeLessThanOrEqual(INTERVAL_S * 1000 + 500);

        const ref = vrijeRef++;
        await zet(ref);
        await wachtTot(() => heeft(ander, ref));
        const na = await stats();
        expect(na.vdab.routes[INITIAL]).toBe(voor.vdab.routes[INITIAL]);
        // The new reader has a token of its own: VDAB's calls come from it now.
        expect(na.vdab.routes[TOKEN]).toBe(2);
      });

      it('loses no VDAB change across a restart: a replica started anew answers what the store holds', async () => {
        const [laatste] = replicas;
        if (!laatste) throw new Error('geen replica');
        const voor = await vraag(laatste, STAND);
        const ref = vrijeRef++;
        await zet(ref);
        await wachtTot(() => heeft(laatste, ref));
        await laatste.stop();
        replicas.splice(0);
        const nieuw = await start();
        expect(await heeft(nieuw, ref)).toBe(true);
        expect(await heeft(nieuw, ref - 1)).toBe(true);
        expect(await heeft(nieuw, ref - 2)).toBe(true);
        const na = await vraag(nieuw, STAND);
        expect((na['alle'] as { totalCount: number }).totalCount).toBe(
          (voor['alle'] as { totalCount: number }).totalCount + 1,
        );
        expect((await stats()).vdab.routes[INITIAL]).toBe(paginas);
      });
    },
  );
}
