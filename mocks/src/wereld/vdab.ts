import { plusDagen, type Gebied } from '@duaal-graph/domein';
import {
  ANDERE_BEROEPSPROFIELEN,
  BEROEPSPROFIEL_LABELS,
  KNELPUNT_OORZAKEN,
  OPLEIDINGEN,
  type CatalogusOpleiding,
} from './catalogus.ts';
import type { Onderneming, Ondernemingen } from './ondernemingen.ts';
import { breekControle, kiesVuil, type Vuil } from './vuil.ts';
import { gewogenKiezer, type Willekeur } from './willekeur.ts';

/** VDAB's vacatures and knelpuntberoepen in its own format (../shared/partners/vdab.md). */

export type ArbeidsContract = 'VAST' | 'TIJDELIJK' | 'INTERIM' | 'DUAAL_LEREN' | 'STUDENTENJOB' | 'FLEXIJOB';

export interface VdabVacature {
  vacatureReferentie: { interneReferentie: string; vdabReferentie: number };
  status: 'GEPUBLICEERD';
  publicatieDatum: string;
  wijzigingsDatum: string;
  functie: { functieTitel: string; beroepsprofiel: { code: string; label: string }; omschrijving: string };
  arbeidsovereenkomst: {
    arbeidsContract: ArbeidsContract;
    arbeidsRegime: 'VOLTIJDS' | 'DEELTIJDS';
    vermoedelijkeStartdatum: string;
  };
  tewerkstellingsadres: { postcode: string; gemeente: string; landCode: 'BE'; provincie: { label: string } };
  leverancier: { naam: string; kboNummer?: string; type: 'WERKGEVER' | 'INTERIMKANTOOR' };
  aantalPosten: number;
}

export type Wijzigingssoort = 'NIEUW' | 'GEWIJZIGD' | 'VERWIJDERD';

/** One entry of VDAB's change log, which `bulk` windows read. */
export interface VdabWijziging {
  readonly tijdstip: string;
  readonly vdabReferentie: number;
  readonly wijziging: Wijzigingssoort;
  /** The vacature as it stood after a NIEUW or GEWIJZIGD change; absent for VERWIJDERD. */
  readonly vacature?: VdabVacature;
}

export interface Knelpuntberoep {
  beroepsprofielCode: string;
  naam: string;
  oorzaken: string[];
}

export interface Vdab {
  readonly vacatures: VdabVacature[];
  readonly wijzigingen: VdabWijziging[];
  readonly knelpuntberoepen: { jaar: number; beroepen: Knelpuntberoep[] };
  readonly vuil: Vuil[];
}

const PROVINCIE_LABEL: Record<string, string> = {
  WEST_VLAANDEREN: 'West-Vlaanderen',
  OOST_VLAANDEREN: 'Oost-Vlaanderen',
  ANTWERPEN: 'Antwerpen',
  VLAAMS_BRABANT: 'Vlaams-Brabant',
  LIMBURG: 'Limburg',
};

const CONTRACTEN: readonly [ArbeidsContract, number][] = [
  ['VAST', 50],
  ['TIJDELIJK', 20],
  ['INTERIM', 20],
  ['STUDENTENJOB', 5],
  ['FLEXIJOB', 5],
];

/** How many days of history the change log holds before the reference date. */
const LOGBOEK_DAGEN = 14;

function tijdstip(w: Willekeur, datum: string): string {
  return `${datum}T${String(w.geheel(6, 19)).padStart(2, '0')}:${String(w.geheel(0, 59)).padStart(2, '0')}:00Z`;
}

