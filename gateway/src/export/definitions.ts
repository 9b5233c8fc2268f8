import { connectionRows, flatten, isObject, rowsAt, unnest } from './rows.ts';
import type { Row } from './csv.ts';

/**
 * One CSV export: the graph's own operation and how its answer becomes rows.
 * The operation spreads its input objects into flat variables, one per URL
 * parameter, named as the contract's arguments and filter fields.
 */
export interface ExportDefinition {
  /** The name in the URL: `/export/<naam>.csv`. */
  readonly naam: string;
  readonly document: string;
  readonly rows: (data: Record<string, unknown>) => Row[];
  /** A paged root field: the export reads every page (`$first`/`$after`), up to the export's row limit. */
  readonly paging?: { readonly veld: string; readonly pageSize: number };
}

const RADARCEL = `
    regioCode
    gemeente { nisCode naam }
    opleidingscode
    opleiding { naam niveau }
    aantalAanbieders
    aantalPlaatsen
    aantalErkendeLeerwerkplekken
    aantalActieveLeerwerkplekken
    aantalVacatures
    aantalDualeVacatures
    knelpunt
    aantalZoekendeLerenden { waarde onderdrukt }
    aantalGestarteLerenden { waarde onderdrukt }
    witteVlek
    signalen
    onbekend`;

