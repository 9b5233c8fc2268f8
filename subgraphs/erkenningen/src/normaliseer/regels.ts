import {
  isIsoDatum,
  normaliseerOndernemingsnummer,
  normaliseerVestigingsnummer,
  VLAANDEREN,
  type Gebied,
} from '@duaal-graph/domein';
import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { Erkenning, ErkenningStatus, Plaats, RegisterKennis, Sector } from '../model.ts';

/** What the rules judge against besides the record itself. */
export interface NormContext {
  readonly register: RegisterKennis;
  readonly referentiedatum: string;
  readonly gebied: Gebied;
}

export function normContext(
  register: RegisterKennis,
  referentiedatum: string,
  gebied: Gebied = VLAANDEREN,
): NormContext {
  return { register, referentiedatum, gebied };
}

/** The findings on one partner record, and whether a rule rejected it as a whole. */
export class Oordeel {
  readonly bevindingen: Bevinding[] = [];
  afgekeurd = false;

  constructor(
    readonly sector: Sector,
    readonly recordId: string,
  ) {}

  /** A finding on a record that is kept (repaired, or kept as it is). */
  meld(veld: string | null, regel: string, waarde: string | null | undefined): void {
    this.bevindingen.push({
      bron: this.sector,
      recordId: this.recordId,
      veld,
      regel,
      waarde: waarde ?? null,
    });
  }

  /** A finding that keeps the whole record out of the merged data. */
  keurAf(veld: string, regel: string, waarde: string | null | undefined): void {
    this.meld(veld, regel, waarde);
    this.afgekeurd = true;
  }
}

function cijfersVan(waarde: string): string {
  return waarde.replace(/^\s*BE/i, '').replace(/[\s.]/g, '');
}

/**
 * The KBO number in canonical notation, or null after rejecting the record (the finding shows `gestuurd`, the value as sent).
 * Ten digits are required: only Educam's lost leading zero is repaired, by its own rule.
 */
export function ondernemingsnummer(
  oordeel: Oordeel,
  veld: string,
  waarde: string,
  gestuurd = waarde,
): string | null {
  const cijfers = cijfersVan(waarde);
  const canoniek = /^\d{10}$/.test(cijfers) ? normaliseerOndernemingsnummer(cijfers) : null;
  if (canoniek === null) oordeel.keurAf(veld, 'KBO_CONTROLE', gestuurd);
  return canoniek;
}

/** Educam's KBO without its leading zero (`BE403170701`): left-padded to ten digits and kept, with a finding. */
export function herstelVoorloopnul(oordeel: Oordeel, veld: string, waarde: string): string {
  const cijfers = cijfersVan(waarde);
  if (!/^\d{9}$/.test(cijfers)) return waarde;
  oordeel.meld(veld, 'KBO_ZONDER_VOORLOOPNUL', waarde);
  return `0${cijfers}`;
}

/** The vestigingsnummer in canonical notation; null when absent (kept, with a finding) or failing its check (rejected). */
export function vestigingsnummer(
  oordeel: Oordeel,
  veld: string,
  waarde: string | null | undefined,
): string | null {
  if (waarde === null || waarde === undefined || waarde.trim() === '') {
    oordeel.meld(veld, 'VESTIGING_ONTBREEKT', null);
    return null;
  }
  const cijfers = cijfersVan(waarde);
  const canoniek = /^\d{10}$/.test(cijfers) ? normaliseerVestigingsnummer(cijfers) : null;
  if (canoniek === null) oordeel.keurAf(veld, 'VESTIGING_CONTROLE', waarde);
  return canoniek;
}

/** An ISO date as sent; an unparseable one rejects the record. */
export function isoDatum(oordeel: Oordeel, veld: string, waarde: string): string | null {
  if (isIsoDatum(waarde.trim())) return waarde.trim();
  oordeel.keurAf(veld, 'ONLEESBARE_DATUM', waarde);
  return null;
}

/** Educam's `dd/mm/yyyy` as an ISO date; anything else rejects the record. */
export function dmyDatum(oordeel: Oordeel, veld: string, waarde: string): string | null {
  const delen = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(waarde.trim());
  const iso = delen ? `${delen[3] ?? ''}-${delen[2] ?? ''}-${delen[1] ?? ''}` : '';
  if (isIsoDatum(iso)) return iso;
  oordeel.keurAf(veld, 'ONLEESBARE_DATUM', waarde);
  return null;
}

