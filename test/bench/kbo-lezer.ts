import { memoryUsage } from 'node:process';
import {
  GEHEUGEN_OPSLAG,
  KboClient,
  KboLezer,
  type KboOpslag,
  type KboRegister,
  type KboSchrijver,
} from '@duaal-graph/erkenningen/kbo';

/**
 * One read of the company register in a process of its own, for
 * ./kbo.bench.ts: `bewaar` keeps the register in memory as the subgraph does;
 * `tel` streams every row through a store that only counts them, so that its
 * peak shows what reading costs apart from what is kept. Prints one JSON line.
 */

const [url = '', modus = 'bewaar'] = process.argv.slice(2);

let rijen = 0;
/** A store that keeps nothing: what remains of the peak is the streaming itself. */
const TEL_OPSLAG: KboOpslag = {
  nieuw: (): KboSchrijver => ({
    verwijder: () => undefined,
    voegToe: () => {
      rijen += 1;
      return true;
    },
    voegCodeToe: () => undefined,
    klaar: (stand): KboRegister => ({
      stand,
      aantalOndernemingen: 0,
      onderneming: () => undefined,
      vestiging: () => undefined,
      vestigingenVan: () => [],
      namen: () => [],
      adressen: () => [],
      activiteiten: () => [],
      ondernemingsnummers: () => [],
      omschrijving: () => undefined,
    }),
  }),
  verder: () => TEL_OPSLAG.nieuw(),
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
const start = performance.now();
const stand = await new KboLezer(client, modus === 'tel' ? TEL_OPSLAG : GEHEUGEN_OPSLAG).lees(undefined);
const ms = performance.now() - start;
clearInterval(meter);
piek = Math.max(piek, memoryUsage.rss());
const mb = (b: number) => Math.round(b / 1024 / 1024);
console.log(
  JSON.stringify({
    modus,
    ms: Math.round(ms),
    rssVoorMb: mb(voor),
    piekRssMb: mb(piek),
    heapNaMb: mb(memoryUsage().heapUsed),
    ondernemingen: stand.register.aantalOndernemingen,
    rijen,
    extract: stand.register.stand.nummer,
  }),
);