export const EXPORTS: readonly ExportDefinition[] = [
  {
    naam: 'radar',
    document: `query RadarExport($provincie: Provincie!, $niveau: Niveau, $per: RadarSchaal,
  $regioCode: ID, $nisCode: ID, $opleidingscode: ID, $signaal: Signaal, $alleenWitteVlekken: Boolean) {
  radar(provincie: $provincie, niveau: $niveau, per: $per, filter: {
    regioCode: $regioCode, nisCode: $nisCode, opleidingscode: $opleidingscode,
    signaal: $signaal, alleenWitteVlekken: $alleenWitteVlekken }) {${RADARCEL}
  }
}`,
    rows: (data) => rowsAt(data, 'radar'),
  },
  {
    naam: 'regioTotalen',
    document: `query RegioTotalenExport($provincie: Provincie!, $niveau: Niveau) {
  regioTotalen(provincie: $provincie, niveau: $niveau) {
    regio { code naam }
    aantalErkendeLeerwerkplekken
    aantalActieveLeerwerkplekken
    aantalAanbieders
    aantalOpleidingenMetAanbod
    aantalVacatures
    aantalDualeVacatures
    aantalZoekendeLerenden { waarde onderdrukt }
    aantalGestarteLerenden { waarde onderdrukt }
    aantalWitteVlekken
    onbekend
  }
}`,
    rows: (data) => rowsAt(data, 'regioTotalen'),
  },
  {
    naam: 'erkenningen',
    document: `query ErkenningenExport($sector: Sector, $status: ErkenningStatus, $geldig: Boolean,
  $vervaltVanaf: Date, $vervaltTot: Date, $regioCode: ID, $nisCode: ID, $opleidingscode: ID,
  $first: Int, $after: String) {
  erkenningen(first: $first, after: $after, filter: { sector: $sector, status: $status, geldig: $geldig,
    vervaltVanaf: $vervaltVanaf, vervaltTot: $vervaltTot, regioCode: $regioCode, nisCode: $nisCode,
    opleidingscode: $opleidingscode }) {
    edges {
      node {
        id
        sector
        status
        geldig
        geldigVan
        geldigTot
        dagenTotVerval
        opleiding { code naam }
        onderneming { ondernemingsnummer naam }
        vestiging { vestigingsnummer adres { postcode gemeente { nisCode naam } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    rows: (data) => connectionRows(data, 'erkenningen'),
    paging: { veld: 'erkenningen', pageSize: 100 },
  },
  {
    naam: 'inDeBuurt',
    document: `query InDeBuurtExport($postcode: String!, $km: Int, $opleidingscode: ID, $niveau: Niveau, $first: Int = 200) {
  inDeBuurt(postcode: $postcode, km: $km, opleidingscode: $opleidingscode, niveau: $niveau) {
    opleidingen {
      opleiding { code naam }
      aanbod { afstandKm aanbod { school { naam } gemeente { nisCode naam } capaciteit } }
      erkendeLeerwerkplekken(first: $first) { afstandKm vestiging { vestigingsnummer onderneming { naam } adres { gemeente { nisCode naam } } } }
      dualeVacatures(first: $first) { afstandKm vacature { id titel gemeente { nisCode naam } } }
    }
  }
}`,
    rows: (data) => {
      const buurt = data['inDeBuurt'];
      const opleidingen = isObject(buurt) && Array.isArray(buurt['opleidingen']) ? buurt['opleidingen'] : [];
      return unnest(opleidingen.filter(isObject), [
        { veld: 'aanbod', soort: 'AANBOD' },
        { veld: 'erkendeLeerwerkplekken', soort: 'ERKENDE_LEERWERKPLEK' },
        { veld: 'dualeVacatures', soort: 'DUALE_VACATURE' },
      ]);
    },
  },
  {
    naam: 'indicatoren',
    document: `query IndicatorenExport($provincie: Provincie!, $regioCode: ID, $van: Date!, $tot: Date!) {
  indicatoren(provincie: $provincie, regioCode: $regioCode, van: $van, tot: $tot) {
    op
    gereconstrueerd
    aantalErkendeLeerwerkplekken
    aantalActieveLeerwerkplekken
    aantalGestarteLerenden { waarde onderdrukt }
    aantalOpleidingenMetAanbod
    aantalWitteVlekken
    aandeelKnelpuntvacaturesMetDuaalAanbod
  }
}`,
    rows: (data) => rowsAt(data, 'indicatoren'),
  },
  {
    // The Hernieuwingen page's prospects (`sectorKandidaat` with `zonderErkenning: true`), and any other list
    // of companies the filter gives.
    naam: 'ondernemingen',
    document: `query OndernemingenExport($sector: Sector, $opleidingscode: ID, $nisCode: ID, $regioCode: ID,
  $status: ErkenningStatus, $naamBevat: String, $sectorKandidaat: Sector, $zonderErkenning: Boolean,
  $first: Int, $after: String) {
  ondernemingen(first: $first, after: $after, filter: { sector: $sector, opleidingscode: $opleidingscode,
    nisCode: $nisCode, regioCode: $regioCode, status: $status, naamBevat: $naamBevat,
    sectorKandidaat: $sectorKandidaat, zonderErkenning: $zonderErkenning }) {
    edges {
      node {
        ondernemingsnummer
        naam
        isErkend
        kbo {
          status
          rechtsvorm
          startdatum
          hoofdactiviteit { code versie }
          zetel { postcode gemeente { nisCode naam } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    rows: (data) => connectionRows(data, 'ondernemingen'),
    paging: { veld: 'ondernemingen', pageSize: 100 },
  },
  {
    // "Maximaal duaal" of one company: one row per kandidaat-opleiding, with the nearest aanbod.
    naam: 'kandidaatOpleidingen',
    document: `query KandidaatOpleidingenExport($ondernemingsnummer: ID!, $km: Int) {
  onderneming(ondernemingsnummer: $ondernemingsnummer) {
    kandidaatOpleidingen(km: $km) {
      opleiding { code naam niveau }
      sectoren
      aantalScholenInDeBuurt
      aantalZoekendeLerendenInDeBuurt { waarde onderdrukt }
      aantalDualeVacaturesInDeBuurt
      knelpunt
      dichtsteAanbod(first: 1) { afstandKm aanbod { school { naam } gemeente { nisCode naam } } }
    }
  }
}`,
    rows: (data) => {
      const onderneming = data['onderneming'];
      const lijst = isObject(onderneming) ? onderneming['kandidaatOpleidingen'] : null;
      // The nearest aanbod as columns of its own (`dichtsteAanbod.afstandKm`), empty where there is none.
      return (Array.isArray(lijst) ? lijst.filter(isObject) : []).map((kandidaat) => {
        const dichtste = kandidaat['dichtsteAanbod'];
        return flatten({
          ...kandidaat,
          dichtsteAanbod: Array.isArray(dichtste) && isObject(dichtste[0]) ? dichtste[0] : null,
        });
      });
    },
  },
];

export const exportByName = (naam: string): ExportDefinition | undefined =>
  EXPORTS.find((e) => e.naam === naam);
