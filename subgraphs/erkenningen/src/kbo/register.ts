import type { CsvRij } from './zip-csv.ts';

/**
 * The company register as the graph reads it: the rows of KBO Open Data's
 * tables that the graph answers from, per entity. The reader (./lezer.ts)
 * writes through `KboOpslag` (the store: ./opslag.ts); a `KboRegister` in
 * memory holds the rows of the entities one request or one page asks about
 * (./weergave.ts), built here from the rows as the CSV gives them.
 */

/** The tables the graph keeps; `contact` and `code` are read past. */
export const KBO_TABELLEN = ['enterprise', 'establishment', 'denomination', 'address', 'activity'] as const;
export type KboTabel = (typeof KBO_TABELLEN)[number];

export interface KboOndernemingRij {
  /** `AC` active, `ST` stopped. */
  readonly status: string;
  readonly juridischeSituatie: string;
  /** `1` natural person, `2` legal person. */
  readonly typeOnderneming: string;
  /** The code of `JuridicalForm` (`014` NV, `610` BV, …; empty for a natural person). */
  readonly rechtsvorm: string;
  /** ISO date; null when the register's date cannot be read. */
  readonly startdatum: string | null;
}

export interface KboVestigingRij {
  readonly ondernemingsnummer: string;
  readonly startdatum: string | null;
}

export interface KboNaamRij {
  /** `0` unknown, `1` FR, `2` NL, `3` DE, `4` EN. */
  readonly taal: string;
  /** `001` legal name, `002` abbreviation, `003` commercial name. */
  readonly type: string;
  readonly naam: string;
}

export interface KboAdresRij {
  /** `REGO` the seat of an enterprise, `BAET` an establishment's. */
  readonly type: string;
  /** Empty for Belgium. */
  readonly land: string;
  readonly postcode: string;
  readonly gemeente: string;
  readonly straat: string;
  readonly huisnummer: string;
  readonly bus: string;
  /** ISO date the address was struck off; null while it is valid. */
  readonly doorgehaald: string | null;
}

export interface KboActiviteitRij {
  readonly groep: string;
  /** `2003`, `2008` or `2025`. */
  readonly versie: string;
  /** 5 digits, no dots. */
  readonly code: string;
  /** `MAIN`, `SECO` or `ANCI`. */
  readonly klasse: string;
}

/** Which extract a register stands at. */
export interface KboExtractStand {
  /** The number of the last extract applied. */
  readonly nummer: number;
  /** The number of the full extract it was built from. */
  readonly volledig: number;
  /** Its `SnapshotDate`, ISO. */
  readonly datum: string;
}

/** The register as it stands after one extract: read only, never changed afterwards. */
export interface KboRegister {
  readonly stand: KboExtractStand;
  readonly aantalOndernemingen: number;
  onderneming(ondernemingsnummer: string): KboOndernemingRij | undefined;
  vestiging(vestigingsnummer: string): KboVestigingRij | undefined;
  /** The vestigingseenheden of an onderneming, by number. */
  vestigingenVan(ondernemingsnummer: string): readonly string[];
  namen(entiteit: string): readonly KboNaamRij[];
  adressen(entiteit: string): readonly KboAdresRij[];
  activiteiten(entiteit: string): readonly KboActiviteitRij[];
  ondernemingsnummers(): Iterable<string>;
  /** The Dutch meaning of a code (`code.csv`), e.g. `JuridicalForm` `610`: Besloten vennootschap. */
  omschrijving(categorie: string, code: string): string | undefined;
}

/** Builds a register in memory: an empty one, or a copy of another. */
export interface KboSchrijver {
  /** Drops every row of the table that belongs to the entity (an update's `<table>_delete.csv`). */
  verwijder(tabel: KboTabel, entiteit: string): void;
  /** Adds one row as the CSV gives it; a row the graph cannot use is left out and said so (false). */
  voegToe(tabel: KboTabel, rij: CsvRij): boolean;
  /** One row of `code.csv`; only the Dutch meanings are kept. */
  voegCodeToe(rij: CsvRij): void;
  klaar(stand: KboExtractStand): KboRegister;
}

