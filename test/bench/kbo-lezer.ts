import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryUsage } from 'node:process';
import { VLAANDEREN } from '@duaal-graph/domein';
import {
  KboClient,
  KboLezer,
  KboStoreOpslag,
  leesWeergave,
  schrijfFeiten,
  type KboExtractSchrijver,
  type KboOpslag,
  type KboStand,
} from '@duaal-graph/erkenningen/kbo';
import { openStore } from '@duaal-graph/store';

/**
 * One read of the company register in a process of its own, for
 * ./kbo.bench.ts: `store` writes it into a store (PGlite in a fresh folder)
 * as the subgraph does, then reads the view the graph answers from; `tel`
 * streams every row through an opslag that only counts them, so that its
 * peak shows what reading costs apart from what is kept. Prints one JSON line.
 */

const [url = '', modus = 'store'] = process.argv.slice(2);

let rijen = 0;
let stand: KboStand | null = null;
/** An opslag that keeps nothing: what remains of the peak is the streaming itself. */
const TEL_OPSLAG: KboOpslag = {
  stand: () => Promise.resolve(stand),
  nieuw: (): Promise<KboExtractSchrijver> =>
    Promise.resolve({
      verwijder: () => Promise.resolve(),
      voegToe: () => {
        rijen += 1;
        return Promise.resolve(true);
      },
      voegCodeToe: () => Promise.resolve(),
      klaar: (s, aantalAfgekeurd) => {
        stand = { stand: s, gat: null, aantalAfgekeurd };
        return Promise.resolve();
      },
      breekAf: () => Promise.resolve(),
    }),
  verder: () => TEL_OPSLAG.nieuw(),
  bewaarGat: () => Promise.resolve(),
};

let piek = memoryUsage.rss();
const meter = setInterval(() => {
  piek = Math.max(piek, memoryUsage.rss());
}, 20);
const voor = memoryUsage.rss();
const client = new KboClient({
  basisUrl: `${url}/kbo`,
  gebruiker: 'duaal',
  wachtwoord: 'kbo-dev',
  timeoutMs: 900_000,
});
const map = mkdtempSync(join(tmpdir(), 'duaal-bench-kbo-store-'));
// With DATABASE_URL the store is that PostgreSQL server, as in the subgraph.
const store =
  modus === 'tel' ? null : await openStore({ databaseUrl: process.env['DATABASE_URL'], dataDir: map });
const cpuMs = (sinds: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(sinds);
  return Math.round((c.user + c.system) / 1000);
};
const start = performance.now();
const cpuStart = process.cpuUsage();
// `store-insert`: the rows through INSERT ... unnest, as with DATABASE_URL, to compare with PGlite's COPY.
const opslag = store
  ? new KboStoreOpslag(store.db, null, modus === 'store' ? store.copyInto : null)
  : TEL_OPSLAG;
const uit = await new KboLezer(client, opslag).lees();
const ms = performance.now() - start;
const cpuLezen = cpuMs(cpuStart);
piek = Math.max(piek, memoryUsage.rss());
const piekLezen = piek;
// What every question reads from: the overview of every onderneming, from the store.
const heapVoorWeergave = memoryUsage().heapUsed;
const weergaveStart = performance.now();
const opslagStand = store ? await new KboStoreOpslag(store.db).stand() : null;
const weergave = store && opslagStand ? await leesWeergave(store.db, opslagStand, VLAANDEREN) : null;
const weergaveMs = performance.now() - weergaveStart;
const cpuWeergave = cpuMs(cpuStart) - cpuLezen;
const weergaveHeap = memoryUsage().heapUsed - heapVoorWeergave;
// The facts of every onderneming written again as the end of a full extract writes them (part of `ms` above).
const feitenStart = performance.now();
if (store && opslagStand)
  await store.db.transaction().execute((trx) => schrijfFeiten(trx, opslagStand.generatie, null));
const feitenMs = performance.now() - feitenStart;
const cpuFeiten = cpuMs(cpuStart) - cpuLezen - cpuWeergave;
clearInterval(meter);
piek = Math.max(piek, memoryUsage.rss());
await store?.close();
rmSync(map, { recursive: true, force: true });
const mb = (b: number) => Math.round(b / 1024 / 1024);
console.log(
  JSON.stringify({
    modus,
    ms: Math.round(ms),
    weergaveMs: Math.round(weergaveMs),
    cpuMs: cpuLezen,
    weergaveCpuMs: cpuWeergave,
    weergaveHeapMb: mb(weergaveHeap),
    feitenMs: Math.round(feitenMs),
    feitenCpuMs: cpuFeiten,
    rssVoorMb: mb(voor),
    piekRssLezenMb: mb(piekLezen),
    piekRssMb: mb(piek),
    heapNaMb: mb(memoryUsage().heapUsed),
    ondernemingen: weergave?.overzicht.aantalOndernemingen ?? null,
    rijen,
    extract: uit.stand.nummer,
  }),
);
