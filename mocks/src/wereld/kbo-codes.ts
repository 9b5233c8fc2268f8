import type { Sector } from './catalogus.ts';

/**
 * The codes of the company register (../shared/partners/kbo.md) the synthetic
 * world uses, with the descriptions `code.csv` gives them. NACE-BEL 2008 codes
 * per sector follow the table of kbo.md, so a consumer that maps them back finds
 * the sector the world gave the company.
 */

export interface NaceCode {
  readonly code: string;
  readonly omschrijving: string;
}

export const NACE_PER_SECTOR: Readonly<Record<Sector, readonly NaceCode[]>> = {
  VOLTA: [
    { code: '43211', omschrijving: 'Elektrotechnische installatiewerken aan gebouwen' },
    { code: '43212', omschrijving: 'Elektrotechnische installatiewerken, m.u.v. aan gebouwen' },
    { code: '33140', omschrijving: 'Reparatie en onderhoud van elektrische apparatuur' },
    { code: '27120', omschrijving: 'Vervaardiging van schakel- en verdeelinrichtingen' },
  ],
  EDUCAM: [
    {
      code: '45201',
      omschrijving: "Algemeen onderhoud en reparatie van personenauto's en lichte bestelwagens",
    },
    { code: '45202', omschrijving: "Carrosserieherstelling van personenauto's en lichte bestelwagens" },
    { code: '45204', omschrijving: 'Onderhoud en reparatie van vrachtwagens' },
    { code: '45400', omschrijving: 'Handel in en onderhoud en reparatie van motorfietsen' },
  ],
  CONSTRUCTIV: [
    { code: '41201', omschrijving: 'Algemene bouw van residentiële gebouwen' },
    { code: '43221', omschrijving: 'Loodgieterswerk' },
    { code: '43222', omschrijving: 'Installatie van verwarming, klimaatregeling en ventilatie' },
    { code: '43310', omschrijving: 'Pleisterwerk' },
    { code: '43910', omschrijving: 'Dakwerkzaamheden' },
    { code: '42110', omschrijving: 'Bouw van autowegen en andere wegen' },
    { code: '23610', omschrijving: 'Vervaardiging van producten van beton voor de bouw' },
  ],
  MTECH: [
    { code: '25110', omschrijving: 'Vervaardiging van metalen constructiewerken en delen daarvan' },
    { code: '25620', omschrijving: 'Algemene mechanische bewerkingen' },
    { code: '28290', omschrijving: 'Vervaardiging van andere machines voor algemeen gebruik' },
    { code: '29320', omschrijving: 'Vervaardiging van andere delen en toebehoren voor motorvoertuigen' },
    { code: '33120', omschrijving: 'Reparatie en onderhoud van machines' },
    { code: '26110', omschrijving: 'Vervaardiging van elektronische componenten' },
  ],
  WOODWIZE: [
    { code: '16100', omschrijving: 'Zagen en schaven van hout' },
    { code: '16230', omschrijving: 'Vervaardiging van ander timmerwerk en schrijnwerk' },
    { code: '31010', omschrijving: 'Vervaardiging van kantoor- en winkelmeubelen' },
    { code: '31020', omschrijving: 'Vervaardiging van keukenmeubelen' },
  ],
};

/** Activities of companies outside the five sectors, by the word their name starts with. */
export const NACE_PER_NAAMVORM: readonly (readonly [woord: string, nace: NaceCode])[] = [
  [
    'Bakkerij',
    { code: '10712', omschrijving: 'Ambachtelijke vervaardiging van brood en van vers banketbakkerswerk' },
  ],
  ['Kapsalon', { code: '96021', omschrijving: 'Haarverzorging' }],
  ['Woonzorgcentrum', { code: '87101', omschrijving: 'Verpleeghuizen' }],
  ['Transport', { code: '49410', omschrijving: 'Goederenvervoer over de weg' }],
  ['Brasserie', { code: '56101', omschrijving: 'Eetgelegenheden met volledige bediening' }],
  ['Logistics', { code: '52290', omschrijving: 'Overige vervoersondersteunende activiteiten' }],
  ['Tuinaanleg', { code: '81300', omschrijving: 'Landschapsverzorging' }],
  ['Slagerij', { code: '47221', omschrijving: 'Detailhandel in vlees en vleesproducten' }],
  ['Kinderdagverblijf', { code: '88911', omschrijving: 'Kinderdagverblijven en crèches' }],
  ['Retail', { code: '47111', omschrijving: 'Detailhandel in niet-gespecialiseerde winkels (supermarkten)' }],
];

/** A main activity outside the company's sector: trade in what it installs, for example. */
export const NACE_HANDEL: NaceCode = {
  code: '46690',
  omschrijving: 'Groothandel in andere machines en werktuigen',
};

export const NACE_INTERIM: NaceCode = { code: '78201', omschrijving: 'Uitzendbureaus' };

/**
 * The NACE-BEL 2003 code an old activity row still carries for a 2008 code
 * (the 2003 classification numbered construction 45, car repair 50, wood 20, …).
 */