/** `dd-mm-yyyy` to ISO; null for anything else. */
export function isoDatum(kbo: string | undefined): string | null {
  const deel = /^(\d{2})-(\d{2})-(\d{4})$/.exec(kbo?.trim() ?? '');
  return deel ? `${deel[3]}-${deel[2]}-${deel[1]}` : null;
}

const veld = (rij: CsvRij, naam: string): string => (rij[naam] ?? '').trim();

/** The entity a row belongs to: what a delete file names. */
export function entiteitVan(tabel: KboTabel, rij: CsvRij): string {
  return veld(
    rij,
    tabel === 'enterprise'
      ? 'EnterpriseNumber'
      : tabel === 'establishment'
        ? 'EstablishmentNumber'
        : 'EntityNumber',
  );
}

const ONDERNEMING = /^[01]\d{3}\.\d{3}\.\d{3}$/;
/** Whether a number is an onderneming's in the register's notation (else a vestiging's, or none). */
export const isOndernemingsnummer = (nummer: string): boolean => ONDERNEMING.test(nummer);
const VESTIGING = /^[2-8]\.\d{3}\.\d{3}\.\d{3}$/;

/**
 * The entity a row belongs to and, for an establishment, its onderneming;
 * null for a row the graph cannot use (a number in no notation of the register).
 */
export function rijSleutels(
  tabel: KboTabel,
  rij: CsvRij,
): { entiteit: string; onderneming: string | null } | null {
  const entiteit = entiteitVan(tabel, rij);
  if (!geldigeEntiteit(tabel, entiteit)) return null;
  if (tabel !== 'establishment') return { entiteit, onderneming: null };
  const onderneming = veld(rij, 'EnterpriseNumber');
  return ONDERNEMING.test(onderneming) ? { entiteit, onderneming } : null;
}

/** The key of a code's Dutch meaning; null for a row in another language. */
export function codeSleutel(rij: CsvRij): { categorie: string; code: string; omschrijving: string } | null {
  if (veld(rij, 'Language').toUpperCase() !== 'NL') return null;
  return {
    categorie: veld(rij, 'Category'),
    code: veld(rij, 'Code'),
    omschrijving: veld(rij, 'Description'),
  };
}

/** The register's own notation is the graph's canonical one; anything else names no entity. */
function geldigeEntiteit(tabel: KboTabel, entiteit: string): boolean {
  if (tabel === 'enterprise') return ONDERNEMING.test(entiteit);
  if (tabel === 'establishment') return VESTIGING.test(entiteit);
  return ONDERNEMING.test(entiteit) || VESTIGING.test(entiteit);
}

interface Tabellen {
  ondernemingen: Map<string, KboOndernemingRij>;
  vestigingen: Map<string, KboVestigingRij>;
  namen: Map<string, readonly KboNaamRij[]>;
  adressen: Map<string, readonly KboAdresRij[]>;
  activiteiten: Map<string, readonly KboActiviteitRij[]>;
  /** Derived from `vestigingen`, kept along with it. */
  perOnderneming: Map<string, readonly string[]>;
  /** `<Category>|<Code>` to its Dutch description. */
  codes: Map<string, string>;
}

const LEEG: readonly never[] = [];

function voegBij<T>(kaart: Map<string, readonly T[]>, sleutel: string, waarde: T): void {
  // A new array each time: a copy of the register shares the old ones with the version before it.
  kaart.set(sleutel, [...(kaart.get(sleutel) ?? LEEG), waarde]);
}

class GeheugenRegister implements KboRegister {
  constructor(
    readonly stand: KboExtractStand,
    private readonly t: Tabellen,
  ) {}

  get aantalOndernemingen(): number {
    return this.t.ondernemingen.size;
  }

  onderneming(nummer: string) {
    return this.t.ondernemingen.get(nummer);
  }

  vestiging(nummer: string) {
    return this.t.vestigingen.get(nummer);
  }

  vestigingenVan(nummer: string) {
    return this.t.perOnderneming.get(nummer) ?? LEEG;
  }

