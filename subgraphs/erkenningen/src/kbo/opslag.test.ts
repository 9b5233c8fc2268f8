import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VLAANDEREN } from '@duaal-graph/domein';
import { Lease, openStore, type Store } from '@duaal-graph/store';
import { scratchDatabase, TEST_DATABASE_URL } from '@duaal-graph/store/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kboGegevens, kboGemeenten, kboNaam, kboVestiging, sectorKandidaatVan } from './gegevens.ts';
import { KboStoreOpslag } from './opslag.ts';
import { GEHEUGEN_OPSLAG, type KboRegister, type KboSchrijver, type KboTabel } from './register.ts';
import { leesWeergave } from './weergave.ts';
import type { CsvRij } from './zip-csv.ts';

/** PGlite makes its cluster at first start: seconds, more on a busy machine. */
const START_MS = 120_000;

/** A valid enterprise number (mod 97) for i, in the register's notation. */
function onderneming(i: number): string {
  const basis = 3_000_000 + i;
  const cijfers = `${basis}${String(97 - (basis % 97)).padStart(2, '0')}`.padStart(10, '0');
  return `${cijfers.slice(0, 4)}.${cijfers.slice(4, 7)}.${cijfers.slice(7)}`;
}
const vestiging = (i: number) =>
  `2.${String(100 + (i % 900))}.${String(i).padStart(6, '0').slice(0, 3)}.${String(i).padStart(6, '0').slice(3)}`;

type Rij = readonly [KboTabel, CsvRij];

/** A register of `n` companies: every table, dirt included (a French name only, a struck-off seat, a 2003 row). */
function rijen(n: number, naamVoorvoegsel = 'Bedrijf'): Rij[] {
  const uit: Rij[] = [];
  for (let i = 0; i < n; i++) {
    const o = onderneming(i);
    const v = vestiging(i);
    uit.push(
      [
        'enterprise',
        {
          EnterpriseNumber: o,
          Status: i % 11 === 0 ? 'ST' : 'AC',
          JuridicalSituation: '000',
          TypeOfEnterprise: '2',
          JuridicalForm: '610',
          StartDate: '01-02-2003',
        },
      ],
      ['establishment', { EstablishmentNumber: v, StartDate: '05-06-2010', EnterpriseNumber: o }],
      [
        'denomination',
        {
          EntityNumber: o,
          Language: i % 7 === 0 ? '1' : '2',
          TypeOfDenomination: '001',
          Denomination: `${naamVoorvoegsel} ${i}`,
        },
      ],
      [
        'denomination',
        {
          EntityNumber: v,
          Language: '2',
          TypeOfDenomination: '003',
          // What COPY's text format must escape (a full extract is copied on PGlite): tab, backslash, newline.
          Denomination: i % 17 === 0 ? `Winkel\t${i} \\N "x"\r\n` : `Winkel ${i}`,
        },
      ],
      [
        'address',
        {
          EntityNumber: o,
          TypeOfAddress: 'REGO',
          CountryNL: '',
          Zipcode: '8500',
          MunicipalityNL: 'Kortrijk',
          StreetNL: 'Markt',
          HouseNumber: String(i),
          Box: '',
          DateStrikingOff: i % 13 === 0 ? '01-01-2020' : '',
        },
      ],
      [
        'address',
        {
          EntityNumber: v,
          TypeOfAddress: 'BAET',
          CountryNL: '',
          Zipcode: '8000',
          MunicipalityNL: 'Brugge',
          StreetNL: 'Zand',
          HouseNumber: '2',
          Box: '',
          DateStrikingOff: '',
        },
      ],
      [
        'activity',
        {
          EntityNumber: o,
          ActivityGroup: '001',
          NaceVersion: '2008',
          NaceCode: i % 2 === 0 ? '43211' : '45200',
          Classification: 'MAIN',
        },
      ],
      [
        'activity',
        {
          EntityNumber: o,
          ActivityGroup: '001',
          NaceVersion: '2003',
          NaceCode: '45310',
          Classification: 'SECO',
        },
      ],
    );
  }
  return uit;
}

const CODES: CsvRij[] = [
  { Category: 'JuridicalForm', Code: '610', Language: 'NL', Description: 'Besloten vennootschap' },
  { Category: 'JuridicalForm', Code: '610', Language: 'FR', Description: 'Société à responsabilité limitée' },
];

function inGeheugen(rij: readonly Rij[], schrijver: KboSchrijver = GEHEUGEN_OPSLAG.nieuw()): KboSchrijver {
  for (const c of CODES) schrijver.voegCodeToe(c);
  for (const [t, r] of rij) schrijver.voegToe(t, r);
  return schrijver;
}

