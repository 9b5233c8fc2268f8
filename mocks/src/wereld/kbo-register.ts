import { metControlecijfers, plusDagen, type Gebied } from '@duaal-graph/domein';
import { ANDERE_NAAMVORMEN, FAMILIENAMEN, NAAMVORMEN, SECTOREN, STRATEN, type Sector } from './catalogus.ts';
import {
  FRANSE_RECHTSVORMEN,
  NACE_2003,
  NACE_HANDEL,
  NACE_INTERIM,
  NACE_PER_NAAMVORM,
  NACE_PER_SECTOR,
  type NaceCode,
} from './kbo-codes.ts';
import {
  maakKboRecord,
  naamZonderVorm,
  stopsituatie,
  vestigingRijen,
  type KboOndernemingSpec,
} from './kbo-ondernemingen.ts';
import {
  kboDatum,
  KboRegister,
  voegSamen,
  type KboExtract,
  type KboRecord,
  type KboWijziging,
} from './kbo.ts';
import type { Onderneming, Ondernemingen, Vestiging } from './ondernemingen.ts';
import type { Vuil } from './vuil.ts';
import { gewogenKiezer, type Willekeur } from './willekeur.ts';

/** Register-only companies at the West-Vlaanderen scale: prospects with a sector's NACE code, and the rest. */
export const KBO_BASISGROOTTES = { prospects: 2400, overige: 3300 } as const;

/** Share of the register a day's update changes. */
const WIJZIGINGEN_PER_DAG = 0.0015;

export interface KboInvoer {
  readonly gebied: Gebied;
  readonly ondernemingen: Ondernemingen;
  /** Ondernemingen with an erkenning that the sector lists as ERKEND. */
  readonly erkend: ReadonlySet<string>;
  readonly referentiedatum: string;
  readonly graad: number;
  readonly factor: number;
  /** A random stream of its own for every name, so that each day's changes are a function of the seed and the day. */
  readonly stroom: (naam: string) => Willekeur;
}

export interface KboWereld {
  /** The register on the reference date; the mock serves and changes it. */
  readonly register: KboRegister;
  /** The latest full extract and every daily update after it, oldest first. */
  readonly extracten: KboExtract[];
  readonly vuil: Vuil[];
  /** Makes the day's own changes (companies starting, stopping, moving, …) in the register, and returns them. */
  readonly dagwijzigingen: (datum: string) => KboWijziging[];
}

/**
 * The monthly full extract is of the first day of the month a week before the
 * reference date, so that at least a week of daily updates follows it.
 */
export function datumVolledigExtract(referentiedatum: string): string {
  return `${plusDagen(referentiedatum, -7).slice(0, 7)}-01`;
}

/** Extract numbers count the months since the register's open data began (January 2015), as the real ones roughly do. */
export function nummerVolledigExtract(datum: string): number {
  return (Number(datum.slice(0, 4)) - 2015) * 12 + Number(datum.slice(5, 7)) - 1;
}

function naceVanNaam(naam: string): NaceCode {
  return NACE_PER_NAAMVORM.find(([woord]) => naam.includes(woord))?.[1] ?? NACE_HANDEL;
}

function maandenGeleden(w: Willekeur, datum: string): string {
  return plusDagen(datum, -w.geheel(400, 15_000));
}