  namen(entiteit: string) {
    return this.t.namen.get(entiteit) ?? LEEG;
  }

  adressen(entiteit: string) {
    return this.t.adressen.get(entiteit) ?? LEEG;
  }

  activiteiten(entiteit: string) {
    return this.t.activiteiten.get(entiteit) ?? LEEG;
  }

  ondernemingsnummers() {
    return this.t.ondernemingen.keys();
  }

  omschrijving(categorie: string, code: string) {
    return this.t.codes.get(`${categorie}|${code}`);
  }

  /** A writer on a copy: the maps are copied, their rows shared (rows never change). */
  bewerk(): KboSchrijver {
    const t = this.t;
    return new GeheugenSchrijver({
      ondernemingen: new Map(t.ondernemingen),
      vestigingen: new Map(t.vestigingen),
      namen: new Map(t.namen),
      adressen: new Map(t.adressen),
      activiteiten: new Map(t.activiteiten),
      perOnderneming: new Map(t.perOnderneming),
      codes: new Map(t.codes),
    });
  }
}

class GeheugenSchrijver implements KboSchrijver {
  constructor(private readonly t: Tabellen) {}

  verwijder(tabel: KboTabel, entiteit: string): void {
    const t = this.t;
    switch (tabel) {
      case 'enterprise':
        t.ondernemingen.delete(entiteit);
        return;
      case 'establishment': {
        const weg = t.vestigingen.get(entiteit);
        t.vestigingen.delete(entiteit);
        if (weg) {
          const over = (t.perOnderneming.get(weg.ondernemingsnummer) ?? LEEG).filter((n) => n !== entiteit);
          if (over.length > 0) t.perOnderneming.set(weg.ondernemingsnummer, over);
          else t.perOnderneming.delete(weg.ondernemingsnummer);
        }
        return;
      }
      case 'denomination':
        t.namen.delete(entiteit);
        return;
      case 'address':
        t.adressen.delete(entiteit);
        return;
      case 'activity':
        t.activiteiten.delete(entiteit);
        return;
    }
  }

  voegToe(tabel: KboTabel, rij: CsvRij): boolean {
    const entiteit = entiteitVan(tabel, rij);
    if (!geldigeEntiteit(tabel, entiteit)) return false;
    const t = this.t;
    switch (tabel) {
      case 'enterprise':
        t.ondernemingen.set(entiteit, {
          status: veld(rij, 'Status'),
          juridischeSituatie: veld(rij, 'JuridicalSituation'),
          typeOnderneming: veld(rij, 'TypeOfEnterprise'),
          rechtsvorm: veld(rij, 'JuridicalForm'),
          startdatum: isoDatum(rij['StartDate']),
        });
        return true;
      case 'establishment': {
        const ondernemingsnummer = veld(rij, 'EnterpriseNumber');
        if (!ONDERNEMING.test(ondernemingsnummer)) return false;
        // A row again for the same vestiging replaces it, under whichever onderneming it names now.
        if (t.vestigingen.has(entiteit)) this.verwijder('establishment', entiteit);
        t.vestigingen.set(entiteit, { ondernemingsnummer, startdatum: isoDatum(rij['StartDate']) });
        t.perOnderneming.set(
          ondernemingsnummer,
          [...(t.perOnderneming.get(ondernemingsnummer) ?? LEEG), entiteit].sort(),
        );
        return true;
      }
      case 'denomination':
        voegBij(t.namen, entiteit, {
          taal: veld(rij, 'Language'),
          type: veld(rij, 'TypeOfDenomination'),
          naam: veld(rij, 'Denomination'),
        });
        return true;
      case 'address':
        voegBij(t.adressen, entiteit, {
          type: veld(rij, 'TypeOfAddress'),
          land: veld(rij, 'CountryNL'),
          postcode: veld(rij, 'Zipcode'),
          gemeente: veld(rij, 'MunicipalityNL') || veld(rij, 'MunicipalityFR'),
          straat: veld(rij, 'StreetNL') || veld(rij, 'StreetFR'),
          huisnummer: veld(rij, 'HouseNumber'),
          bus: veld(rij, 'Box'),
          doorgehaald:
            veld(rij, 'DateStrikingOff') === ''
              ? null
              : (isoDatum(rij['DateStrikingOff']) ?? veld(rij, 'DateStrikingOff')),
        });
        return true;
      case 'activity':
        voegBij(t.activiteiten, entiteit, {
          groep: veld(rij, 'ActivityGroup'),
          versie: veld(rij, 'NaceVersion'),
          code: veld(rij, 'NaceCode').replace(/\./g, ''),
          klasse: veld(rij, 'Classification'),
        });
        return true;
    }
  }

