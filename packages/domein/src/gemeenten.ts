import { ARRONDISSEMENTEN } from './gemeenten-andere-provincies.ts';
import { GEMEENTEN_WEST_VLAANDEREN } from './gemeenten-west-vlaanderen.ts';
import { afstandKm, type Punt } from './geo/afstand.ts';
import { GEMEENTE_PUNTEN, HOOFDPOSTCODES, POSTCODES } from './geo/geo-data.ts';

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
  /** Every postcode of the gemeente, deelgemeenten included; the first is the main one, the rest ascending. */
  readonly postcodes: readonly string[];
  /** Population in thousands (rounded); weighs where synthetic data lands. */
  readonly inwoners: number;
  /** The representative point (../shared/domain/geo): distances between gemeenten are measured between these. */
  readonly ligging: Punt;
}

export const REGIOS_WEST_VLAANDEREN: readonly Regio[] = [
  { code: 'BRUGGE', naam: 'Regio Brugge', provincie: 'WEST_VLAANDEREN' },
  { code: 'OOSTENDE', naam: 'Regio Oostende (Kust)', provincie: 'WEST_VLAANDEREN' },
  { code: 'WESTHOEK', naam: 'Westhoek', provincie: 'WEST_VLAANDEREN' },
  { code: 'MIDWEST', naam: 'Midwest', provincie: 'WEST_VLAANDEREN' },
  { code: 'ZUID_WEST_VLAANDEREN', naam: 'Zuid-West-Vlaanderen', provincie: 'WEST_VLAANDEREN' },
];

const PUNTEN = new Map(
  GEMEENTE_PUNTEN.map(([nis, naam, lat, lon]) => [nis, { naam, ligging: { lat, lon } }]),
);
const HOOFD = new Map(HOOFDPOSTCODES);
const POSTCODES_PER_NIS = new Map<string, string[]>();
for (const [postcode, nis] of POSTCODES) {
  const lijst = POSTCODES_PER_NIS.get(nis) ?? [];
  lijst.push(postcode);
  POSTCODES_PER_NIS.set(nis, lijst);
}

/** The main postcode first (the table's where it names one), then the others ascending. */
function postcodesVan(nisCode: string, hoofd: string | undefined): string[] {
  const alle = POSTCODES_PER_NIS.get(nisCode) ?? [];
  const eerste = hoofd ?? HOOFD.get(nisCode) ?? alle[0];
  if (eerste === undefined) throw new Error(`no postcode for gemeente ${nisCode}`);
  return [eerste, ...alle.filter((p) => p !== eerste)];
}

function punt(nisCode: string): { naam: string; ligging: Punt } {
  const p = PUNTEN.get(nisCode);
  if (!p) throw new Error(`gemeente ${nisCode} is not in ../shared/domain/geo`);
  return p;
}

function westVlaamseGemeenten(): Gemeente[] {
  return GEMEENTEN_WEST_VLAANDEREN.map(([nisCode, naam, postcode, regioCode, inwoners]) => ({
    nisCode,
    naam,
    provincie: 'WEST_VLAANDEREN',
    regioCode,
    postcodes: postcodesVan(nisCode, postcode),
    inwoners,
    ligging: punt(nisCode).ligging,
  }));
}

function gemeentenAndereProvincies(): Gemeente[] {
  const gemeenten: Gemeente[] = [];
  for (const arr of ARRONDISSEMENTEN) {
    // The named ones first, in their order, so that the weighted draws of the mocks start from them.
    const genoemd = new Map(arr.echt.map(([nis, , postcode, inwoners]) => [nis, { postcode, inwoners }]));
    const andere = GEMEENTE_PUNTEN.map(([nis]) => nis).filter(
      (nis) => nis.startsWith(arr.nisPrefix) && !genoemd.has(nis),
    );
    for (const nisCode of [...genoemd.keys(), ...andere]) {
      const g = genoemd.get(nisCode);
      const { naam, ligging } = punt(nisCode);
      gemeenten.push({
        nisCode,
        naam,
        provincie: arr.provincie,
        regioCode: arr.regioCode,
        postcodes: postcodesVan(nisCode, g?.postcode),
        inwoners: g?.inwoners ?? 10,
        ligging,
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
  /**
   * The great-circle distance in km, unrounded, from this gemeente's
   * representative point to that of every gemeente of the area (0 to itself);
   * empty for a gemeente the area does not hold.
   */
  afstandenVanaf(nisCode: string): ReadonlyMap<string, number>;
}

function maakGebied(
  provincies: readonly Provincie[],
  regios: readonly Regio[],
  gemeenten: readonly Gemeente[],
): Gebied {
  const perNis = new Map(gemeenten.map((g) => [g.nisCode, g]));
  const perPostcode = new Map<string, Gemeente>();
  // In the table's order: a postcode of two gemeenten (1804) belongs to the first.
  for (const [postcode, nis] of POSTCODES) {
    const g = perNis.get(nis);
    if (g && !perPostcode.has(postcode)) perPostcode.set(postcode, g);
  }
  const afstanden = new Map<string, ReadonlyMap<string, number>>();
  const afstandenVanaf = (nisCode: string): ReadonlyMap<string, number> => {
    let rij = afstanden.get(nisCode);
    if (!rij) {
      const vertrek = perNis.get(nisCode);
      rij = new Map(vertrek ? gemeenten.map((g) => [g.nisCode, afstandKm(vertrek.ligging, g.ligging)]) : []);
      afstanden.set(nisCode, rij);
    }
    return rij;
  };
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
    afstandenVanaf,
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