export function genereerKbo(invoer: KboInvoer): KboWereld {
  const { gebied, ondernemingen, referentiedatum, graad, factor, stroom } = invoer;
  const w = stroom('kbo');
  const register = new KboRegister();
  const kiesGemeente = gewogenKiezer(gebied.gemeenten, (g) => g.inwoners);
  const vermeld = new Set<string>();
  /** Ondernemingen with dirt: a day's generated changes leave them as they are, so the dirt list stays true. */
  const vast = new Set<string>();
  const alleVermelde = [...ondernemingen.erkend, ...ondernemingen.andere, ...ondernemingen.interimkantoren];
  for (const o of alleVermelde) {
    vermeld.add(o.kbo);
    register.reserveer(o.kbo);
    for (const v of o.vestigingen) register.reserveer(v.nummer);
  }
  const nieuwNummer = (r: Willekeur, min: number, max: number): string => {
    for (;;) {
      const nummer = metControlecijfers(r.geheel(min, max));
      if (!register.isGebruikt(nummer)) {
        register.reserveer(nummer);
        return nummer;
      }
    }
  };
  const nieuweVestiging = (r: Willekeur): Vestiging => ({
    nummer: nieuwNummer(r, 20_000_000, 89_999_999),
    gemeente: kiesGemeente(r),
    straat: r.kies(STRATEN),
    huisnummer: String(r.geheel(1, 250)),
  });

  const d0 = datumVolledigExtract(referentiedatum);
  const zet = (r: Willekeur, spec: KboOndernemingSpec) => register.zet(maakKboRecord(r, spec));

  for (const o of ondernemingen.erkend) {
    const [hoofdsector, tweede] = o.sectoren as [Sector, ...Sector[]];
    const sectorcode = w.kies(NACE_PER_SECTOR[hoofdsector]);
    // A few companies register trade as their main activity, and the sector's work beside it.
    const handel = w.kans(0.05);
    zet(w, {
      ...o,
      hoofdactiviteit: handel ? NACE_HANDEL : sectorcode,
      nevenactiviteit: handel ? sectorcode : tweede ? w.kies(NACE_PER_SECTOR[tweede]) : null,
      startdatum: maandenGeleden(w, d0),
      peildatum: d0,
      gestopt: false,
    });
  }
  for (const o of ondernemingen.andere) {
    zet(w, {
      ...o,
      hoofdactiviteit: naceVanNaam(o.naam),
      nevenactiviteit: null,
      startdatum: maandenGeleden(w, d0),
      peildatum: d0,
      gestopt: false,
    });
  }
  for (const o of ondernemingen.interimkantoren) {
    zet(w, {
      ...o,
      naam: `${o.naam} NV`,
      hoofdactiviteit: NACE_INTERIM,
      nevenactiviteit: null,
      startdatum: maandenGeleden(w, d0),
      peildatum: d0,
      gestopt: false,
    });
  }

  const sectorGewicht = (s: Sector) => (s === 'CONSTRUCTIV' ? 30 : s === 'MTECH' ? 22 : 16);
  const registerOnly = (
    r: Willekeur,
    sector: Sector | null,
    startdatum: string,
    peildatum: string,
    stopkans: number,
  ) => {
    const naam = r.kies(sector ? NAAMVORMEN[sector] : ANDERE_NAAMVORMEN).replace('{n}', r.kies(FAMILIENAMEN));
    const vestigingen = [nieuweVestiging(r)];
    if (r.kans(0.2)) vestigingen.push(nieuweVestiging(r));
    return zet(r, {
      kbo: nieuwNummer(r, 2_000_000, 19_999_999),
      naam,
      vestigingen,
      hoofdactiviteit: sector ? r.kies(NACE_PER_SECTOR[sector]) : naceVanNaam(naam),
      nevenactiviteit: null,
      startdatum,
      peildatum,
      gestopt: r.kans(stopkans),
    });
  };
  for (let i = 0; i < Math.round(KBO_BASISGROOTTES.prospects * factor); i++)
    registerOnly(w, w.gewogen(SECTOREN, sectorGewicht), maandenGeleden(w, d0), d0, 0.02);
  for (let i = 0; i < Math.round(KBO_BASISGROOTTES.overige * factor); i++)
    registerOnly(w, null, maandenGeleden(w, d0), d0, 0.03);

  const vuil = bevuil(w, register, ondernemingen, invoer.erkend, graad, d0, vast);

  const dagwijzigingen = (datum: string): KboWijziging[] => {
    const r = stroom(`kbo:${datum}`);
    const nummers = [...register.records.keys()];
    const wijzigingen: KboWijziging[] = [];
    const aantal = Math.max(2, Math.round(register.records.size * WIJZIGINGEN_PER_DAG));
    const kandidaat = (past: (record: KboRecord, nummer: string) => boolean) => {
      for (let poging = 0; poging < 10; poging++) {
        const nummer = r.kies(nummers);
        const record = register.records.get(nummer);
        if (record && !vast.has(nummer) && past(record, nummer)) return record;
      }
      return undefined;
    };
    const actief = (record: KboRecord) => record.enterprise[0]?.Status === 'AC';
    for (let i = 0; i < aantal; i++) {
      const soort = r.gewogen(
        [
          ['START', 30],
          ['STOP', 15],
          ['VESTIGING', 20],
          ['NAAM', 20],
          ['ADRES', 15],
        ] as const,
        ([, gewicht]) => gewicht,
      )[0];
      let nieuw: KboRecord | undefined;
      if (soort === 'START') {
        wijzigingen.push(
          registerOnly(r, r.kans(0.5) ? r.gewogen(SECTOREN, sectorGewicht) : null, datum, datum, 0),
        );
        continue;
      }
      if (soort === 'STOP') {
        // A company another partner mentions does not stop on its own here: that case is dirt, listed as such.
        const record = kandidaat((rec, nummer) => actief(rec) && !vermeld.has(nummer));
        const rij = record?.enterprise[0];
        if (record && rij)
          nieuw = {
            ...record,
            enterprise: [{ ...rij, Status: 'ST', JuridicalSituation: stopsituatie(rij.TypeOfEnterprise) }],
          };
      } else if (soort === 'VESTIGING') {
        const record = kandidaat(actief);
        const rij = record?.enterprise[0];
        if (record && rij) {
          const naam = record.denomination.find((d) => d.TypeOfDenomination === '001')?.Denomination ?? '';
          const code = record.activity.find((a) => a.Classification === 'MAIN')?.NaceCode;
          const extra = vestigingRijen(
            r,
            rij.EnterpriseNumber,
            naam,
            nieuweVestiging(r),
            datum,
            code ? { code, omschrijving: '' } : NACE_HANDEL,
          );
          nieuw = {
            enterprise: record.enterprise,
            establishment: [...record.establishment, ...extra.establishment],
            denomination: [...record.denomination, ...extra.denomination],
            address: [...record.address, ...extra.address],
            activity: [...record.activity, ...extra.activity],
            contact: [...record.contact, ...extra.contact],
          };
        }
      } else if (soort === 'NAAM') {
        const record = kandidaat((rec) => rec.denomination.some((d) => d.TypeOfDenomination === '001'));
        if (record) {
          const toevoeging = r.kies(['Groep', '& Co', 'Services', 'Solutions']);
          nieuw = {
            ...record,
            denomination: record.denomination.map((d) => {
              if (d.TypeOfDenomination !== '001') return d;
              const vorm = / (BV|NV)$/.exec(d.Denomination)?.[0] ?? '';
              return { ...d, Denomination: `${naamZonderVorm(d.Denomination)} ${toevoeging}${vorm}` };
            }),
          };
        }
      } else {
        const record = kandidaat((rec) => rec.address.some((a) => a.TypeOfAddress === 'REGO'));
        if (record) {
          const nummer = record.enterprise[0]?.EnterpriseNumber.replace(/\D/g, '') ?? '';
          // A company the other partners know moves within its municipality; others may move anywhere.
          const elders = vermeld.has(nummer) ? null : kiesGemeente(r);
          const straat = r.kies(STRATEN);
          const huisnummer = String(r.geheel(1, 250));
          nieuw = {
            ...record,
            address: record.address.map((a) =>
              a.TypeOfAddress !== 'REGO'
                ? a
                : {
                    ...a,
                    ...(elders
                      ? {
                          Zipcode: elders.postcodes[0] ?? '',
                          MunicipalityNL: elders.naam,
                          MunicipalityFR: elders.naam,
                        }
                      : {}),
                    StreetNL: straat,
                    StreetFR: straat,
                    HouseNumber: huisnummer,
                  },
            ),
          };
        }
      }
      if (nieuw) wijzigingen.push(register.zet(nieuw));
    }
    return wijzigingen;
  };

  const eerste = nummerVolledigExtract(d0);
  const extracten: KboExtract[] = [
    { soort: 'full', nummer: eerste, datum: d0, records: register.snapshot() },
  ];
  for (
    let datum = plusDagen(d0, 1), nummer = eerste + 1;
    datum <= referentiedatum;
    datum = plusDagen(datum, 1), nummer++
  )
    extracten.push({ soort: 'update', nummer, datum, wijzigingen: voegSamen(dagwijzigingen(datum)) });

  return { register, extracten, vuil, dagwijzigingen };
}