/** Every fact the graph gives of the register's companies and vestigingen: the independent reading to compare with. */
async function feiten(
  nummers: readonly string[],
  register: (n: string) => Promise<KboRegister> | KboRegister,
) {
  const uit: unknown[] = [];
  for (const n of nummers) {
    const r = await register(n);
    const g = kboGegevens(r, n, VLAANDEREN);
    uit.push(g, kboNaam(r, n), sectorKandidaatVan(r, n), [...kboGemeenten(r, n, VLAANDEREN)]);
    for (const v of g?.vestigingsnummers ?? []) uit.push(kboVestiging(r, v, VLAANDEREN));
  }
  return uit;
}

const backends = [
  { naam: 'PGlite', skip: false },
  { naam: 'PostgreSQL (DATABASE_URL)', skip: !TEST_DATABASE_URL },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the company register in the store on ${backend.naam}`, () => {
    let store: Store;
    let opruimen: () => Promise<void>;
    let open: () => Promise<Store>;
    const N = 400;
    const nummers = Array.from({ length: N }, (_, i) => onderneming(i));

    beforeAll(async () => {
      if (backend.naam === 'PGlite') {
        const map = mkdtempSync(join(tmpdir(), 'duaal-kbo-store-'));
        open = () => openStore({ dataDir: map });
        opruimen = () => {
          rmSync(map, { recursive: true, force: true });
          return Promise.resolve();
        };
      } else {
        const scratch = await scratchDatabase(TEST_DATABASE_URL ?? '');
        open = () => openStore({ databaseUrl: scratch.url, dataDir: null });
        opruimen = () => scratch.drop();
      }
      store = await open();
    }, START_MS);
    afterAll(async () => {
      await store.close();
      await opruimen();
    });

    it(
      'writes a full extract in batches, then updates one transaction each, equal to the register built in memory',
      { timeout: START_MS },
      async () => {
        const opslag = new KboStoreOpslag(store.db, null, store.copyInto);
        expect(await opslag.stand()).toBeNull();
        const volledig = rijen(N);
        const schrijver = await opslag.nieuw();
        for (const c of CODES) await schrijver.voegCodeToe(c);
        for (const [t, r] of volledig) expect(await schrijver.voegToe(t, r)).toBe(true);
        // A number in no notation of the register is left out, and said so.
        expect(await schrijver.voegToe('enterprise', { EnterpriseNumber: '403170701' })).toBe(false);
        // Until it is done, nothing of it is the register.
        expect(await opslag.stand()).toBeNull();
        await schrijver.klaar({ nummer: 141, volledig: 141, datum: '2026-11-01' }, 1);
        const eerste = await opslag.stand();
        expect(eerste).toMatchObject({
          stand: { nummer: 141, volledig: 141 },
          gat: null,
          aantalAfgekeurd: 1,
        });

        // An update: a company's names and activities replaced, a vestiging moved to another company, one company gone.
        const update = await opslag.verder({ nummer: 141, volledig: 141, datum: '2026-11-01' });
        const geheugen = GEHEUGEN_OPSLAG.verder(
          inGeheugen(volledig).klaar({ nummer: 141, volledig: 141, datum: '2026-11-01' }),
        );
        const deletes: [KboTabel, string][] = [
          ['denomination', nummers[1] ?? ''],
          ['activity', nummers[1] ?? ''],
          ['enterprise', nummers[2] ?? ''],
          ['establishment', vestiging(3)],
        ];
        const inserts: Rij[] = [
          [
            'denomination',
            {
              EntityNumber: nummers[1] ?? '',
              Language: '2',
              TypeOfDenomination: '001',
              Denomination: 'Nieuwe naam',
            },
          ],
          [
            'activity',
            {
              EntityNumber: nummers[1] ?? '',
              ActivityGroup: '001',
              NaceVersion: '2008',
              NaceCode: '16100',
              Classification: 'MAIN',
            },
          ],
          [
            'establishment',
            {
              EstablishmentNumber: vestiging(3),
              StartDate: '01-01-2026',
              EnterpriseNumber: nummers[4] ?? '',
            },
          ],
        ];
        for (const [t, e] of deletes) {
          await update.verwijder(t, e);
          geheugen.verwijder(t, e);
        }
        for (const [t, r] of inserts) {
          await update.voegToe(t, r);
          geheugen.voegToe(t, r);
        }
        const stand142 = { nummer: 142, volledig: 141, datum: '2026-11-02' };
        await update.klaar(stand142, 1);
        const verwacht = geheugen.klaar(stand142);
        const nu = await opslag.stand();
        expect(nu).toMatchObject({ stand: stand142 });
        if (!nu) throw new Error('geen stand');
        const weergave = await leesWeergave(store.db, nu, VLAANDEREN);
        expect(await feiten(nummers, (n) => weergave.bundel([n]))).toEqual(
          await feiten(nummers, () => verwacht),
        );
        // The overview lists need agrees with the facts of each company.
        expect(weergave.overzicht.aantalOndernemingen).toBe(N - 1);
        for (const n of nummers) {
          expect(weergave.overzicht.naam(n), n).toBe(kboNaam(verwacht, n));
          expect(weergave.overzicht.sectorKandidaat(n), n).toBe(sectorKandidaatVan(verwacht, n));
          expect(weergave.overzicht.gestopt(n), n).toBe(verwacht.onderneming(n)?.status === 'ST');
          // A company whose enterprise row is gone is no longer in the lists, whatever rows of it remain.
          const gemeenten = verwacht.onderneming(n) ? [...kboGemeenten(verwacht, n, VLAANDEREN)] : [];
          expect([...weergave.overzicht.gemeenten(n)], n).toEqual(gemeenten);
        }
        expect(weergave.overzicht.naam(nummers[1] ?? '')).toBe('Nieuwe naam');
        // One batch for many entities: the same facts as one by one.
        const samen = await weergave.bundel(nummers.slice(0, 50));
        expect(await feiten(nummers.slice(0, 50), () => samen)).toEqual(
          await feiten(nummers.slice(0, 50), () => verwacht),
        );
      },
    );

    it(
      'drops an update that breaks off, and keeps the register a new full extract replaces until that one is done',
      { timeout: START_MS },
      async () => {
        const opslag = new KboStoreOpslag(store.db, null, store.copyInto);
        const voor = await opslag.stand();
        if (!voor) throw new Error('geen stand');
        const weergaveVoor = await leesWeergave(store.db, voor, VLAANDEREN);
        const update = await opslag.verder(voor.stand);
        await update.verwijder('denomination', nummers[5] ?? '');
        await update.breekAf();
        expect(await opslag.stand()).toEqual(voor);
        expect(kboNaam(await weergaveVoor.bundel([nummers[5] ?? '']), nummers[5] ?? '')).toBe('Bedrijf 5');

        // An update for a stand the register is not at is refused.
        await expect(opslag.verder({ ...voor.stand, nummer: 7 })).rejects.toThrow();

        const nieuw = await opslag.nieuw();
        for (const [t, r] of rijen(10, 'Anders')) await nieuw.voegToe(t, r);
        expect((await opslag.stand())?.generatie).toBe(voor.generatie);
        expect(kboNaam(await weergaveVoor.bundel([nummers[0] ?? '']), nummers[0] ?? '')).toBe('Bedrijf 0');
        await nieuw.klaar({ nummer: 150, volledig: 150, datum: '2026-12-01' }, 0);
        const na = await opslag.stand();
        expect(na).toMatchObject({ generatie: voor.generatie + 1, stand: { nummer: 150 } });
        if (!na) throw new Error('geen stand');
        const weergave = await leesWeergave(store.db, na, VLAANDEREN);
        expect(weergave.overzicht.aantalOndernemingen).toBe(10);
        expect(weergave.overzicht.naam(nummers[0] ?? '')).toBe('Anders 0');
        // The old generation is gone from the store.
        const oud = await store.db
          .selectFrom('kbo_rij')
          .select('generatie')
          .where('generatie', '=', voor.generatie)
          .execute();
        expect(oud).toEqual([]);
        await opslag.bewaarGat({ na: 150, gevonden: 152 });
        expect((await opslag.stand())?.gat).toEqual({ na: 150, gevonden: 152 });
      },
    );

    it(
      'lets only the holder of the lease write, and keeps the register across a restart',
      { timeout: START_MS },
      async () => {
        const a = new Lease(store.db, 'kbo-test', 'a', 60_000);
        const b = new Lease(store.db, 'kbo-test', 'b', 60_000);
        expect(await a.acquire()).toBe(true);
        const stand = await new KboStoreOpslag(store.db, a).stand();
        if (!stand) throw new Error('geen stand');
        await expect(new KboStoreOpslag(store.db, b).verder(stand.stand)).rejects.toThrow(/lease/);
        await expect(new KboStoreOpslag(store.db, b).nieuw()).rejects.toThrow(/lease/);
        // A writer whose lease ran out to another while it wrote commits nothing.
        const nieuw = await new KboStoreOpslag(store.db, a).nieuw();
        await a.release();
        expect(await b.acquire()).toBe(true);
        for (const [t, r] of rijen(3)) await nieuw.voegToe(t, r);
        await expect(nieuw.klaar({ nummer: 160, volledig: 160, datum: '2026-12-10' }, 0)).rejects.toThrow(
          /lease/,
        );
        expect(await new KboStoreOpslag(store.db).stand()).toEqual(stand);
        await b.release();

        const tweede = await open();
        expect(await new KboStoreOpslag(tweede.db).stand()).toEqual(stand);
        await tweede.close();
      },
    );
  });
}