  voegCodeToe(rij: CsvRij): void {
    const c = codeSleutel(rij);
    if (c) this.t.codes.set(`${c.categorie}|${c.code}`, c.omschrijving);
  }

  klaar(stand: KboExtractStand): KboRegister {
    return new GeheugenRegister(stand, this.t);
  }
}

/**
 * A writer for a register built from nothing, kept in memory; `codes`
 * (`<Category>|<Code>` to the Dutch meaning) is shared, not copied, for the
 * many small registers of one store generation.
 */
export function nieuwGeheugenRegister(codes: Map<string, string> = new Map()): KboSchrijver {
  return new GeheugenSchrijver({
    ondernemingen: new Map(),
    vestigingen: new Map(),
    namen: new Map(),
    adressen: new Map(),
    activiteiten: new Map(),
    perOnderneming: new Map(),
    codes,
  });
}

/** Registers in memory: built from rows (a test, one request's entities), or a copy for changes. */
export interface GeheugenOpslag {
  nieuw(): KboSchrijver;
  /** A writer that starts from this register; the register itself stays as it is. */
  verder(register: KboRegister): KboSchrijver;
}

export const GEHEUGEN_OPSLAG: GeheugenOpslag = {
  nieuw: () => nieuwGeheugenRegister(),
  verder: (register) => {
    if (!(register instanceof GeheugenRegister)) throw new Error('een register van een andere opslag');
    return register.bewerk();
  },
};

/** Which extract the register in an opslag stands at, with what reading it left. */
export interface KboStand {
  readonly stand: KboExtractStand;
  /** An update whose number does not follow the register's: the register waits for a newer full extract. */
  readonly gat: { readonly na: number; readonly gevonden: number } | null;
  /** Rows the graph could not use (a number in no notation of the register), over the extracts read. */
  readonly aantalAfgekeurd: number;
}

/** Writes one extract; nothing of it counts until `klaar`. */
export interface KboExtractSchrijver {
  /** Drops every row of the table that belongs to the entity (an update's `<table>_delete.csv`). */
  verwijder(tabel: KboTabel, entiteit: string): Promise<void>;
  /** Adds one row as the CSV gives it; a row the graph cannot use is left out and said so (false). */
  voegToe(tabel: KboTabel, rij: CsvRij): Promise<boolean>;
  /** One row of `code.csv`; only the Dutch meanings are kept. */
  voegCodeToe(rij: CsvRij): Promise<void>;
  /** The extract is applied: from now on the register stands at `stand`, with no gap. */
  klaar(stand: KboExtractStand, aantalAfgekeurd: number): Promise<void>;
  /** The extract turned out unreadable: what was written of it is dropped. */
  breekAf(): Promise<void>;
}

/** Where the reader keeps the register (the store: ./opslag.ts), one extract at a time. */
export interface KboOpslag {
  /** Where the register kept stands; null when none is kept. */
  stand(): Promise<KboStand | null>;
  /** A writer for a register built anew from a full extract, beside the one kept until its `klaar`. */
  nieuw(): Promise<KboExtractSchrijver>;
  /** A writer for the next update of the register kept, which must stand at `vanaf`. */
  verder(vanaf: KboExtractStand): Promise<KboExtractSchrijver>;
  /** Records a gap found after the register's extract (kept until the next `klaar`). */
  bewaarGat(gat: NonNullable<KboStand['gat']>): Promise<void>;
}
