import { kboMetPunten, plusDagen, vestigingMetPunten, type Gemeente } from '@duaal-graph/domein';
import { FRANSE_GEMEENTENAMEN, type NaceCode } from './kbo-codes.ts';
import { kboDatum, type KboRecord, type KboRij } from './kbo.ts';
import type { Vestiging } from './ondernemingen.ts';
import type { Willekeur } from './willekeur.ts';

/** What the register needs to know of an onderneming to write its rows. */
export interface KboOndernemingSpec {
  /** Ten digits. */
  readonly kbo: string;
  readonly naam: string;
  /** The first is the seat (`zetelVan`). */
  readonly vestigingen: readonly Vestiging[];
  readonly hoofdactiviteit: NaceCode;
  readonly nevenactiviteit: NaceCode | null;
  /** ISO date; the seat's vestigingseenheid starts then too, the others later. */
  readonly startdatum: string;
  /** The date the register writes the record on: no vestigingseenheid starts after it. */
  readonly peildatum: string;
  readonly gestopt: boolean;
}

function rechtsvorm(
  w: Willekeur,
  naam: string,
): Pick<KboRij<'enterprise'>, 'TypeOfEnterprise' | 'JuridicalForm' | 'JuridicalFormCAC'> {
  if (/ NV$/.test(naam)) return { TypeOfEnterprise: '2', JuridicalForm: '014', JuridicalFormCAC: '' };
  // An old BVBA keeps its form code; JuridicalFormCAC gives the form under the new company code.
  if (/ BV$/.test(naam))
    return w.kans(0.3)
      ? { TypeOfEnterprise: '2', JuridicalForm: '015', JuridicalFormCAC: '610' }
      : { TypeOfEnterprise: '2', JuridicalForm: '610', JuridicalFormCAC: '' };
  // A name without a legal form is often a sole trader's.
  return w.kans(0.4)
    ? { TypeOfEnterprise: '1', JuridicalForm: '', JuridicalFormCAC: '' }
    : { TypeOfEnterprise: '2', JuridicalForm: '610', JuridicalFormCAC: '' };
}

function dagenTussen(van: string, tot: string): number {
  return Math.max(0, Math.round((Date.parse(tot) - Date.parse(van)) / 86_400_000));
}

export function stopsituatie(typeOfEnterprise: string): string {
  return typeOfEnterprise === '1' ? '090' : '014';
}

export function adresRij(
  entiteit: string,
  type: 'REGO' | 'BAET',
  gemeente: Gemeente,
  straat: string,
  huisnummer: string,
): KboRij<'address'> {
  return {
    EntityNumber: entiteit,
    TypeOfAddress: type,
    CountryNL: '',
    CountryFR: '',
    Zipcode: gemeente.postcodes[0] ?? '',
    MunicipalityNL: gemeente.naam,
    MunicipalityFR: FRANSE_GEMEENTENAMEN[gemeente.naam] ?? gemeente.naam,
    StreetNL: straat,
    StreetFR: straat,
    HouseNumber: huisnummer,
    Box: '',
    ExtraAddressInfo: '',
    DateStrikingOff: '',
  };
}

