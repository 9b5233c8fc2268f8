import { sectorVoorNace, type Gebied } from '@duaal-graph/domein';
import type { Sector } from '../model.ts';
import type { KboActiviteitRij, KboAdresRij, KboNaamRij, KboRegister } from './register.ts';

/**
 * The register's facts as the graph gives them (`KboGegevens`, `Vestiging.kbo`),
 * with kbo.md's dirt handled: a legal name only in French is used, a struck-off
 * seat is no seat, and a NACE-BEL 2003 row beside the 2008 one is left out.
 */

export type KboStatus = 'ACTIEF' | 'GESTOPT';

export interface KboAdres {
  readonly straatnaam: string | null;
  readonly huisnummer: string | null;
  readonly postcode: string;
  readonly gemeente: { readonly nisCode: string } | null;
}

export interface NaceActiviteit {
  readonly code: string;
  readonly versie: string;
  readonly klasse: string;
}

export interface KboGegevens {
  readonly ondernemingsnummer: string;
  readonly status: KboStatus;
  readonly rechtsvorm: string | null;
  readonly startdatum: string | null;
  readonly zetel: KboAdres | null;
  readonly activiteiten: readonly NaceActiviteit[];
  /** The MAIN activity the sectors are judged on (NACE-BEL 2025 where given, else 2008). */
  readonly hoofdactiviteit: NaceActiviteit | null;
  readonly vestigingsnummers: readonly string[];
}

export interface KboVestigingGegevens {
  readonly vestigingsnummer: string;
  readonly ondernemingsnummer: string;
  readonly startdatum: string | null;
  readonly adres: KboAdres | null;
  readonly naam: string | null;
}

/** Dutch first, then unknown, then the other languages in the register's order. */
const TAALVOORKEUR = ['2', '0', '1', '3', '4'];
const taalRang = (taal: string) => {
  const i = TAALVOORKEUR.indexOf(taal);
  return i === -1 ? TAALVOORKEUR.length : i;
};

/** The name of a type (`001` legal, `003` commercial) in Dutch, else in any language; null when none. */
export function naamVan(namen: readonly KboNaamRij[], type: '001' | '003'): string | null {
  let beste: KboNaamRij | null = null;
  for (const n of namen)
    if (n.type === type && n.naam !== '' && (beste === null || taalRang(n.taal) < taalRang(beste.taal)))
      beste = n;
  return beste?.naam ?? null;
}

/** The register's Dutch legal name of an onderneming (else in any language); null when it holds none. */
export function kboNaam(register: KboRegister, ondernemingsnummer: string): string | null {
  if (register.onderneming(ondernemingsnummer) === undefined) return null;
  return naamVan(register.namen(ondernemingsnummer), '001');
}

/** The valid address of a type (`REGO`, `BAET`): not struck off. */
function adresVan(adressen: readonly KboAdresRij[], type: string, gebied: Gebied): KboAdres | null {
  const a = adressen.find((x) => x.type === type && x.doorgehaald === null);
  if (!a) return null;
  const gemeente = a.land === '' ? gebied.gemeenteVoorPostcode(a.postcode) : undefined;
  return {
    straatnaam: a.straat || null,
    huisnummer: a.huisnummer ? (a.bus ? `${a.huisnummer} bus ${a.bus}` : a.huisnummer) : null,
    postcode: a.postcode,
    gemeente: gemeente ? { nisCode: gemeente.nisCode } : null,
  };
}

const KLASSEN = ['MAIN', 'SECO', 'ANCI'];

/**
 * The activities in the current classifications (2008, and 2025 where given),
 * each once whatever the activity groups that repeat it: a 2003 row is kept
 * only when nothing newer is there.
 */
