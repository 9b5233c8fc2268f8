/**
 * What the graph must say about the company register, computed here from the
 * mock's own extracts (read by ../contract/kbolezer.ts) and kbo.md's rules:
 * an independent reading, not the subgraph's code.
 */
import {
  cijfersVan,
  csvVan,
  entiteit,
  isoVan,
  leesRegister,
  pakUit,
  sectorVanNace,
  type Register,
  type Rij,
} from '../contract/kbolezer.ts';
import {
  cijfers,
  leesAlleConstructivPaginas,
  leesAlleMtechPaginas,
  leesAlleVoltaPaginas,
  leesAlleWoodwizePaginas,
  leesEducamExport,
  leesWestVlaamseGemeenten,
  mod97Geldig,
} from '../contract/sector-reader.ts';
import { VDAB_API, VdabLezer, type Vacature } from '../contract/vdab-reader.ts';

const GEMEENTEN = leesWestVlaamseGemeenten();
const NIS_VAN_POSTCODE = new Map(GEMEENTEN.map((g) => [g.postcode, g.nis]));
export const REGIO_VAN_NIS_KBO = new Map(GEMEENTEN.map((g) => [g.nis, g.regio]));

export interface VerwachtAdres {
  straatnaam: string | null;
  huisnummer: string | null;
  postcode: string;
  gemeente: { nisCode: string } | null;
}

export interface VerwachteKbo {
  status: 'ACTIEF' | 'GESTOPT';
  rechtsvorm: string | null;
  startdatum: string | null;
  zetel: VerwachtAdres | null;
  activiteiten: { code: string; versie: string; klasse: string }[];
  vestigingen: {
    vestigingsnummer: string;
    kbo: { startdatum: string | null; naam: string | null; adres: VerwachtAdres | null };
  }[];
}

export interface KboLezing {
  /** The register the latest full extract and every update after it make. */
  readonly register: Register;
  /** `JuridicalForm` code to its Dutch description, from the full extract's code.csv. */
  readonly rechtsvormen: Map<string, string>;
}

export async function leesKbo(basis: string): Promise<KboLezing> {
  const { lijst, zips, register } = await leesRegister(basis);
  const volledig = await pakUit(zips.get(lijst[0]?.naam ?? '') ?? Buffer.alloc(0));
  const rechtsvormen = new Map(
    csvVan(volledig, 'code.csv')
      .rijen.filter((r) => r['Category'] === 'JuridicalForm' && r['Language'] === 'NL')
      .map((r) => [r['Code'] ?? '', r['Description'] ?? '']),
  );
  return { register, rechtsvormen };
}

function groep(rijen: readonly Rij[], tabel: Parameters<typeof entiteit>[0]): Map<string, Rij[]> {
  const uit = new Map<string, Rij[]>();
  for (const r of rijen) {
    const k = entiteit(tabel, r);
    uit.set(k, [...(uit.get(k) ?? []), r]);
  }
  return uit;
}

const v = (r: Rij, k: string) => r[k] ?? '';

/** The valid address of a type: the one not struck off. */
function adres(rijen: readonly Rij[], type: string): VerwachtAdres | null {
  const a = rijen.find((r) => v(r, 'TypeOfAddress') === type && v(r, 'DateStrikingOff') === '');
  if (!a) return null;
  const nis = v(a, 'CountryNL') === '' ? NIS_VAN_POSTCODE.get(v(a, 'Zipcode')) : undefined;
  const nummer = v(a, 'HouseNumber');
  return {
    straatnaam: v(a, 'StreetNL') || v(a, 'StreetFR') || null,
    huisnummer: nummer ? (v(a, 'Box') ? `${nummer} bus ${v(a, 'Box')}` : nummer) : null,
    postcode: v(a, 'Zipcode'),
    gemeente: nis ? { nisCode: nis } : null,
  };
}

/** A name of a type in Dutch, else unknown, then French, German, English. */
function naam(rijen: readonly Rij[], type: string): string | null {
  for (const taal of ['2', '0', '1', '3', '4']) {
    const n = rijen.find((r) => v(r, 'TypeOfDenomination') === type && v(r, 'Language') === taal);
    if (n && v(n, 'Denomination') !== '') return v(n, 'Denomination');
  }
  return null;
}

/** 2008 and 2025 rows (2003 only without them), each (class, version, code) once. */
function activiteiten(rijen: readonly Rij[]): VerwachteKbo['activiteiten'] {
  const nieuw = rijen.some((r) => ['2008', '2025'].includes(v(r, 'NaceVersion')));
  const sleutels = new Set(
    rijen
      .filter((r) => !nieuw || ['2008', '2025'].includes(v(r, 'NaceVersion')))
      .map((r) => `${v(r, 'Classification')}|${v(r, 'NaceVersion')}|${v(r, 'NaceCode')}`),
  );
  return [...sleutels].sort().map((s) => {
    const [klasse = '', versie = '', code = ''] = s.split('|');
    return { code, versie, klasse };
  });
}

