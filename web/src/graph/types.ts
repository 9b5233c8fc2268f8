// The shapes of the app's operations' answers (src/graph/operaties/*.graphql).

export type Provincie = 'WEST_VLAANDEREN' | 'OOST_VLAANDEREN' | 'ANTWERPEN' | 'VLAAMS_BRABANT' | 'LIMBURG';
export type Niveau = 'SECUNDAIR' | 'VOLWASSENENONDERWIJS' | 'HOGER';
export type Signaal =
  | 'VRAAG_ZONDER_AANBOD'
  | 'AANBOD_ZONDER_LEERWERKPLEKKEN'
  | 'LERENDEN_ZONDER_LEERWERKPLEK'
  | 'KNELPUNT_ZONDER_AANBOD';
export type Bron = 'VOLTA' | 'EDUCAM' | 'CONSTRUCTIV' | 'MTECH' | 'WOODWIZE' | 'ONDERWIJS' | 'VDAB' | 'KAZI';

export interface Telling {
  readonly waarde: number | null;
  readonly onderdrukt: boolean;
}

export interface KeuzesData {
  readonly regios: readonly { code: string; naam: string; provincie: Provincie }[] | null;
  readonly opleidingen: readonly { code: string; naam: string; niveau: Niveau }[] | null;
}

export interface RadarCel {
  readonly regioCode: string;
  readonly opleidingscode: string;
  readonly regio: { readonly naam: string };
  /** Only in the radar per gemeente (`per: GEMEENTE`): the gemeente of the cell. */
  readonly gemeente?: { readonly nisCode: string; readonly naam: string } | null;
  readonly opleiding: { readonly naam: string; readonly niveau: Niveau };
  // Every count is null when it is not known (its source never read, its subgraph unreachable).
  readonly aantalAanbieders: number | null;
  readonly aantalPlaatsen: number | null;
  readonly aantalErkendeLeerwerkplekken: number | null;
  readonly aantalVacatures: number | null;
  readonly aantalDualeVacatures: number | null;
  readonly knelpunt: boolean | null;
  readonly aantalZoekendeLerenden: Telling | null;
  readonly witteVlek: boolean;
  readonly signalen: readonly Signaal[];
}

export interface RadarData {
  readonly radar: readonly RadarCel[] | null;
}

export interface RadarCelData {
  readonly regio: { code: string; naam: string } | null;
  readonly opleiding: {
    code: string;
    naam: string;
    aanbod: readonly {
      schooljaar: string;
      school: { instellingsnummer: string; naam: string; website: string | null };
      gemeente: { naam: string };
      capaciteit: number | null;
      ingeschreven: number;
      vrijePlaatsen: number | null;
    }[];
    erkendeLeerwerkplekken: {
      totalCount: number;
      edges: readonly {
        node: {
          vestigingsnummer: string;
          onderneming: { ondernemingsnummer: string; naam: string | null };
          adres: { gemeente: { naam: string } | null } | null;
        };
      }[];
    } | null;
    vacatures: {
      totalCount: number;
      edges: readonly {
        node: {
          id: string;
          titel: string;
          duaal: boolean;
          gemeente: { naam: string } | null;
          leverancier: { naam: string };
          publicatiedatum: string;
        };
      }[];
    } | null;
  } | null;
}