export function activiteitenVan(rijen: readonly KboActiviteitRij[]): NaceActiviteit[] {
  const nieuw = rijen.some((r) => r.versie === '2008' || r.versie === '2025');
  const gezien = new Map<string, NaceActiviteit>();
  for (const r of rijen) {
    if (nieuw && r.versie !== '2008' && r.versie !== '2025') continue;
    gezien.set(`${r.klasse}|${r.versie}|${r.code}`, { code: r.code, versie: r.versie, klasse: r.klasse });
  }
  const rang = (k: string) => (KLASSEN.includes(k) ? KLASSEN.indexOf(k) : KLASSEN.length);
  return [...gezien.values()].sort(
    (a, b) =>
      rang(a.klasse) - rang(b.klasse) ||
      Number(b.versie) - Number(a.versie) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** The MAIN activity in NACE-BEL 2025 where given, else 2008; null without either. */
export function hoofdactiviteitVan(activiteiten: readonly NaceActiviteit[]): NaceActiviteit | null {
  const main = activiteiten.filter((a) => a.klasse === 'MAIN');
  return main.find((a) => a.versie === '2025') ?? main.find((a) => a.versie === '2008') ?? null;
}

export function kboGegevens(register: KboRegister, nummer: string, gebied: Gebied): KboGegevens | null {
  const rij = register.onderneming(nummer);
  if (!rij) return null;
  const activiteiten = activiteitenVan(register.activiteiten(nummer));
  return {
    ondernemingsnummer: nummer,
    status: rij.status === 'ST' ? 'GESTOPT' : 'ACTIEF',
    rechtsvorm:
      rij.rechtsvorm === ''
        ? null
        : (register.omschrijving('JuridicalForm', rij.rechtsvorm) ?? rij.rechtsvorm),
    startdatum: rij.startdatum,
    zetel: adresVan(register.adressen(nummer), 'REGO', gebied),
    activiteiten,
    hoofdactiviteit: hoofdactiviteitVan(activiteiten),
    vestigingsnummers: register.vestigingenVan(nummer),
  };
}

export function kboVestiging(
  register: KboRegister,
  nummer: string,
  gebied: Gebied,
): KboVestigingGegevens | null {
  const rij = register.vestiging(nummer);
  if (!rij) return null;
  return {
    vestigingsnummer: nummer,
    ondernemingsnummer: rij.ondernemingsnummer,
    startdatum: rij.startdatum,
    adres: adresVan(register.adressen(nummer), 'BAET', gebied),
    naam: naamVan(register.namen(nummer), '003'),
  };
}

/** The sector whose organisation would recognise an active company by its MAIN activity (kbo.md's table); null for none. */
export function sectorKandidaatVan(register: KboRegister, nummer: string): Sector | null {
  const rij = register.onderneming(nummer);
  if (rij?.status !== 'AC') return null;
  const hoofd = hoofdactiviteitVan(activiteitenVan(register.activiteiten(nummer)));
  return hoofd ? sectorVoorNace(hoofd.code) : null;
}

/**
 * The sectors an onderneming's NACE codes belong to, MAIN and others, in the
 * order of `enum Sector`: where "maximaal duaal" (`kandidaatOpleidingen`)
 * looks for opleidingen beyond the sectors that already know the company.
 */
export function sectorenVanNace(register: KboRegister, nummer: string): Sector[] {
  const sectoren = new Set<Sector>();
  for (const a of activiteitenVan(register.activiteiten(nummer))) {
    const s = sectorVoorNace(a.code);
    if (s) sectoren.add(s);
  }
  const volgorde: readonly Sector[] = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'];
  return volgorde.filter((s) => sectoren.has(s));
}

/** Where an onderneming lies by the register: the gemeenten of its seat and of its vestigingseenheden. */
export function kboGemeenten(register: KboRegister, nummer: string, gebied: Gebied): Set<string> {
  const nis = new Set<string>();
  const zetel = adresVan(register.adressen(nummer), 'REGO', gebied);
  if (zetel?.gemeente) nis.add(zetel.gemeente.nisCode);
  for (const v of register.vestigingenVan(nummer)) {
    const adres = adresVan(register.adressen(v), 'BAET', gebied);
    if (adres?.gemeente) nis.add(adres.gemeente.nisCode);
  }
  return nis;
}
