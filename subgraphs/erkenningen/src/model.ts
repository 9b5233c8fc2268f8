import type { Bevinding, Kwaliteit } from '@duaal-graph/subgraph-toolkit';

/** The five sector organisations, in the order the graph lists them (`enum Sector`). */
export const SECTOREN = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'] as const;
export type Sector = (typeof SECTOREN)[number];

export const ERKENNING_STATUSSEN = ['ERKEND', 'GESCHORST', 'INGETROKKEN'] as const;
export type ErkenningStatus = (typeof ERKENNING_STATUSSEN)[number];

/** Where a vestiging lies, as far as the sources tell; `regioCode` null when the municipality is unknown. */
export interface Plaats {
  readonly straatnaam: string | null;
  readonly huisnummer: string | null;
  readonly postcode: string;
  readonly nisCode: string | null;
  readonly regioCode: string | null;
}

/** One normalised erkenning: one opleiding, one vestiging (or none), in canonical notation. */
export interface Erkenning {
  /** `<SECTOR>:<partner id>`, plus `:<opleidingscode>` where the partner record covers several. */
  readonly id: string;
  readonly sector: Sector;
  /** The partner's own id of the record it came from. */
  readonly recordId: string;
  readonly ondernemingsnummer: string;
  readonly naam: string | null;
  readonly vestigingsnummer: string | null;
  readonly plaats: Plaats | null;
  readonly opleidingscode: string;
  readonly status: ErkenningStatus;
  readonly geldigVan: string;
  readonly geldigTot: string | null;
  readonly aantalMentoren: number | null;
}

/** What one read of a sector databank gave: the records that have the contract's shape, and a finding for each that has not. */
export interface SectorLezing<R> {
  readonly records: readonly R[];
  /** Shape findings (`VORM`): one per record that breaks the partner's contract. */
  readonly bevindingen: readonly Bevinding[];
  /** Every record the partner sent, valid or not. */
  readonly aantalRecords: number;
}

/** What the register tells the normalisation: which opleidingscodes exist, and which opleidingen list a BK code. */
export interface RegisterKennis {
  readonly opleidingscodes: ReadonlySet<string>;
  readonly opleidingenPerBk: ReadonlyMap<string, readonly string[]>;
  /** Per opleidingscode, the sector databanks whose paritaire comités it names: where its leerwerkplekken can be known. */
  readonly erkenningsbronnen: ReadonlyMap<string, readonly Sector[]>;
}

/** The rules' verdict on one sector: the erkenningen kept, and the data quality of the read. */
export interface Genormaliseerd {
  readonly sector: Sector;
  readonly erkenningen: readonly Erkenning[];
  readonly kwaliteit: Kwaliteit;
}

/** Validity on the reference date: started, and not yet ended. */
export function geldigOp(e: Pick<Erkenning, 'geldigVan' | 'geldigTot'>, datum: string): boolean {
  return e.geldigVan <= datum && (e.geldigTot === null || datum <= e.geldigTot);
}

/** ERKEND and valid on the reference date: what makes a leerwerkplek count. */
export function erkendOp(e: Pick<Erkenning, 'status' | 'geldigVan' | 'geldigTot'>, datum: string): boolean {
  return e.status === 'ERKEND' && geldigOp(e, datum);
}
