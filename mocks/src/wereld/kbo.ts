/**
 * The company register in its own format (../shared/partners/kbo.md): one
 * onderneming is the rows of every CSV table that belong to it and to its
 * vestigingseenheden, with the columns of the KBO Open Data files.
 */

export const KBO_KOLOMMEN = {
  enterprise: [
    'EnterpriseNumber',
    'Status',
    'JuridicalSituation',
    'TypeOfEnterprise',
    'JuridicalForm',
    'JuridicalFormCAC',
    'StartDate',
  ],
  establishment: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  denomination: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  address: [
    'EntityNumber',
    'TypeOfAddress',
    'CountryNL',
    'CountryFR',
    'Zipcode',
    'MunicipalityNL',
    'MunicipalityFR',
    'StreetNL',
    'StreetFR',
    'HouseNumber',
    'Box',
    'ExtraAddressInfo',
    'DateStrikingOff',
  ],
  activity: ['EntityNumber', 'ActivityGroup', 'NaceVersion', 'NaceCode', 'Classification'],
  contact: ['EntityNumber', 'EntityContact', 'ContactType', 'Value'],
} as const;

export type KboTabel = keyof typeof KBO_KOLOMMEN;
/** The tables in the order the files are written. */
export const KBO_TABELLEN: readonly KboTabel[] = [
  'enterprise',
  'establishment',
  'denomination',
  'address',
  'activity',
  'contact',
];

export type KboRij<T extends KboTabel> = { [K in (typeof KBO_KOLOMMEN)[T][number]]: string };

/** One onderneming with everything of it; `enterprise` holds exactly one row. */
export type KboRecord = { readonly [T in KboTabel]: readonly KboRij<T>[] };

/** The column that names the entity a row belongs to, which an update's delete file lists. */
const ENTITEIT_KOLOM: Readonly<Record<KboTabel, string>> = {
  enterprise: 'EnterpriseNumber',
  establishment: 'EstablishmentNumber',
  denomination: 'EntityNumber',
  address: 'EntityNumber',
  activity: 'EntityNumber',
  contact: 'EntityNumber',
};

export function entiteitVan(tabel: KboTabel, rij: Readonly<Record<string, string>>): string {
  return rij[ENTITEIT_KOLOM[tabel]] ?? '';
}

/** The ten digits of an onderneming's number, its key in the register. */
export function recordNummer(record: KboRecord): string {
  return (record.enterprise[0]?.EnterpriseNumber ?? '').replace(/\D/g, '');
}

/** A date as the register writes it: `dd-mm-yyyy`. */
export function kboDatum(isoDatum: string): string {
  return `${isoDatum.slice(8, 10)}-${isoDatum.slice(5, 7)}-${isoDatum.slice(0, 4)}`;
}

/** One change to the register: the onderneming before and after (null when absent). */
export interface KboWijziging {
  readonly oud: KboRecord | null;
  readonly nieuw: KboRecord | null;
}

export type KboExtract =
  | {
      readonly soort: 'full';
      readonly nummer: number;
      readonly datum: string;
      /** Every onderneming on the snapshot date, by number. */
      readonly records: readonly KboRecord[];
    }
  | {
      readonly soort: 'update';
      readonly nummer: number;
      readonly datum: string;
      readonly wijzigingen: readonly KboWijziging[];
    };

/** `KboOpenData_0142_2026_11_Full.zip`: number, year and month of the snapshot, type. */
export function extractNaam(extract: Pick<KboExtract, 'soort' | 'nummer' | 'datum'>): string {
  const soort = extract.soort === 'full' ? 'Full' : 'Update';
  return `KboOpenData_${String(extract.nummer).padStart(4, '0')}_${extract.datum.slice(0, 4)}_${extract.datum.slice(5, 7)}_${soort}.zip`;
}

/**
 * Folds the changes of one period into one per onderneming: the state before the
 * first and after the last. An onderneming added and removed again leaves nothing.
 */
export function voegSamen(wijzigingen: readonly KboWijziging[]): KboWijziging[] {
  const perNummer = new Map<string, KboWijziging>();
  for (const w of wijzigingen) {
    const nummer = recordNummer((w.nieuw ?? w.oud) as KboRecord);
    const eerder = perNummer.get(nummer);
    perNummer.set(nummer, { oud: eerder ? eerder.oud : w.oud, nieuw: w.nieuw });
  }
  return [...perNummer.values()].filter((w) => w.oud !== null || w.nieuw !== null);
}

/**
 * The register as it stands: every onderneming by number, and every number ever
 * given out, so that a new onderneming or vestigingseenheid never reuses one.
 */
export class KboRegister {
  readonly records = new Map<string, KboRecord>();
  private readonly gebruikt = new Set<string>();

  /** Adds or replaces an onderneming; returns the change. */
  zet(record: KboRecord): KboWijziging {
    const nummer = recordNummer(record);
    const oud = this.records.get(nummer) ?? null;
    this.records.set(nummer, record);
    this.reserveer(nummer);
    for (const v of record.establishment) this.reserveer(v.EstablishmentNumber.replace(/\D/g, ''));
    return { oud, nieuw: record };
  }

  /** Removes an onderneming with its vestigingseenheden; null when there is none. */
  verwijder(nummer: string): KboWijziging | null {
    const oud = this.records.get(nummer);
    if (!oud) return null;
    this.records.delete(nummer);
    return { oud, nieuw: null };
  }

  /** Marks a number as taken (numbers the other partners use, dirt included). */
  reserveer(nummer: string): void {
    this.gebruikt.add(nummer);
  }

  isGebruikt(nummer: string): boolean {
    return this.gebruikt.has(nummer);
  }

  /** Every onderneming, by number, as a full extract lists them. */
  snapshot(): KboRecord[] {
    return [...this.records.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }
}
