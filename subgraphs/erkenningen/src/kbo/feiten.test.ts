import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VLAANDEREN } from '@duaal-graph/domein';
import { openStore, type Store } from '@duaal-graph/store';
import { scratchDatabase, TEST_DATABASE_URL } from '@duaal-graph/store/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activiteitenVan, hoofdactiviteitVan, kboGemeenten, kboNaam } from './gegevens.ts';
import { KboStoreOpslag } from './opslag.ts';
import {
  GEHEUGEN_OPSLAG,
  type KboExtractStand,
  type KboRegister,
  type KboSchrijver,
  type KboTabel,
} from './register.ts';
import type { CsvRij } from './zip-csv.ts';

/** PGlite makes its cluster at first start: seconds, more on a busy machine. */
const START_MS = 120_000;

/** A valid enterprise number (mod 97) for i, in the register's notation. */
function onderneming(i: number): string {
  const basis = 5_000_000 + i;
  const cijfers = `${basis}${String(97 - (basis % 97)).padStart(2, '0')}`.padStart(10, '0');
  return `${cijfers.slice(0, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}
const vestiging = (i: number, eerste = 2) =>
  `${eerste}.${String(300 + i)}.${String(100 + i)}.${String(500 + i)}`;

type Rij = readonly [KboTabel, CsvRij];
type Wijziging = readonly ['weg', KboTabel, string] | readonly ['bij', KboTabel, CsvRij];

const POSTCODES = ['8500', '8000', '9000', '2000', '3000', '1000', '8900'];

const bedrijf = (o: string, status: string): Rij => [
  'enterprise',
  {
    EnterpriseNumber: o,
    Status: status,
    JuridicalSituation: '000',
    TypeOfEnterprise: '2',
    JuridicalForm: '610',
    StartDate: '01-02-2003',
  },
];
const naam = (e: string, taal: string, type: string, tekst: string): Rij => [
  'denomination',
  { EntityNumber: e, Language: taal, TypeOfDenomination: type, Denomination: tekst },
];
const adres = (e: string, soort: string, postcode: string, land = '', doorgehaald = ''): Rij => [
  'address',
  {
    EntityNumber: e,
    TypeOfAddress: soort,
    CountryNL: land,
    Zipcode: postcode,
    MunicipalityNL: 'x',
    StreetNL: 'Markt',
    HouseNumber: '1',
    Box: '',
    DateStrikingOff: doorgehaald,
  },
];
const activiteit = (e: string, versie: string, code: string, klasse: string): Rij => [
  'activity',
  { EntityNumber: e, ActivityGroup: '001', NaceVersion: versie, NaceCode: code, Classification: klasse },
];
const vestigingVan = (v: string, o: string): Rij => [
  'establishment',
  { EstablishmentNumber: v, StartDate: '05-06-2010', EnterpriseNumber: o },
];

/** Companies with every kind of dirt that the facts must handle as ./gegevens.ts does. */
function volledig(n: number): Rij[] {
  const uit: Rij[] = [];
  for (let i = 0; i < n; i++) {
    const o = onderneming(i);
    const v = vestiging(i);
    uit.push(bedrijf(o, i % 9 === 0 ? 'ST' : 'AC'));
    // An enterprise given twice: the later row counts.
    if (i % 23 === 0) uit.push(bedrijf(o, 'ST'));
    // A French name before the Dutch one; only French; none at all; two Dutch ones (the first counts); padded.
    if (i % 5 !== 4) uit.push(naam(o, '1', '001', `Société ${i}`));
    if (i % 5 < 2) uit.push(naam(o, '2', '001', `  Bedrijf ${i} `));
    if (i % 5 === 1) uit.push(naam(o, '2', '001', `Tweede ${i}`));
    if (i % 5 === 3) uit.push(naam(o, '2', '001', ''), naam(o, '0', '001', `Onbekend ${i}`));
    uit.push(naam(o, '2', '003', `Handelsnaam ${i}`));
    // A seat struck off, abroad, or with a second valid one after it (the first counts).
    if (i % 7 === 0) uit.push(adres(o, 'REGO', '8500', '', '01-01-2020'));
    uit.push(adres(o, 'REGO', POSTCODES[i % POSTCODES.length] ?? '8500', i % 11 === 0 ? 'Frankrijk' : ''));
    if (i % 6 === 0) uit.push(adres(o, 'REGO', '9000'));
    // MAIN in 2008, also in 2025 for some, a 2003 row beside it, two MAIN 2008 codes for others; none for a few.
    if (i % 13 !== 0) uit.push(activiteit(o, '2008', i % 2 === 0 ? '43.211' : '45200', 'MAIN'));
    if (i % 4 === 0) uit.push(activiteit(o, '2025', '16100', 'MAIN'));
    if (i % 3 === 0) uit.push(activiteit(o, '2008', '27110', 'MAIN'), activiteit(o, '2003', '45310', 'MAIN'));
    uit.push(activiteit(o, '2008', '62010', 'SECO'));
    // Vestigingen: one each, a second for some; one given twice, under another onderneming the second time.
    uit.push(vestigingVan(v, o), adres(v, 'BAET', POSTCODES[(i + 3) % POSTCODES.length] ?? '8000'));
    if (i % 8 === 0) {
      const tweede = vestiging(i, 3);
      uit.push(vestigingVan(tweede, o), adres(tweede, 'BAET', '2000', '', i % 16 === 0 ? '02-02-2022' : ''));
    }
    if (i % 17 === 5) uit.push(vestigingVan(v, onderneming(i + 1)));
  }
  return uit;
}

/** What kbo_feit must hold of each onderneming: the facts ./gegevens.ts gives from the rows in memory. */
function verwacht(r: KboRegister) {
  return [...r.ondernemingsnummers()].sort().map((n) => ({
    onderneming: n,
    naam: kboNaam(r, n),
    status: r.onderneming(n)?.status,
    hoofdNace: hoofdactiviteitVan(activiteitenVan(r.activiteiten(n)))?.code ?? null,
    gemeenten: [...kboGemeenten(r, n, VLAANDEREN)],
  }));
}

async function inStore(store: Store) {
  const stand = await new KboStoreOpslag(store.db).stand();
  if (!stand) throw new Error('geen stand');
  const rijen = await store.db
    .selectFrom('kbo_feit')
    .selectAll()
    .where('generatie', '=', stand.generatie)
    .orderBy('onderneming')
    .execute();
  const gemeenten = (postcodes: readonly string[]) => [
    ...new Set(postcodes.flatMap((p) => VLAANDEREN.gemeenteVoorPostcode(p)?.nisCode ?? [])),
  ];
  return rijen
    .map((f) => ({
      onderneming: f.onderneming,
      naam: f.naam,
      status: f.status,
      hoofdNace: f.hoofd_nace,
      gemeenten: gemeenten(f.postcodes),
    }))
    .sort((a, b) => (a.onderneming < b.onderneming ? -1 : 1));
}

const backends = [
  { naam: 'PGlite', skip: false },
  { naam: 'PostgreSQL (DATABASE_URL)', skip: !TEST_DATABASE_URL },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the facts of the register (kbo_feit) on ${backend.naam}`, () => {
    let store: Store;
    let opruimen: () => Promise<void>;
    const N = 120;

    beforeAll(async () => {
      if (backend.naam === 'PGlite') {
        const map = mkdtempSync(join(tmpdir(), 'duaal-kbo-feit-'));
        store = await openStore({ dataDir: map });
        opruimen = () => {
          rmSync(map, { recursive: true, force: true });
          return Promise.resolve();
        };
      } else {
        const scratch = await scratchDatabase(TEST_DATABASE_URL ?? '');
        store = await openStore({ databaseUrl: scratch.url, dataDir: null });
        opruimen = () => scratch.drop();
      }
    }, START_MS);
    afterAll(async () => {
      await store.close();
      await opruimen();
    });

    it(
      'equal the facts computed from the rows, after a full extract and after each update, and when filled afterwards',
      { timeout: START_MS },
      async () => {
        const opslag = new KboStoreOpslag(store.db, null, store.copyInto);
        const rijen = volledig(N);
        let stand: KboExtractStand = { nummer: 200, volledig: 200, datum: '2026-11-01' };
        const schrijver = await opslag.nieuw();
        const geheugen: KboSchrijver = GEHEUGEN_OPSLAG.nieuw();
        for (const [t, r] of rijen) {
          await schrijver.voegToe(t, r);
          geheugen.voegToe(t, r);
        }
        await schrijver.klaar(stand, 0);
        let register = geheugen.klaar(stand);
        // The dirt is there: stopped companies, ones without a name or a MAIN activity.
        expect(verwacht(register).some((f) => f.status === 'ST')).toBe(true);
        expect(verwacht(register).some((f) => f.naam === null)).toBe(true);
        expect(verwacht(register).some((f) => f.hoofdNace === '16100')).toBe(true);
        expect(verwacht(register).some((f) => f.gemeenten.length > 1)).toBe(true);
        expect(await inStore(store)).toEqual(verwacht(register));

        const o = (i: number) => onderneming(i);
        const updates: Wijziging[][] = [
          [
            // A company stops; another changes its name; a third its seat.
            ['weg', 'enterprise', o(1)],
            ['bij', 'enterprise', bedrijf(o(1), 'ST')[1]],
            ['weg', 'denomination', o(2)],
            ['bij', 'denomination', naam(o(2), '2', '001', 'Nieuwe naam')[1]],
            ['weg', 'address', o(3)],
            ['bij', 'address', adres(o(3), 'REGO', '1000')[1]],
          ],
          [
            // A vestiging's address changes; one moves to another company; one is gone; a company is gone.
            ['weg', 'address', vestiging(4)],
            ['bij', 'address', adres(vestiging(4), 'BAET', '8900')[1]],
            ['bij', 'establishment', vestigingVan(vestiging(6), o(7))[1]],
            ['weg', 'establishment', vestiging(10)],
            ['weg', 'enterprise', o(12)],
            // A new company, with its name, seat, activity and a vestiging; a MAIN activity in 2025 for another.
            ['bij', 'enterprise', bedrijf(o(N), 'AC')[1]],
            ['bij', 'denomination', naam(o(N), '2', '001', 'Nieuw bedrijf')[1]],
            ['bij', 'address', adres(o(N), 'REGO', '3000')[1]],
            ['bij', 'activity', activiteit(o(N), '2008', '43211', 'MAIN')[1]],
            ['bij', 'establishment', vestigingVan(vestiging(N), o(N))[1]],
            ['bij', 'address', adres(vestiging(N), 'BAET', '8500')[1]],
            ['weg', 'activity', o(14)],
            ['bij', 'activity', activiteit(o(14), '2025', '27120', 'MAIN')[1]],
          ],
          [
            // A stopped company starts again under a new name.
            ['weg', 'enterprise', o(9)],
            ['bij', 'enterprise', bedrijf(o(9), 'AC')[1]],
            ['weg', 'denomination', o(9)],
            ['bij', 'denomination', naam(o(9), '1', '001', 'Nouveau')[1]],
          ],
        ];
        for (const update of updates) {
          const volgende = { ...stand, nummer: stand.nummer + 1 };
          const schrijf = await opslag.verder(stand);
          const bewerk = GEHEUGEN_OPSLAG.verder(register);
          for (const w of update)
            if (w[0] === 'weg') {
              await schrijf.verwijder(w[1], w[2]);
              bewerk.verwijder(w[1], w[2]);
            } else {
              await schrijf.voegToe(w[1], w[2]);
              bewerk.voegToe(w[1], w[2]);
            }
          await schrijf.klaar(volgende, 0);
          register = bewerk.klaar(volgende);
          stand = volgende;
          expect(await inStore(store), `na update ${stand.nummer}`).toEqual(verwacht(register));
        }
        const naUpdates = verwacht(register);
        expect(naUpdates.find((f) => f.onderneming === o(1))?.status).toBe('ST');
        expect(naUpdates.find((f) => f.onderneming === o(2))?.naam).toBe('Nieuwe naam');
        expect(naUpdates.find((f) => f.onderneming === o(12))).toBeUndefined();

        // A register written before kbo_feit existed (its stand says so) gets its facts once, and says it has them.
        await store.db.deleteFrom('kbo_feit').execute();
        await store.db.updateTable('kbo_stand').set({ feiten: false }).execute();
        expect((await opslag.stand())?.feiten).toBe(false);
        expect(await opslag.vulFeitenAan()).toBe(true);
        expect((await opslag.stand())?.feiten).toBe(true);
        expect(await inStore(store)).toEqual(naUpdates);
      },
    );
  });
}