export interface KboVerwachting {
  /** By dotted ondernemingsnummer. */
  readonly gegevens: Map<string, VerwachteKbo>;
  /** By dotted ondernemingsnummer: the legal name the graph must give. */
  readonly namen: Map<string, string | null>;
  /** By dotted ondernemingsnummer: the sector of its MAIN activity if active, else null. */
  readonly kandidaat: Map<string, string | null>;
  /** By dotted ondernemingsnummer: the NIS codes of its seat and vestigingseenheden. */
  readonly gemeenten: Map<string, Set<string>>;
}

export function verwachtVan({ register, rechtsvormen }: KboLezing): KboVerwachting {
  const namen = groep(register.denomination, 'denomination');
  const adressen = groep(register.address, 'address');
  const acts = groep(register.activity, 'activity');
  const vestigingen = groep(register.establishment, 'enterprise');
  const perVestiging = new Map(register.establishment.map((r) => [v(r, 'EstablishmentNumber'), r]));
  // `entiteit('enterprise', …)` reads EnterpriseNumber: the establishment rows grouped by their enterprise.
  const gegevens = new Map<string, VerwachteKbo>();
  const legaal = new Map<string, string | null>();
  const kandidaat = new Map<string, string | null>();
  const gemeenten = new Map<string, Set<string>>();
  for (const e of register.enterprise) {
    const nummer = v(e, 'EnterpriseNumber');
    const a = activiteiten(acts.get(nummer) ?? []);
    const eenheden = (vestigingen.get(nummer) ?? [])
      .map((r) => v(r, 'EstablishmentNumber'))
      .sort()
      .map((vn) => {
        const rij = perVestiging.get(vn);
        return {
          vestigingsnummer: vn,
          kbo: {
            startdatum: rij && v(rij, 'StartDate') ? isoVan(v(rij, 'StartDate')) : null,
            naam: naam(namen.get(vn) ?? [], '003'),
            adres: adres(adressen.get(vn) ?? [], 'BAET'),
          },
        };
      });
    const zetel = adres(adressen.get(nummer) ?? [], 'REGO');
    gegevens.set(nummer, {
      status: v(e, 'Status') === 'ST' ? 'GESTOPT' : 'ACTIEF',
      rechtsvorm: v(e, 'JuridicalForm') === '' ? null : (rechtsvormen.get(v(e, 'JuridicalForm')) ?? null),
      startdatum: v(e, 'StartDate') ? isoVan(v(e, 'StartDate')) : null,
      zetel,
      activiteiten: a,
      vestigingen: eenheden,
    });
    legaal.set(nummer, naam(namen.get(nummer) ?? [], '001'));
    const main = a.filter((x) => x.klasse === 'MAIN');
    const hoofd = main.find((x) => x.versie === '2025') ?? main.find((x) => x.versie === '2008');
    kandidaat.set(nummer, v(e, 'Status') === 'AC' && hoofd ? sectorVanNace(hoofd.code) : null);
    const plaatsen = new Set<string>();
    for (const adr of [zetel, ...eenheden.map((x) => x.kbo.adres)])
      if (adr?.gemeente) plaatsen.add(adr.gemeente.nisCode);
    gemeenten.set(nummer, plaatsen);
  }
  return { gegevens, namen: legaal, kandidaat, gemeenten };
}

/** Every company each other partner mentions, in digits, valid numbers only (a failing one names no company). */
export async function vermeldeOndernemingen(basis: string): Promise<Map<string, Set<string>>> {
  const lezer = new VdabLezer(basis, 10_000);
  const { resultaten } = await lezer.alles<Vacature>(`${VDAB_API}/vacatures/initial`);
  const matches: { ondernemingsnummer: string }[] = [];
  for (const status of ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART', 'AFGEWEZEN']) {
    for (let page = 1; ; page++) {
      const antwoord = await fetch(`${basis}/kazi/v1/matches?status=${status}&page=${page}&size=200`, {
        headers: { 'x-api-key': 'kazi-dev-key' },
      });
      const body = (await antwoord.json()) as { items: { ondernemingsnummer: string }[]; totalPages: number };
      matches.push(...body.items);
      if (page >= body.totalPages) break;
    }
  }
  const perPartner: Record<string, string[]> = {
    volta: (await leesAlleVoltaPaginas(basis)).items.map((e) => cijfers(e.ondernemingsnummer)),
    educam: (await leesEducamExport(basis)).rijen.map((r) => cijfers(r.kbo).padStart(10, '0')),
    constructiv: (await leesAlleConstructivPaginas(basis, 500)).items.map((p) => cijfers(p.onderneming.kbo)),
    mtech: (await leesAlleMtechPaginas(basis)).items.map((e) => cijfers(e.kbo)),
    woodwize: (await leesAlleWoodwizePaginas(basis)).items.map((e) => cijfers(e.kbo)),
    vdab: resultaten.flatMap((x) => (x.leverancier.kboNummer ? [cijfers(x.leverancier.kboNummer)] : [])),
    kazi: matches.map((m) => cijfers(m.ondernemingsnummer)),
  };
  return new Map(
    Object.entries(perPartner).map(([p, nummers]) => [
      p,
      new Set(nummers.filter((n) => /^[01]\d{9}$/.test(n) && mod97Geldig(n))),
    ]),
  );
}

export function metPunten(tienCijfers: string): string {
  return `${tienCijfers.slice(0, 4)}.${tienCijfers.slice(4, 7)}.${tienCijfers.slice(7)}`;
}

export { cijfersVan };