export function genereerVdab(
  w: Willekeur,
  gebied: Gebied,
  ondernemingen: Ondernemingen,
  aantal: number,
  aantalDuaal: number,
  referentiedatum: string,
  graad: number,
): Vdab {
  const kiesGemeente = gewogenKiezer(gebied.gemeenten, (g) => g.inwoners);
  const kiesOpleiding = gewogenKiezer(
    OPLEIDINGEN,
    (o) => (o.sector ? 3 : 1) * (o.niveau === 'SECUNDAIR' ? 2 : 1),
  );
  const perSector = new Map<string, Onderneming[]>();
  for (const o of ondernemingen.erkend) {
    for (const s of o.sectoren) {
      const lijst = perSector.get(s);
      if (lijst) lijst.push(o);
      else perSector.set(s, [o]);
    }
  }
  const gezien = new Set<number>();

  const werkgeverVoor = (opleiding: CatalogusOpleiding | null): Onderneming => {
    const uitSector = opleiding?.sector ? perSector.get(opleiding.sector) : undefined;
    if (uitSector && w.kans(0.8)) return w.kies(uitSector);
    return w.kans(0.5) ? w.kies(ondernemingen.erkend) : w.kies(ondernemingen.andere);
  };

  const maak = (duaal: boolean): VdabVacature => {
    let referentie: number;
    do referentie = w.geheel(70_000_000, 79_999_999);
    while (gezien.has(referentie));
    gezien.add(referentie);
    const contract: ArbeidsContract = duaal ? 'DUAAL_LEREN' : w.gewogen(CONTRACTEN, (c) => c[1])[0];
    const opleiding = duaal || w.kans(0.55) ? kiesOpleiding(w) : null;
    const [code, label] = opleiding
      ? (() => {
          const c = w.kies(opleiding.beroepsprofielCodes);
          return [c, BEROEPSPROFIEL_LABELS[c] ?? c] as const;
        })()
      : w.kies(ANDERE_BEROEPSPROFIELEN);
    const werkgever = werkgeverVoor(opleiding);
    const interim = contract === 'INTERIM';
    const leverancier = interim ? w.kies(ondernemingen.interimkantoren) : werkgever;
    const gemeente = w.kans(0.85) ? (werkgever.vestigingen[0]?.gemeente ?? kiesGemeente(w)) : kiesGemeente(w);
    const publicatie = plusDagen(referentiedatum, -w.geheel(1, 120));
    const gewijzigd = w.kans(0.4) ? plusDagen(publicatie, w.geheel(0, 20)) : publicatie;
    const publicatieDatum = tijdstip(w, publicatie);
    const wijzigingsDatum =
      gewijzigd > referentiedatum
        ? publicatieDatum
        : gewijzigd === publicatie
          ? publicatieDatum
          : tijdstip(w, gewijzigd);
    return {
      vacatureReferentie: { interneReferentie: w.uuid(), vdabReferentie: referentie },
      status: 'GEPUBLICEERD',
      publicatieDatum,
      wijzigingsDatum,
      functie: {
        functieTitel: duaal ? `${label} (duaal leren)` : label,
        beroepsprofiel: { code, label },
        omschrijving: `${werkgever.naam} zoekt een ${label.toLowerCase()} in ${gemeente.naam}.`,
      },
      arbeidsovereenkomst: {
        arbeidsContract: contract,
        arbeidsRegime: w.kans(0.8) ? 'VOLTIJDS' : 'DEELTIJDS',
        vermoedelijkeStartdatum: plusDagen(referentiedatum, w.geheel(7, 90)),
      },
      tewerkstellingsadres: {
        postcode: gemeente.postcodes[0] ?? '',
        gemeente: gemeente.naam,
        landCode: 'BE',
        provincie: { label: PROVINCIE_LABEL[gemeente.provincie] ?? gemeente.provincie },
      },
      leverancier: {
        naam: leverancier.naam,
        kboNummer: leverancier.kbo,
        type: interim ? 'INTERIMKANTOOR' : 'WERKGEVER',
      },
      aantalPosten: w.kans(0.8) ? 1 : w.geheel(2, 4),
    };
  };

  const vacatures: VdabVacature[] = [];
  for (let i = 0; i < aantal; i++) vacatures.push(maak(i < aantalDuaal));
  // Vacatures that were filled or closed in the last days: in the change log only.
  const gesloten = Array.from({ length: Math.round(aantal * 0.04) }, () => maak(w.kans(0.13)));

  const logStart = plusDagen(referentiedatum, -LOGBOEK_DAGEN);
  const wijzigingen: VdabWijziging[] = [];
  for (const v of [...vacatures, ...gesloten]) {
    const ref = v.vacatureReferentie.vdabReferentie;
    if (v.publicatieDatum >= logStart)
      wijzigingen.push({ tijdstip: v.publicatieDatum, vdabReferentie: ref, wijziging: 'NIEUW', vacature: v });
    if (v.wijzigingsDatum !== v.publicatieDatum && v.wijzigingsDatum >= logStart) {
      wijzigingen.push({
        tijdstip: v.wijzigingsDatum,
        vdabReferentie: ref,
        wijziging: 'GEWIJZIGD',
        vacature: v,
      });
    }
  }
  for (const v of gesloten) {
    wijzigingen.push({
      tijdstip: tijdstip(w, plusDagen(referentiedatum, -w.geheel(0, LOGBOEK_DAGEN - 1))),
      vdabReferentie: v.vacatureReferentie.vdabReferentie,
      wijziging: 'VERWIJDERD',
    });
  }

  const vuil: Vuil[] = [];
  for (const [index, soort] of kiesVuil(w, vacatures.length, graad, [
    'KBO_ONTBREEKT',
    'KBO_CONTROLE',
    'ONBESTAANDE_POSTCODE',
    'DUBBELE_WIJZIGING',
  ] as const)) {
    const v = vacatures[index] as VdabVacature;
    const recordId = String(v.vacatureReferentie.vdabReferentie);
    if (soort === 'KBO_ONTBREEKT') {
      delete v.leverancier.kboNummer;
      vuil.push({
        partner: 'vdab',
        soort,
        recordId,
        veld: 'leverancier.kboNummer',
        waarde: null,
        behandeling: 'BEHOUDEN',
      });
    } else if (soort === 'KBO_CONTROLE') {
      v.leverancier.kboNummer = breekControle(v.leverancier.kboNummer ?? '0000000000');
      vuil.push({
        partner: 'vdab',
        soort,
        recordId,
        veld: 'leverancier.kboNummer',
        waarde: v.leverancier.kboNummer,
        behandeling: 'BEHOUDEN',
      });
    } else if (soort === 'ONBESTAANDE_POSTCODE') {
      // Belgian postcodes run from 1000 to 9992: one below 1000 exists nowhere, not only not in this data set.
      const postcode = String(w.geheel(100, 999)).padStart(4, '0');
      v.tewerkstellingsadres.postcode = postcode;
      vuil.push({
        partner: 'vdab',
        soort,
        recordId,
        veld: 'tewerkstellingsadres.postcode',
        waarde: postcode,
        behandeling: 'BEHOUDEN',
      });
    } else {
      // Reported as changed twice within one day: a reader applies the change once. The day
      // lies in the change log's days, where a reader replaying `bulk` meets it, and after the
      // vacature's last change, so that wijzigingsDatum stays its latest change.
      const naLaatste = plusDagen(v.wijzigingsDatum.slice(0, 10), 1);
      const vanaf = naLaatste > logStart ? naLaatste : logStart;
      const ruimte = Math.round((Date.parse(referentiedatum) - Date.parse(vanaf)) / 86_400_000);
      const dag = ruimte > 0 ? plusDagen(vanaf, w.geheel(0, ruimte)) : referentiedatum;
      // tijdstip() stops at 19:59: the evening comes after any change made that day.
      const eerste = `${dag}T20:15:00Z`;
      const tweede = `${dag}T20:40:00Z`;
      v.wijzigingsDatum = tweede;
      const ref = v.vacatureReferentie.vdabReferentie;
      wijzigingen.push(
        { tijdstip: eerste, vdabReferentie: ref, wijziging: 'GEWIJZIGD', vacature: v },
        { tijdstip: tweede, vdabReferentie: ref, wijziging: 'GEWIJZIGD', vacature: v },
      );
      vuil.push({
        partner: 'vdab',
        soort,
        recordId,
        veld: 'wijziging',
        waarde: 'GEWIJZIGD',
        behandeling: 'EENMAAL_TOEPASSEN',
      });
    }
  }
  wijzigingen.sort((a, b) =>
    a.tijdstip < b.tijdstip ? -1 : a.tijdstip > b.tijdstip ? 1 : a.vdabReferentie - b.vdabReferentie,
  );

  const jaar = Number(referentiedatum.slice(0, 4));
  const beroepen = Object.entries(KNELPUNT_OORZAKEN).map(([beroepsprofielCode, oorzaken]) => ({
    beroepsprofielCode,
    naam:
      BEROEPSPROFIEL_LABELS[beroepsprofielCode] ??
      ANDERE_BEROEPSPROFIELEN.find(([c]) => c === beroepsprofielCode)?.[1] ??
      beroepsprofielCode,
    oorzaken: [...oorzaken],
  }));
  return { vacatures, wijzigingen, knelpuntberoepen: { jaar, beroepen }, vuil };
}