export const NACE_2003: Readonly<Record<string, NaceCode>> = {
  '43211': { code: '45311', omschrijving: 'Elektrische installatiewerken (NACE-BEL 2003)' },
  '45201': { code: '50202', omschrijving: 'Onderhoud en reparatie van auto’s (NACE-BEL 2003)' },
  '41201': { code: '45211', omschrijving: 'Algemene bouwkundige werken (NACE-BEL 2003)' },
  '25620': { code: '28520', omschrijving: 'Algemene mechanische werkzaamheden (NACE-BEL 2003)' },
  '16230': { code: '20300', omschrijving: 'Vervaardiging van timmerwerk (NACE-BEL 2003)' },
  '49410': { code: '60240', omschrijving: 'Goederenvervoer over de weg (NACE-BEL 2003)' },
  '56101': { code: '55301', omschrijving: 'Restaurants (NACE-BEL 2003)' },
};

/** French names of the municipalities that have one; others are the same in both languages. */
export const FRANSE_GEMEENTENAMEN: Readonly<Record<string, string>> = {
  Brugge: 'Bruges',
  Kortrijk: 'Courtrai',
  Ieper: 'Ypres',
  Oostende: 'Ostende',
  Menen: 'Menin',
  Veurne: 'Furnes',
  Diksmuide: 'Dixmude',
  Poperinge: 'Poperinghe',
  Waregem: 'Waregem',
  Gent: 'Gand',
  Antwerpen: 'Anvers',
  Leuven: 'Louvain',
  Mechelen: 'Malines',
  Aalst: 'Alost',
  Tongeren: 'Tongres',
};

/** Legal forms as a French denomination writes them. */
export const FRANSE_RECHTSVORMEN: Readonly<Record<string, string>> = { BV: 'SRL', NV: 'SA' };

/** Every code `code.csv` explains, apart from the NACE codes: category, code, Dutch and French description. */
export const VASTE_CODES: readonly (readonly [string, string, string, string])[] = [
  ['Status', 'AC', 'Actief', 'Actif'],
  ['Status', 'ST', 'Stopgezet', 'Arrêté'],
  ['JuridicalSituation', '000', 'Normale toestand', 'Situation normale'],
  ['JuridicalSituation', '014', 'Sluiting van vereffening', 'Clôture de liquidation'],
  ['JuridicalSituation', '090', 'Stopzetting van de activiteiten', 'Cessation d’activité'],
  ['TypeOfEnterprise', '1', 'Natuurlijk persoon', 'Personne physique'],
  ['TypeOfEnterprise', '2', 'Rechtspersoon', 'Personne morale'],
  ['JuridicalForm', '014', 'Naamloze vennootschap', 'Société anonyme'],
  [
    'JuridicalForm',
    '015',
    'Besloten vennootschap met beperkte aansprakelijkheid',
    'Société privée à responsabilité limitée',
  ],
  ['JuridicalForm', '610', 'Besloten vennootschap', 'Société à responsabilité limitée'],
  ['Language', '0', 'Onbekend', 'Inconnu'],
  ['Language', '1', 'Frans', 'Français'],
  ['Language', '2', 'Nederlands', 'Néerlandais'],
  ['Language', '3', 'Duits', 'Allemand'],
  ['Language', '4', 'Engels', 'Anglais'],
  ['TypeOfDenomination', '001', 'Naam', 'Dénomination'],
  ['TypeOfDenomination', '002', 'Afkorting', 'Abréviation'],
  ['TypeOfDenomination', '003', 'Commerciële naam', 'Dénomination commerciale'],
  ['TypeOfAddress', 'REGO', 'Adres van de zetel', 'Adresse du siège'],
  ['TypeOfAddress', 'BAET', 'Adres van de vestigingseenheid', "Adresse de l'unité d'établissement"],
  ['ActivityGroup', '001', 'BTW-activiteiten', 'Activités TVA'],
  ['ActivityGroup', '003', 'RSZ-activiteiten', 'Activités ONSS'],
  ['Classification', 'MAIN', 'Hoofdactiviteit', 'Activité principale'],
  ['Classification', 'SECO', 'Nevenactiviteit', 'Activité secondaire'],
  ['Classification', 'ANCI', 'Hulpactiviteit', 'Activité auxiliaire'],
  ['ContactType', 'TEL', 'Telefoonnummer', 'Numéro de téléphone'],
  ['ContactType', 'EMAIL', 'E-mail', 'E-mail'],
  ['ContactType', 'WEB', 'Webadres', 'Adresse web'],
  ['EntityContact', 'ENT', 'Onderneming', 'Entreprise'],
  ['EntityContact', 'EST', 'Vestigingseenheid', "Unité d'établissement"],
];

/** Every NACE code the world uses, per NaceVersion, for `code.csv`. */
export function naceCodes(): { versie: string; nace: NaceCode }[] {
  const alle2008 = [
    ...Object.values(NACE_PER_SECTOR).flat(),
    ...NACE_PER_NAAMVORM.map(([, nace]) => nace),
    NACE_HANDEL,
    NACE_INTERIM,
  ];
  return [
    ...Object.values(NACE_2003).map((nace) => ({ versie: '2003', nace })),
    ...alle2008.map((nace) => ({ versie: '2008', nace })),
    // NACE-BEL 2025 keeps these codes; the register gives them for companies that re-registered.
    ...alle2008.map((nace) => ({ versie: '2025', nace })),
  ];
}
