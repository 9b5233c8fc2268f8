import { ARRONDISSEMENTEN } from './gemeenten-andere-provincies.ts';
import { GEMEENTEN_WEST_VLAANDEREN } from './gemeenten-west-vlaanderen.ts';

export const PROVINCIES = [
  'WEST_VLAANDEREN',
  'OOST_VLAANDEREN',
  'ANTWERPEN',
  'VLAAMS_BRABANT',
  'LIMBURG',
] as const;
export type Provincie = (typeof PROVINCIES)[number];

/** `[nisCode, naam, postcode, regioCode, inwoners in thousands]` */
export type GemeenteRij = readonly [
  nisCode: string,
  naam: string,
  postcode: string,
  regioCode: string,
  inwoners: number,
];

export interface Regio {
  readonly code: string;
  readonly naam: string;
  readonly provincie: Provincie;
}

export interface Gemeente {
  readonly nisCode: string;
  readonly naam: string;
  readonly provincie: Provincie;
  readonly regioCode: string;
  /** The postcodes the data set uses for this municipality; the first is the main one. */
  readonly postcodes: readonly string[];
  /** Population in thousands (rounded); weighs where synthetic data lands. */
  readonly inwoners: number;
  /** True for a filler municipality of the `vlaanderen` scale with made-up name and codes. */
  readonly synthetisch: boolean;
}

export const REGIOS_WEST_VLAANDEREN: readonly Regio[] = [
  { code: 'BRUGGE', naam: 'Regio Brugge', provincie: 'WEST_VLAANDEREN' },
  { code: 'OOSTENDE', naam: 'Regio Oostende (Kust)', provincie: 'WEST_VLAANDEREN' },
  { code: 'WESTHOEK', naam: 'Westhoek', provincie: 'WEST_VLAANDEREN' },
  { code: 'MIDWEST', naam: 'Midwest', provincie: 'WEST_VLAANDEREN' },
  { code: 'ZUID_WEST_VLAANDEREN', naam: 'Zuid-West-Vlaanderen', provincie: 'WEST_VLAANDEREN' },
];

function westVlaamseGemeenten(): Gemeente[] {
  return GEMEENTEN_WEST_VLAANDEREN.map(([nisCode, naam, postcode, regioCode, inwoners]) => ({
    nisCode,
    naam,
    provincie: 'WEST_VLAANDEREN',
    regioCode,
    postcodes: [postcode],
    inwoners,
    synthetisch: false,
  }));
}

function gemeentenAndereProvincies(): Gemeente[] {
  const gemeenten: Gemeente[] = [];
  for (const arr of ARRONDISSEMENTEN) {
    for (const [nisCode, naam, postcode, inwoners] of arr.echt) {
      gemeenten.push({
        nisCode,
        naam,
        provincie: arr.provincie,
        regioCode: arr.regioCode,
        postcodes: [postcode],
        inwoners,
        synthetisch: false,
      });
    }
    const naamStam = arr.naam.replace('Arrondissement ', '');
    for (let i = 0; i < arr.aantalGemeenten - arr.echt.length; i++) {
      gemeenten.push({
        nisCode: `${arr.nisPrefix}${String(901 + i)}`,
        naam: `${naamStam} (synthetische gemeente ${i + 1})`,
        provincie: arr.provincie,
        regioCode: arr.regioCode,
        postcodes: [String(arr.syntheticPostcodeStart + i)],
        inwoners: 10,
        synthetisch: true,
      });
    }
  }
  return gemeenten;
}

/** The reference table of municipalities and regions at a given geographic reach. */
export interface Gebied {
  readonly provincies: readonly Provincie[];
  readonly regios: readonly Regio[];
  readonly gemeenten: readonly Gemeente[];
  gemeente(nisCode: string): Gemeente | undefined;
  gemeenteVoorPostcode(postcode: string): Gemeente | undefined;
  regio(code: string): Regio | undefined;
  gemeentenVanRegio(regioCode: string): readonly Gemeente[];
}

function maakGebied(
  provincies: readonly Provincie[],
  regios: readonly Regio[],
  gemeenten: readonly Gemeente[],
): Gebied {
  const perNis = new Map(gemeenten.map((g) => [g.nisCode, g]));
  const perPostcode = new Map<string, Gemeente>();
  for (const g of gemeenten) for (const p of g.postcodes) perPostcode.set(p, g);
  const perRegio = new Map(regios.map((r) => [r.code, r]));
  const gemeentenPerRegio = new Map<string, Gemeente[]>();
  for (const g of gemeenten) {
    const lijst = gemeentenPerRegio.get(g.regioCode) ?? [];
    lijst.push(g);
    gemeentenPerRegio.set(g.regioCode, lijst);
  }
  return {
    provincies,
    regios,
    gemeenten,
    gemeente: (nisCode) => perNis.get(nisCode),
    gemeenteVoorPostcode: (postcode) => perPostcode.get(postcode.trim()),
    regio: (code) => perRegio.get(code),
    gemeentenVanRegio: (regioCode) => gemeentenPerRegio.get(regioCode) ?? [],
  };
}

/** West-Vlaanderen alone: the default scale. */
export const WEST_VLAANDEREN: Gebied = maakGebied(
  ['WEST_VLAANDEREN'],
  REGIOS_WEST_VLAANDEREN,
  westVlaamseGemeenten(),
);

/** All five Flemish provinces: the `vlaanderen` scale. */
export const VLAANDEREN: Gebied = maakGebied(
  PROVINCIES,
  [
    ...REGIOS_WEST_VLAANDEREN,
    ...ARRONDISSEMENTEN.map((a) => ({ code: a.regioCode, naam: a.naam, provincie: a.provincie })),
  ],
  [...westVlaamseGemeenten(), ...gemeentenAndereProvincies()],
);