/**
 * The dirt of kbo.md, in ondernemingen the other partners mention (where a
 * consumer meets it): a name only in French, a seat struck off, a NACE-BEL 2003
 * row beside the 2008 one, and a stopped company a sector still lists as erkend.
 */
function bevuil(
  w: Willekeur,
  register: KboRegister,
  ondernemingen: Ondernemingen,
  erkend: ReadonlySet<string>,
  graad: number,
  d0: string,
  vast: Set<string>,
): Vuil[] {
  if (graad <= 0) return [];
  const vuil: Vuil[] = [];
  const vermelde = [...ondernemingen.erkend, ...ondernemingen.andere];
  const aantal = Math.max(1, Math.round((graad * vermelde.length) / 4));
  const kies = (kandidaten: readonly Onderneming[], n: number) =>
    w.steekproef(
      kandidaten.filter((o) => !vast.has(o.kbo)),
      n,
    );
  const pas = (o: Onderneming, aanpassing: (r: KboRecord) => KboRecord) => {
    const record = register.records.get(o.kbo);
    if (!record) return undefined;
    vast.add(o.kbo);
    const nieuw = aanpassing(record);
    register.zet(nieuw);
    return nieuw;
  };

  for (const o of kies(vermelde, aantal)) {
    const record = pas(o, (r) => ({
      ...r,
      denomination: r.denomination.map((d) =>
        d.TypeOfDenomination === '001' && d.Language === '2'
          ? {
              ...d,
              Language: '1',
              Denomination: d.Denomination.replace(
                / (BV|NV)$/,
                (_, vorm: string) => ` ${FRANSE_RECHTSVORMEN[vorm] ?? vorm}`,
              ),
            }
          : d,
      ),
    }));
    const naam = record?.denomination.find((d) => d.TypeOfDenomination === '001')?.Denomination ?? null;
    vuil.push({
      partner: 'kbo',
      soort: 'FRANSE_NAAM',
      recordId: record?.enterprise[0]?.EnterpriseNumber ?? o.kbo,
      veld: 'denomination.Language',
      waarde: naam,
      behandeling: 'PARSEERVAL',
    });
  }
  for (const o of kies(vermelde, aantal)) {
    const datum = kboDatum(plusDagen(d0, -w.geheel(30, 400)));
    const record = pas(o, (r) => ({
      ...r,
      address: r.address.map((a) => (a.TypeOfAddress === 'REGO' ? { ...a, DateStrikingOff: datum } : a)),
    }));
    vuil.push({
      partner: 'kbo',
      soort: 'ZETEL_DOORGEHAALD',
      recordId: record?.enterprise[0]?.EnterpriseNumber ?? o.kbo,
      veld: 'address.DateStrikingOff',
      waarde: datum,
      behandeling: 'PARSEERVAL',
    });
  }
  const metOudeCode = vermelde.filter((o) => {
    const hoofd = register.records.get(o.kbo)?.activity.find((a) => a.Classification === 'MAIN');
    return hoofd !== undefined && hoofd.NaceCode in NACE_2003;
  });
  for (const o of kies(metOudeCode, aantal)) {
    let oud = '';
    const record = pas(o, (r) => {
      const hoofd = r.activity.find((a) => a.Classification === 'MAIN' && a.ActivityGroup === '001');
      oud = (hoofd && NACE_2003[hoofd.NaceCode]?.code) ?? '';
      return hoofd
        ? { ...r, activity: [{ ...hoofd, NaceVersion: '2003', NaceCode: oud }, ...r.activity] }
        : r;
    });
    vuil.push({
      partner: 'kbo',
      soort: 'NACE_2003',
      recordId: record?.enterprise[0]?.EnterpriseNumber ?? o.kbo,
      veld: 'activity.NaceVersion',
      waarde: oud,
      behandeling: 'PARSEERVAL',
    });
  }
  const stopKandidaten = ondernemingen.erkend.filter((o) => erkend.has(o.kbo));
  for (const o of kies(stopKandidaten, Math.max(1, Math.round(graad * ondernemingen.erkend.length)))) {
    const record = pas(o, (r) => {
      const rij = r.enterprise[0];
      return rij
        ? {
            ...r,
            enterprise: [{ ...rij, Status: 'ST', JuridicalSituation: stopsituatie(rij.TypeOfEnterprise) }],
          }
        : r;
    });
    vuil.push({
      partner: 'kbo',
      soort: 'GESTOPT_MAAR_ERKEND',
      recordId: record?.enterprise[0]?.EnterpriseNumber ?? o.kbo,
      veld: 'enterprise.Status',
      waarde: 'ST',
      behandeling: 'BEHOUDEN',
    });
  }
  return vuil;
}
