import { sectorVoorNace, type Gebied } from '@duaal-graph/domein';
import type { Database } from '@duaal-graph/store';
import type { Kysely } from 'kysely';
import type { Sector } from '../model.ts';
import type { KboStoreStand } from './opslag.ts';
import { KBO_TABELLEN, nieuwGeheugenRegister, type KboRegister, type KboTabel } from './register.ts';
import type { CsvRij } from './zip-csv.ts';

/**
 * What the graph reads of the register in the store. Lists (`Query.ondernemingen`,
 * its order by name and its prospecting filter, the stopped-but-erkend
 * findings) need a few facts of every onderneming at once: those are held in
 * memory (`KboOverzicht`), a few strings per onderneming, read from the
 * store's `kbo_feit` (written with the rows: ./feiten.ts) when its stand
 * changes, one narrow row per onderneming. Everything else (a company's or vestiging's
 * facts, its NACE codes) is read per request from the store, one query for
 * the entities a DataLoader gathers (`bundel`), into a small `KboRegister`.
 */

/** The facts of every onderneming in the register that lists need. */
export interface KboOverzicht {
  readonly aantalOndernemingen: number;
  ondernemingsnummers(): Iterable<string>;
  /** The register's legal name (Dutch, else another language); null when it holds none or not the onderneming. */
  naam(ondernemingsnummer: string): string | null;
  /** Whether the register says it stopped (`ST`). */
  gestopt(ondernemingsnummer: string): boolean;
  /** `sectorKandidaatVan`: the sector of an active company's MAIN activity by kbo.md's table. */
  sectorKandidaat(ondernemingsnummer: string): Sector | null;
  /** The NIS codes of its seat and vestigingseenheden (`kboGemeenten`). */
  gemeenten(ondernemingsnummer: string): readonly string[];
}

export interface KboWeergave extends KboStoreStand {
  readonly overzicht: KboOverzicht;
  /**
   * The register of these entities: ondernemingen with their vestigingseenheden,
   * or vestigingseenheden, in one query of the generation this view reads.
   */
  bundel(entiteiten: readonly string[]): Promise<KboRegister>;
}

interface Feit {
  readonly naam: string | null;
  readonly gestopt: boolean;
  readonly sector: Sector | null;
  readonly gemeenten: readonly string[];
}

const GEEN: readonly string[] = [];

class Overzicht implements KboOverzicht {
  constructor(private readonly feiten: ReadonlyMap<string, Feit>) {}
  get aantalOndernemingen() {
    return this.feiten.size;
  }
  ondernemingsnummers() {
    return this.feiten.keys();
  }
  naam(n: string) {
    return this.feiten.get(n)?.naam ?? null;
  }
  gestopt(n: string) {
    return this.feiten.get(n)?.gestopt ?? false;
  }
  sectorKandidaat(n: string) {
    return this.feiten.get(n)?.sector ?? null;
  }
  gemeenten(n: string) {
    return this.feiten.get(n)?.gemeenten ?? GEEN;
  }
}

const isTabel = (t: string): t is KboTabel => (KBO_TABELLEN as readonly string[]).includes(t);

/** Facts a page of the overview reads at once: memory never holds a whole large result. */
const PAGINA = 10_000;

/** The entities' rows in the order they were written, into a register in memory. */
async function bundel(
  db: Kysely<Database>,
  stand: KboStoreStand,
  codes: Map<string, string>,
  entiteiten: readonly string[],
): Promise<KboRegister> {
  const schrijver = nieuwGeheugenRegister(codes);
  if (entiteiten.length > 0) {
    const g = stand.generatie;
    // Two branches each on an index, not one OR: with the subquery in an OR PostgreSQL reads the
    // whole generation for every page of the overview (a seq scan per 2,000 ondernemingen).
    const rijen = await db
      .selectFrom('kbo_rij')
      .select(['id', 'tabel', 'rij'])
      .where('generatie', '=', g)
      .where('entiteit', 'in', entiteiten)
      .union(
        db
          .selectFrom('kbo_rij')
          .select(['id', 'tabel', 'rij'])
          .where('generatie', '=', g)
          .where(
            'entiteit',
            'in',
            db
              .selectFrom('kbo_rij as v')
              .select('v.entiteit')
              .where('v.generatie', '=', g)
              .where('v.tabel', '=', 'establishment')
              .where('v.onderneming', 'in', entiteiten),
          ),
      )
      .orderBy('id')
      .execute();
    for (const r of rijen) if (isTabel(r.tabel)) schrijver.voegToe(r.tabel, r.rij as CsvRij);
  }
  return schrijver.klaar(stand.stand);
}

/**
 * The view of the register as the store holds it at `stand`: the overview
 * read a page of ondernemingen at a time (memory holds one page's rows and
 * the overview's facts), and the per-request reads.
 */
export async function leesWeergave(
  db: Kysely<Database>,
  stand: KboStoreStand,
  gebied: Gebied,
): Promise<KboWeergave> {
  const codes = new Map<string, string>();
  for (const c of await db
    .selectFrom('kbo_code')
    .select(['categorie', 'code', 'omschrijving'])
    .where('generatie', '=', stand.generatie)
    .execute())
    codes.set(`${c.categorie}|${c.code}`, c.omschrijving);
  const feiten = new Map<string, Feit>();
  // Many ondernemingen lie in the same gemeenten: one array each, shared.
  const gedeeld = new Map<string, readonly string[]>();
  for (let na = ''; ;) {
    const pagina = await db
      .selectFrom('kbo_feit')
      .select(['onderneming', 'naam', 'status', 'hoofd_nace', 'postcodes'])
      .where('generatie', '=', stand.generatie)
      .where('onderneming', '>', na)
      .orderBy('onderneming')
      .limit(PAGINA)
      .execute();
    for (const f of pagina) {
      const nis = new Set<string>();
      for (const postcode of f.postcodes) {
        const gemeente = gebied.gemeenteVoorPostcode(postcode);
        if (gemeente) nis.add(gemeente.nisCode);
      }
      const sleutel = [...nis].join(',');
      let gemeenten = gedeeld.get(sleutel);
      if (gemeenten === undefined) {
        gemeenten = nis.size > 0 ? [...nis] : GEEN;
        gedeeld.set(sleutel, gemeenten);
      }
      feiten.set(f.onderneming, {
        naam: f.naam,
        gestopt: f.status === 'ST',
        sector: f.status === 'AC' && f.hoofd_nace !== null ? sectorVoorNace(f.hoofd_nace) : null,
        gemeenten,
      });
    }
    const laatste = pagina.at(-1);
    if (laatste === undefined || pagina.length < PAGINA) break;
    na = laatste.onderneming;
  }
  return {
    ...stand,
    overzicht: new Overzicht(feiten),
    bundel: (entiteiten) => bundel(db, stand, codes, entiteiten),
  };
}
