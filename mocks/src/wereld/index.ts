import { schooljaarVan, VLAANDEREN, WEST_VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import { OPLEIDINGEN, type CatalogusOpleiding } from './catalogus.ts';
import { genereerErkenningsplan, type ErkenningFeit } from './erkenningsplan.ts';
import { genereerKbo, type KboWereld } from './kbo-register.ts';
import { genereerLerenden, genereerMatches, type KaziLerende, type KaziMatch } from './kazi.ts';
import { genereerOndernemingen, type Ondernemingen } from './ondernemingen.ts';
import { genereerOnderwijs, type Onderwijs } from './onderwijs.ts';
import {
  constructivFeed,
  educamFeed,
  mtechFeed,
  voltaFeed,
  woodwizeFeed,
  type ConstructivLeerwerkplek,
  type EducamRij,
  type Feed,
  type MtechErkenning,
  type VoltaErkenning,
  type WoodwizeErkenning,
} from './sectorfeeds.ts';
import { genereerVdab, type Vdab } from './vdab.ts';
import type { Vuil } from './vuil.ts';
import { Willekeur } from './willekeur.ts';

export type Schaal = 'west-vlaanderen' | 'vlaanderen' | number;

export interface WereldInstellingen {
  readonly seed: string;
  readonly schaal: Schaal;
  /** Share of records that carry a defect, 0 to 1. */
  readonly vuil: number;
  readonly referentiedatum: string;
}

/** Everything the nine partners know, generated once, deterministically, from the settings. */
export interface Wereld {
  readonly instellingen: WereldInstellingen;
  readonly gebied: Gebied;
  readonly schooljaar: string;
  readonly ondernemingen: Ondernemingen;
  readonly erkenningsplan: readonly ErkenningFeit[];
  readonly volta: Feed<VoltaErkenning>;
  readonly educam: Feed<EducamRij>;
  readonly constructiv: Feed<ConstructivLeerwerkplek>;
  readonly mtech: Feed<MtechErkenning>;
  readonly woodwize: Feed<WoodwizeErkenning>;
  readonly opleidingen: readonly CatalogusOpleiding[];
  readonly onderwijs: Onderwijs;
  readonly vdab: Vdab;
  readonly lerenden: KaziLerende[];
  readonly matches: KaziMatch[];
  /** The company register: every onderneming above plus register-only ones, its extracts and daily updates. */
  readonly kbo: KboWereld;
  /** Every defect the generator made, over all partners. */
  readonly vuil: readonly Vuil[];
}

/** The West-Vlaanderen sizes of ../shared/partners/README.md; other scales multiply them. */
export const BASISGROOTTES = {
  ondernemingen: 1300,
  instellingen: 120,
  vacatures: 6000,
  dualeVacatures: 800,
  lerenden: 1500,
  matches: 600,
} as const;

export function schaalfactor(schaal: Schaal): number {
  if (schaal === 'west-vlaanderen') return 1;
  if (schaal === 'vlaanderen') return 10;
  return schaal;
}

export function leesSchaal(waarde: string | undefined): Schaal {
  const tekst = (waarde ?? '').trim() || 'west-vlaanderen';
  if (tekst === 'west-vlaanderen' || tekst === 'vlaanderen') return tekst;
  const getal = Number(tekst);
  if (!Number.isFinite(getal) || getal <= 0 || getal > 100) {
    throw new Error(
      `MOCK_SCALE must be west-vlaanderen, vlaanderen or a multiplier above 0 and at most 100, got "${tekst}"`,
    );
  }
  return getal;
}

export function genereerWereld(instellingen: WereldInstellingen): Wereld {
  const { seed, schaal, vuil: graad, referentiedatum } = instellingen;
  const stroom = (naam: string): Willekeur => new Willekeur(`${seed}:${naam}`);
  const gebied = schaal === 'vlaanderen' ? VLAANDEREN : WEST_VLAANDEREN;
  const factor = schaalfactor(schaal);
  const aantal = (basis: number): number => Math.max(1, Math.round(basis * factor));
  const schooljaar = schooljaarVan(referentiedatum);

  const ondernemingen = genereerOndernemingen(
    stroom('ondernemingen'),
    gebied,
    aantal(BASISGROOTTES.ondernemingen),
  );
  const erkenningsplan = genereerErkenningsplan(stroom('erkenningen'), ondernemingen.erkend, referentiedatum);
  const volta = voltaFeed(stroom('volta'), erkenningsplan, graad);
  const educam = educamFeed(stroom('educam'), erkenningsplan, graad);
  const constructiv = constructivFeed(stroom('constructiv'), erkenningsplan, graad);
  const mtech = mtechFeed(stroom('mtech'), erkenningsplan, graad);
  const woodwize = woodwizeFeed(stroom('woodwize'), erkenningsplan, graad);
  const onderwijs = genereerOnderwijs(
    stroom('onderwijs'),
    gebied,
    aantal(BASISGROOTTES.instellingen),
    schooljaar,
    graad,
  );
  const vdab = genereerVdab(
    stroom('vdab'),
    gebied,
    ondernemingen,
    aantal(BASISGROOTTES.vacatures),
    aantal(BASISGROOTTES.dualeVacatures),
    referentiedatum,
    graad,
  );
  const lerenden = genereerLerenden(
    stroom('lerenden'),
    gebied,
    onderwijs.aanbod.filter((a) => a.schooljaar === schooljaar),
    aantal(BASISGROOTTES.lerenden),
    referentiedatum,
  );
  const matches = genereerMatches(
    stroom('matches'),
    lerenden,
    erkenningsplan,
    ondernemingen.andere,
    aantal(BASISGROOTTES.matches),
    referentiedatum,
  );

  // The register is the largest part of the world and only KBO's readers need it: it is made on first use.
  let kbo: KboWereld | undefined;
  const kboVan = (): KboWereld =>
    (kbo ??= genereerKbo({
      gebied,
      ondernemingen,
      erkend: new Set(erkenningsplan.filter((f) => f.status === 'ERKEND').map((f) => f.onderneming.kbo)),
      referentiedatum,
      graad,
      factor,
      stroom,
    }));
  const andereVuil = [
    ...volta.vuil,
    ...educam.vuil,
    ...constructiv.vuil,
    ...mtech.vuil,
    ...woodwize.vuil,
    ...onderwijs.vuil,
    ...vdab.vuil,
  ];
  let vuil: readonly Vuil[] | undefined;

  return {
    instellingen,
    gebied,
    schooljaar,
    ondernemingen,
    erkenningsplan,
    volta,
    educam,
    constructiv,
    mtech,
    woodwize,
    opleidingen: OPLEIDINGEN,
    onderwijs,
    vdab,
    lerenden,
    matches,
    get kbo() {
      return kboVan();
    },
    get vuil() {
      return (vuil ??= [...andereVuil, ...kboVan().vuil]);
    },
  };
}
