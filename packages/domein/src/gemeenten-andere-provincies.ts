import type { Provincie } from './gemeenten.ts';

/**
 * The other four Flemish provinces, used at the `vlaanderen` scale. Each
 * arrondissement is a region: every gemeente whose NIS code starts with its
 * prefix (../shared/domain/geo). The gemeenten named here carry their main
 * postcode and population in thousands (rounded), which weighs where synthetic
 * data lands; the others of the arrondissement weigh 10.
 */
export interface ArrondissementBron {
  readonly regioCode: string;
  readonly naam: string;
  readonly provincie: Provincie;
  readonly nisPrefix: string;
  readonly echt: readonly (readonly [nisCode: string, naam: string, postcode: string, inwoners: number])[];
}

export const ARRONDISSEMENTEN: readonly ArrondissementBron[] = [
  {
    regioCode: 'ANTWERPEN',
    naam: 'Arrondissement Antwerpen',
    provincie: 'ANTWERPEN',
    nisPrefix: '11',
    echt: [
      ['11002', 'Antwerpen', '2000', 530],
      ['11004', 'Boechout', '2530', 13],
      ['11005', 'Boom', '2850', 19],
      ['11008', 'Brasschaat', '2930', 38],
      ['11009', 'Brecht', '2960', 30],
      ['11013', 'Edegem', '2650', 31],
      ['11023', 'Kapellen', '2950', 27],
      ['11029', 'Mortsel', '2640', 26],
      ['11040', 'Schoten', '2900', 35],
      ['11056', 'Zwijndrecht', '2070', 19],
    ],
  },
  {
    regioCode: 'MECHELEN',
    naam: 'Arrondissement Mechelen',
    provincie: 'ANTWERPEN',
    nisPrefix: '12',
    echt: [
      ['12025', 'Mechelen', '2800', 87],
      ['12021', 'Lier', '2500', 36],
      ['12014', 'Heist-op-den-Berg', '2220', 43],
      ['12040', 'Willebroek', '2830', 27],
      ['12009', 'Duffel', '2570', 17],
      ['12005', 'Bonheiden', '2820', 15],
    ],
  },
  {
    regioCode: 'TURNHOUT',
    naam: 'Arrondissement Turnhout',
    provincie: 'ANTWERPEN',
    nisPrefix: '13',
    echt: [
      ['13040', 'Turnhout', '2300', 45],
      ['13008', 'Geel', '2440', 41],
      ['13025', 'Mol', '2400', 37],
      ['13011', 'Herentals', '2200', 29],
      ['13014', 'Hoogstraten', '2320', 22],
      ['13049', 'Westerlo', '2260', 26],
    ],
  },
  {
    regioCode: 'HALLE_VILVOORDE',
    naam: 'Arrondissement Halle-Vilvoorde',
    provincie: 'VLAAMS_BRABANT',
    nisPrefix: '23',
    echt: [
      ['23027', 'Halle', '1500', 40],
      ['23088', 'Vilvoorde', '1800', 45],
      ['23002', 'Asse', '1730', 33],
      ['23016', 'Dilbeek', '1700', 43],
      ['23025', 'Grimbergen', '1850', 38],
      ['23094', 'Zaventem', '1930', 35],
    ],
  },
  {
    regioCode: 'LEUVEN',
    naam: 'Arrondissement Leuven',
    provincie: 'VLAAMS_BRABANT',
    nisPrefix: '24',
    echt: [
      ['24062', 'Leuven', '3000', 102],
      ['24107', 'Tienen', '3300', 35],
      ['24001', 'Aarschot', '3200', 30],
      ['24020', 'Diest', '3290', 24],
      ['24038', 'Herent', '3020', 22],
      ['24033', 'Haacht', '3150', 15],
    ],
  },
  {
    regioCode: 'AALST',
    naam: 'Arrondissement Aalst',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '41',
    echt: [
      ['41002', 'Aalst', '9300', 89],
      ['41018', 'Geraardsbergen', '9500', 34],
      ['41048', 'Ninove', '9400', 40],
      ['41011', 'Denderleeuw', '9470', 21],
      ['41081', 'Zottegem', '9620', 27],
    ],
  },
  {
    regioCode: 'DENDERMONDE',
    naam: 'Arrondissement Dendermonde',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '42',
    echt: [
      ['42006', 'Dendermonde', '9200', 46],
      ['42008', 'Hamme', '9220', 25],
      ['42028', 'Zele', '9240', 22],
      ['42025', 'Wetteren', '9230', 26],
    ],
  },
  {
    regioCode: 'EEKLO',
    naam: 'Arrondissement Eeklo',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '43',
    echt: [
      ['43005', 'Eeklo', '9900', 21],
      ['43010', 'Maldegem', '9990', 24],
      ['43002', 'Assenede', '9960', 14],
    ],
  },
  {
    regioCode: 'GENT',
    naam: 'Arrondissement Gent',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '44',
    echt: [
      ['44021', 'Gent', '9000', 265],
      ['44034', 'Lochristi', '9080', 23],
      ['44043', 'Merelbeke', '9820', 25],
      ['44019', 'Evergem', '9940', 36],
    ],
  },
  {
    regioCode: 'OUDENAARDE',
    naam: 'Arrondissement Oudenaarde',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '45',
    echt: [
      ['45035', 'Oudenaarde', '9700', 32],
      ['45041', 'Ronse', '9600', 27],
    ],
  },
  {
    regioCode: 'SINT_NIKLAAS',
    naam: 'Arrondissement Sint-Niklaas',
    provincie: 'OOST_VLAANDEREN',
    nisPrefix: '46',
    echt: [
      ['46021', 'Sint-Niklaas', '9100', 79],
      ['46025', 'Temse', '9140', 30],
      ['46003', 'Beveren', '9120', 49],
      ['46014', 'Lokeren', '9160', 42],
    ],
  },
  {
    regioCode: 'HASSELT',
    naam: 'Arrondissement Hasselt',
    provincie: 'LIMBURG',
    nisPrefix: '71',
    echt: [
      ['71022', 'Hasselt', '3500', 79],
      ['71016', 'Genk', '3600', 67],
      ['71004', 'Beringen', '3580', 47],
      ['71053', 'Sint-Truiden', '3800', 41],
      ['71070', 'Heusden-Zolder', '3550', 34],
    ],
  },
  {
    regioCode: 'MAASEIK',
    naam: 'Arrondissement Maaseik',
    provincie: 'LIMBURG',
    nisPrefix: '72',
    echt: [
      ['72021', 'Maaseik', '3680', 26],
      ['72020', 'Lommel', '3920', 35],
      ['72004', 'Bree', '3960', 16],
      ['72041', 'Dilsen-Stokkem', '3650', 21],
    ],
  },
  {
    regioCode: 'TONGEREN',
    naam: 'Arrondissement Tongeren',
    provincie: 'LIMBURG',
    nisPrefix: '73',
    echt: [
      ['73083', 'Tongeren', '3700', 31],
      ['73006', 'Bilzen', '3740', 32],
      ['73066', 'Riemst', '3770', 17],
    ],
  },
];