/** An open end (absent or empty) is null; otherwise the date as `lees` parses it. */
export function eindDatum(
  oordeel: Oordeel,
  veld: string,
  waarde: string | null | undefined,
  lees: (oordeel: Oordeel, veld: string, waarde: string) => string | null,
): string | null {
  return waarde === null || waarde === undefined || waarde.trim() === '' ? null : lees(oordeel, veld, waarde);
}

/** An end before the start is impossible: the record is rejected. */
export function controleerPeriode(
  oordeel: Oordeel,
  van: string | null,
  tot: string | null,
  totVeld: string,
  totWaarde: string | null | undefined,
): void {
  if (van !== null && tot !== null && tot < van) oordeel.keurAf(totVeld, 'TOT_VOOR_VAN', totWaarde);
}

/** A status from a table of the partner's own words; an unknown word rejects the record. */
export function statusUit(
  oordeel: Oordeel,
  veld: string,
  waarde: string,
  tabel: Readonly<Record<string, ErkenningStatus>>,
): ErkenningStatus | null {
  const status = Object.hasOwn(tabel, waarde) ? tabel[waarde] : undefined;
  if (status === undefined) oordeel.keurAf(veld, 'ONBEKENDE_STATUS', waarde);
  return status ?? null;
}

/**
 * Where the vestiging lies: the NIS code when the table knows it, else the postcode.
 * An unknown place keeps the record (with a finding); it counts in no region then.
 */
export function plaatsUit(
  oordeel: Oordeel,
  ctx: NormContext,
  adres: {
    straatnaam?: string | null | undefined;
    huisnummer?: string | null | undefined;
    postcode: string;
    nisCode?: string | null | undefined;
  },
): Plaats | null {
  const nis = adres.nisCode?.trim() ?? '';
  const gemeente =
    (nis ? ctx.gebied.gemeente(nis) : undefined) ?? ctx.gebied.gemeenteVoorPostcode(adres.postcode);
  if (!gemeente) oordeel.meld(nis ? 'nis' : 'postcode', 'ONBEKENDE_GEMEENTE', nis || adres.postcode);
  const postcode = adres.postcode.trim() || gemeente?.postcodes[0];
  if (postcode === undefined || postcode === '') return null;
  return {
    straatnaam: adres.straatnaam?.trim() || null,
    huisnummer: adres.huisnummer?.trim() || null,
    postcode,
    nisCode: gemeente?.nisCode ?? null,
    regioCode: gemeente?.regioCode ?? null,
  };
}

/**
 * The opleidingscodes the register knows. Each unknown code is a finding and
 * costs only its own erkenning; a record left with none is rejected.
 */
export function bekendeOpleidingen(
  oordeel: Oordeel,
  ctx: NormContext,
  veld: string,
  codes: readonly string[],
): string[] {
  const bekend: string[] = [];
  for (const ruw of codes) {
    const code = ruw.trim();
    if (!ctx.register.opleidingscodes.has(code)) oordeel.meld(veld, 'ONBEKENDE_OPLEIDING', ruw);
    else if (!bekend.includes(code)) bekend.push(code);
  }
  if (bekend.length === 0) oordeel.afgekeurd = true;
  return bekend;
}

/** What one record says, once its fields passed the rules; the opleidingscodes make one erkenning each. */
export type ErkenningBasis = Omit<Erkenning, 'id' | 'sector' | 'recordId' | 'opleidingscode'>;

/**
 * The normalised erkenningen of one record: none when a rule rejected it. The id
 * gets `:<opleidingscode>` when the record covers several opleidingen, judged on
 * what the partner sent, so that an id does not change when the register learns a code.
 */
export function erkenningenUit(
  oordeel: Oordeel,
  basis: ErkenningBasis,
  codes: readonly string[],
  meervoudig: boolean,
): Erkenning[] {
  if (oordeel.afgekeurd) return [];
  return codes.map((opleidingscode) => ({
    ...basis,
    id: `${oordeel.sector}:${oordeel.recordId}${meervoudig ? `:${opleidingscode}` : ''}`,
    sector: oordeel.sector,
    recordId: oordeel.recordId,
    opleidingscode,
  }));
}

/** A name as sent, trimmed; empty is unknown. */
export function naamUit(waarde: string | null | undefined): string | null {
  const naam = waarde?.trim();
  return naam ? naam : null;
}
