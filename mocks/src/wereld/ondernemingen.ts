import { metControlecijfers, type Gebied, type Gemeente } from '@duaal-graph/domein';
import {
  ANDERE_NAAMVORMEN,
  FAMILIENAMEN,
  INTERIMKANTOREN,
  NAAMVORMEN,
  SECTOREN,
  STRATEN,
  type Sector,
} from './catalogus.ts';
import { gewogenKiezer, type Willekeur } from './willekeur.ts';

export interface Vestiging {
  /** Ten digits. */
  readonly nummer: string;
  readonly gemeente: Gemeente;
  readonly straat: string;
  readonly huisnummer: string;
}

export interface Onderneming {
  /** Ten digits. */
  readonly kbo: string;
  readonly naam: string;
  /** The sectors whose databank recognises it; empty for companies known only to VDAB. */
  readonly sectoren: readonly Sector[];
  readonly vestigingen: readonly Vestiging[];
}

export interface Ondernemingen {
  /** Companies in one or more sector databanks. */
  readonly erkend: readonly Onderneming[];
  /** Companies known only as VDAB werkgevers. */
  readonly andere: readonly Onderneming[];
  /** Interim agencies: VDAB leveranciers of type INTERIMKANTOOR. */
  readonly interimkantoren: readonly Onderneming[];
}

const SECTOR_GEWICHT: Record<Sector, number> = {
  VOLTA: 18,
  EDUCAM: 16,
  CONSTRUCTIV: 30,
  MTECH: 22,
  WOODWIZE: 14,
};

export function uniekeNummers(w: Willekeur, min: number, max: number): () => string {
  const gezien = new Set<number>();
  return () => {
    for (;;) {
      const stam = w.geheel(min, max);
      if (!gezien.has(stam)) {
        gezien.add(stam);
        return metControlecijfers(stam);
      }
    }
  };
}

export function genereerOndernemingen(w: Willekeur, gebied: Gebied, aantal: number): Ondernemingen {
  const kiesGemeente = gewogenKiezer(gebied.gemeenten, (g) => g.inwoners);
  const nieuwKbo = uniekeNummers(w, 2_000_000, 19_999_999);
  const nieuwVestigingsnummer = uniekeNummers(w, 20_000_000, 89_999_999);
  const namen = new Set<string>();

  const uniekeNaam = (vormen: readonly string[]): string => {
    for (let poging = 0; ; poging++) {
      const naam = w.kies(vormen).replace('{n}', w.kies(FAMILIENAMEN));
      const kandidaat = poging < 3 ? naam : `${naam} ${poging}`;
      if (!namen.has(kandidaat)) {
        namen.add(kandidaat);
        return kandidaat;
      }
    }
  };

  const vestigingen = (aantalVestigingen: number): Vestiging[] => {
    const eerste = kiesGemeente(w);
    return Array.from({ length: aantalVestigingen }, (_, i) => {
      const inRegio = gebied.gemeentenVanRegio(eerste.regioCode);
      const gemeente = i === 0 ? eerste : w.kans(0.6) ? w.kies(inRegio) : kiesGemeente(w);
      return {
        nummer: nieuwVestigingsnummer(),
        gemeente,
        straat: w.kies(STRATEN),
        huisnummer: String(w.geheel(1, 250)),
      };
    });
  };

  const aantalVestigingen = (): number => {
    const r = w.getal();
    return r < 0.72 ? 1 : r < 0.92 ? 2 : 3;
  };

  const erkend: Onderneming[] = [];
  for (let i = 0; i < aantal; i++) {
    const hoofdsector = w.gewogen(SECTOREN, (s) => SECTOR_GEWICHT[s]);
    const sectoren: Sector[] = [hoofdsector];
    if (w.kans(0.25)) {
      const tweede = w.kies(SECTOREN.filter((s) => s !== hoofdsector));
      sectoren.push(tweede);
    }
    erkend.push({
      kbo: nieuwKbo(),
      naam: uniekeNaam(NAAMVORMEN[hoofdsector]),
      sectoren,
      vestigingen: vestigingen(aantalVestigingen()),
    });
  }

  const andere: Onderneming[] = Array.from({ length: Math.round(aantal * 0.8) }, () => ({
    kbo: nieuwKbo(),
    naam: uniekeNaam(ANDERE_NAAMVORMEN),
    sectoren: [],
    vestigingen: vestigingen(1),
  }));

  const interimkantoren: Onderneming[] = INTERIMKANTOREN.map((naam) => ({
    kbo: nieuwKbo(),
    naam,
    sectoren: [],
    vestigingen: vestigingen(1),
  }));

  return { erkend, andere, interimkantoren };
}

/**
 * The registered seat of an onderneming: the address of its first vestiging, as
 * for most small companies. Kazi and the company register both place it there.
 */
export function zetelVan(onderneming: Onderneming): Vestiging | undefined {
  return onderneming.vestigingen[0];
}