function slug(naam: string): string {
  return naam
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

function telefoon(w: Willekeur): string {
  return `0${w.geheel(50, 59)} ${w.geheel(10, 99)} ${w.geheel(10, 99)} ${w.geheel(10, 99)}`;
}

/** The name without its legal form, which a vestigingseenheid's commercial name builds on. */
export function naamZonderVorm(naam: string): string {
  return naam.replace(/ (BV|NV)$/, '');
}

/** The rows of one vestigingseenheid of an onderneming. */
export function vestigingRijen(
  w: Willekeur,
  ondernemingsnummer: string,
  naam: string,
  v: Vestiging,
  startdatum: string,
  hoofdactiviteit: NaceCode,
): Omit<KboRecord, 'enterprise'> {
  const nummer = vestigingMetPunten(v.nummer);
  return {
    establishment: [
      { EstablishmentNumber: nummer, StartDate: kboDatum(startdatum), EnterpriseNumber: ondernemingsnummer },
    ],
    denomination: w.kans(0.4)
      ? [
          {
            EntityNumber: nummer,
            Language: '2',
            TypeOfDenomination: '003',
            Denomination: `${naamZonderVorm(naam)} ${v.gemeente.naam}`,
          },
        ]
      : [],
    address: [adresRij(nummer, 'BAET', v.gemeente, v.straat, v.huisnummer)],
    activity: w.kans(0.6)
      ? [
          {
            EntityNumber: nummer,
            ActivityGroup: '003',
            NaceVersion: '2008',
            NaceCode: hoofdactiviteit.code,
            Classification: 'MAIN',
          },
        ]
      : [],
    contact: w.kans(0.2)
      ? [{ EntityNumber: nummer, EntityContact: 'EST', ContactType: 'TEL', Value: telefoon(w) }]
      : [],
  };
}

/** Writes an onderneming as the register holds it: Dutch legal name, seat, vestigingseenheden, NACE-BEL 2008. */
export function maakKboRecord(w: Willekeur, spec: KboOndernemingSpec): KboRecord {
  const nummer = kboMetPunten(spec.kbo);
  const vorm = rechtsvorm(w, spec.naam);
  const zetel = spec.vestigingen[0];
  const activiteit = (
    groep: string,
    versie: string,
    nace: NaceCode,
    classificatie: string,
  ): KboRij<'activity'> => ({
    EntityNumber: nummer,
    ActivityGroup: groep,
    NaceVersion: versie,
    NaceCode: nace.code,
    Classification: classificatie,
  });
  const activiteiten = [activiteit('001', '2008', spec.hoofdactiviteit, 'MAIN')];
  if (vorm.TypeOfEnterprise === '2' && w.kans(0.7))
    activiteiten.push(activiteit('003', '2008', spec.hoofdactiviteit, 'MAIN'));
  if (spec.nevenactiviteit) activiteiten.push(activiteit('001', '2008', spec.nevenactiviteit, 'SECO'));
  // Companies that re-registered their activities have NACE-BEL 2025 codes too.
  if (w.kans(0.05)) activiteiten.push(activiteit('001', '2025', spec.hoofdactiviteit, 'MAIN'));

  const contacten: KboRij<'contact'>[] = [];
  const web = slug(naamZonderVorm(spec.naam));
  if (w.kans(0.5))
    contacten.push({
      EntityNumber: nummer,
      EntityContact: 'ENT',
      ContactType: 'WEB',
      Value: `www.${web}.be`,
    });
  if (w.kans(0.4))
    contacten.push({
      EntityNumber: nummer,
      EntityContact: 'ENT',
      ContactType: 'EMAIL',
      Value: `info@${web}.be`,
    });
  if (w.kans(0.6))
    contacten.push({ EntityNumber: nummer, EntityContact: 'ENT', ContactType: 'TEL', Value: telefoon(w) });

  const denominaties: KboRij<'denomination'>[] = [
    { EntityNumber: nummer, Language: '2', TypeOfDenomination: '001', Denomination: spec.naam },
  ];
  if (vorm.TypeOfEnterprise === '2' && w.kans(0.1)) {
    const afkorting = naamZonderVorm(spec.naam)
      .split(/[\s&-]+/)
      .filter((d) => d !== '')
      .map((d) => d.charAt(0).toUpperCase())
      .join('');
    denominaties.push({
      EntityNumber: nummer,
      Language: '2',
      TypeOfDenomination: '002',
      Denomination: afkorting,
    });
  }

  const vestigingen = spec.vestigingen.map((v, i) =>
    vestigingRijen(
      w,
      nummer,
      spec.naam,
      v,
      i === 0
        ? spec.startdatum
        : plusDagen(spec.startdatum, w.geheel(0, dagenTussen(spec.startdatum, spec.peildatum))),
      spec.hoofdactiviteit,
    ),
  );
  return {
    enterprise: [
      {
        EnterpriseNumber: nummer,
        Status: spec.gestopt ? 'ST' : 'AC',
        JuridicalSituation: spec.gestopt ? stopsituatie(vorm.TypeOfEnterprise) : '000',
        ...vorm,
        StartDate: kboDatum(spec.startdatum),
      },
    ],
    establishment: vestigingen.flatMap((v) => v.establishment),
    denomination: [...denominaties, ...vestigingen.flatMap((v) => v.denomination)],
    address: [
      ...(zetel ? [adresRij(nummer, 'REGO', zetel.gemeente, zetel.straat, zetel.huisnummer)] : []),
      ...vestigingen.flatMap((v) => v.address),
    ],
    activity: [...activiteiten, ...vestigingen.flatMap((v) => v.activity)],
    contact: [...contacten, ...vestigingen.flatMap((v) => v.contact)],
  };
}
