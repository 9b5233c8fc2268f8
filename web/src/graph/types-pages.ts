// The shapes of the answers of the Hernieuwingen, In de buurt, Verloop and Maximaal duaal operations.
import type { Niveau, Provincie, Telling } from './types.ts';

export type Sector = 'VOLTA' | 'EDUCAM' | 'CONSTRUCTIV' | 'MTECH' | 'WOODWIZE';
export const SECTOREN: readonly Sector[] = ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'];
export type ErkenningStatus = 'ERKEND' | 'GESCHORST' | 'INGETROKKEN';

interface Page<T> {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: readonly { readonly node: T }[];
}

export interface HernieuwingenData {
  readonly erkenningen: Page<{
    id: string;
    sector: Sector;
    status: ErkenningStatus;
    geldigTot: string | null;
    dagenTotVerval: number | null;
    opleiding: { code: string; naam: string };
    onderneming: { ondernemingsnummer: string; naam: string | null };
    vestiging: { vestigingsnummer: string; adres: { gemeente: { naam: string } | null } | null } | null;
  }> | null;
}

export interface ProspectenData {
  readonly ondernemingen: Page<{
    ondernemingsnummer: string;
    naam: string | null;
    kbo: {
      rechtsvorm: string | null;
      startdatum: string | null;
      hoofdactiviteit: { code: string } | null;
      zetel: { postcode: string; gemeente: { naam: string } | null } | null;
    } | null;
  }> | null;
}

export interface ReferentiedatumData {
  readonly referentiedatum: string | null;
}

export interface Plaats {
  readonly nisCode: string;
  readonly naam: string;
  readonly ligging: { readonly lat: number; readonly lon: number };
}

export interface BuurtOpleiding {
  readonly opleiding: { code: string; naam: string; niveau: Niveau };
  readonly aanbod: readonly {
    afstandKm: number;
    aanbod: {
      school: { instellingsnummer: string; naam: string };
      gemeente: Plaats;
      vrijePlaatsen: number | null;
    };
  }[];
  readonly aantalErkendeLeerwerkplekken: number | null;
  readonly erkendeLeerwerkplekken: readonly {
    afstandKm: number;
    vestiging: {
      vestigingsnummer: string;
      onderneming: { ondernemingsnummer: string; naam: string | null };
      adres: { gemeente: Plaats | null } | null;
    };
  }[];
  readonly dualeVacatures: readonly {
    afstandKm: number;
    vacature: { id: string; titel: string; leverancier: { naam: string }; gemeente: Plaats | null };
  }[];
}

export interface InDeBuurtData {
  readonly inDeBuurt: {
    vertrek: Plaats & { provincie: Provincie };
    km: number;
    opleidingen: readonly BuurtOpleiding[];
  } | null;
}

export interface PeilingenData {
  readonly peilingen: readonly { op: string; gereconstrueerd: boolean }[] | null;
}

export interface IndicatorPunt {
  readonly op: string;
  readonly gereconstrueerd: boolean;
  readonly aantalErkendeLeerwerkplekken: number | null;
  readonly aantalActieveLeerwerkplekken: number | null;
  readonly aantalGestarteLerenden: Telling | null;
  readonly aantalOpleidingenMetAanbod: number | null;
  readonly aantalWitteVlekken: number | null;
  readonly aandeelKnelpuntvacaturesMetDuaalAanbod: number | null;
}

export interface IndicatorenData {
  readonly indicatoren: readonly IndicatorPunt[] | null;
}

export interface OndernemingZoekenData {
  readonly ondernemingen: {
    totalCount: number;
    edges: readonly { node: { ondernemingsnummer: string; naam: string | null } }[];
  } | null;
}

export interface OndernemingData {
  readonly onderneming: {
    ondernemingsnummer: string;
    naam: string | null;
    naamBron: string | null;
    isErkend: boolean;
    kbo: {
      status: 'ACTIEF' | 'GESTOPT';
      rechtsvorm: string | null;
      startdatum: string | null;
      zetel: {
        straatnaam: string | null;
        huisnummer: string | null;
        postcode: string;
        gemeente: { naam: string } | null;
      } | null;
      hoofdactiviteit: { code: string; versie: string } | null;
      sectoren: readonly Sector[];
    } | null;
    erkenningen: readonly {
      id: string;
      sector: Sector;
      status: ErkenningStatus;
      geldig: boolean;
      geldigVan: string;
      geldigTot: string | null;
      opleiding: { code: string; naam: string };
      vestiging: { vestigingsnummer: string; adres: { gemeente: { naam: string } | null } | null } | null;
    }[];
    kandidaatOpleidingen: readonly {
      opleiding: { code: string; naam: string };
      sectoren: readonly Sector[];
      aantalScholenInDeBuurt: number;
      dichtsteAanbod: readonly {
        afstandKm: number;
        aanbod: { school: { naam: string }; gemeente: { naam: string } };
      }[];
      aantalZoekendeLerendenInDeBuurt: { waarde: number | null; onderdrukt: boolean };
      aantalDualeVacaturesInDeBuurt: number;
      knelpunt: boolean;
    }[];
  } | null;
}
