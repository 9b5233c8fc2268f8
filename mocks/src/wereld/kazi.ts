import { plusDagen, type Gebied } from '@duaal-graph/domein';
import { FAMILIENAMEN, OPLEIDINGEN, VOORNAMEN } from './catalogus.ts';
import type { ErkenningFeit } from './erkenningsplan.ts';
import type { Aanbod } from './onderwijs.ts';
import type { Onderneming } from './ondernemingen.ts';
import { gewogenKiezer, type Willekeur } from './willekeur.ts';

/** Kazi's lerenden and matches in its own format (../shared/partners/kazi.md). */

export type LerendeStatus = 'ZOEKEND' | 'IN_GESPREK' | 'GEMATCHT' | 'GESTART' | 'GESTOPT';
export type MatchStatus = 'VOORGESTELD' | 'IN_GESPREK' | 'OVEREENKOMST' | 'GESTART' | 'AFGEWEZEN';

export interface KaziLerende {
  lerendeId: string;
  voornaam: string;
  familienaam: string;
  geboortejaar: number;
  instellingsnummer: string;
  opleidingscode: string;
  woonplaatsNisCode: string;
  mobiliteitKm: number;
  status: LerendeStatus;
  gewensteStartdatum: string | null;
}

export interface MatchGebeurtenis {
  status: MatchStatus;
  op: string;
  door: string;
  reden?: string;
}

export interface KaziMatch {
  matchId: string;
  versie: number;
  lerendeId: string;
  ondernemingsnummer: string;
  vestigingsnummer: string | null;
  opleidingscode: string;
  /** Where the leerwerkplek lies (the vestiging, else the seat), from Kazi's own copy; null when Kazi does not know. */
  vestigingNisCode: string | null;
  status: MatchStatus;
  historiek: MatchGebeurtenis[];
}

export const TOEGELATEN_OVERGANGEN: Readonly<Record<MatchStatus, readonly MatchStatus[]>> = {
  VOORGESTELD: ['IN_GESPREK', 'AFGEWEZEN'],
  IN_GESPREK: ['OVEREENKOMST', 'AFGEWEZEN'],
  OVEREENKOMST: ['GESTART', 'AFGEWEZEN'],
  GESTART: [],
  AFGEWEZEN: [],
};

export function isOpen(status: MatchStatus): boolean {
  return status !== 'AFGEWEZEN' && status !== 'GESTART';
}

const STATUSSEN: readonly [LerendeStatus, number][] = [
  ['ZOEKEND', 35],
  ['IN_GESPREK', 15],
  ['GEMATCHT', 15],
  ['GESTART', 30],
  ['GESTOPT', 5],
];

const NIVEAU_PER_CODE = new Map(OPLEIDINGEN.map((o) => [o.code, o.niveau]));

export function genereerLerenden(
  w: Willekeur,
  gebied: Gebied,
  aanbodHuidigJaar: readonly Aanbod[],
  aantal: number,
  referentiedatum: string,
): KaziLerende[] {
  const kiesAanbod = gewogenKiezer(
    aanbodHuidigJaar.filter((a) => NIVEAU_PER_CODE.has(a.opleidingscode)),
    (a) => a.ingeschreven + 1,
  );
  const jaar = Number(referentiedatum.slice(0, 4));
  const ids = new Set<string>();
  const lerenden: KaziLerende[] = [];
  for (let i = 0; i < aantal; i++) {
    const aanbod = kiesAanbod(w);
    const school = gebied.gemeente(aanbod.vestigingsplaats.nisCode);
    const woonplaats =
      school && w.kans(0.7) ? w.kies(gebied.gemeentenVanRegio(school.regioCode)) : w.kies(gebied.gemeenten);
    let id: string;
    do id = `L-${w.hex(6)}`;
    while (ids.has(id));
    ids.add(id);
    const niveau = NIVEAU_PER_CODE.get(aanbod.opleidingscode);
    const leeftijd =
      niveau === 'VOLWASSENENONDERWIJS'
        ? w.geheel(19, 35)
        : niveau === 'HOGER'
          ? w.geheel(18, 23)
          : w.geheel(15, 18);
    lerenden.push({
      lerendeId: id,
      voornaam: w.kies(VOORNAMEN),
      familienaam: w.kies(FAMILIENAMEN),
      geboortejaar: jaar - leeftijd,
      instellingsnummer: aanbod.instellingsnummer,
      opleidingscode: aanbod.opleidingscode,
      woonplaatsNisCode: woonplaats.nisCode,
      mobiliteitKm: 5 * w.geheel(1, 8),
      status: w.gewogen(STATUSSEN, (s) => s[1])[0],
      gewensteStartdatum: w.kans(0.9) ? plusDagen(referentiedatum, w.geheel(7, 200)) : null,
    });
  }
  return lerenden;
}

const EINDSTATUS_VOOR_LERENDE: Record<LerendeStatus, readonly MatchStatus[]> = {
  ZOEKEND: ['AFGEWEZEN'],
  IN_GESPREK: ['VOORGESTELD', 'IN_GESPREK'],
  GEMATCHT: ['OVEREENKOMST'],
  GESTART: ['GESTART'],
  GESTOPT: ['AFGEWEZEN', 'GESTART'],
};

const PAD: readonly MatchStatus[] = ['VOORGESTELD', 'IN_GESPREK', 'OVEREENKOMST', 'GESTART'];

export function genereerMatches(
  w: Willekeur,
  lerenden: readonly KaziLerende[],
  plan: readonly ErkenningFeit[],
  andere: readonly Onderneming[],
  aantal: number,
  referentiedatum: string,
): KaziMatch[] {
  const werkplekken = new Map<string, ErkenningFeit[]>();
  for (const f of plan) {
    for (const code of f.opleidingscodes) {
      const lijst = werkplekken.get(code);
      if (lijst) lijst.push(f);
      else werkplekken.set(code, [f]);
    }
  }
  const kandidaten = w.steekproef(
    lerenden.filter((l) => l.status !== 'ZOEKEND' || w.kans(0.1)),
    aantal,
  );
  const begeleiders = Array.from({ length: 40 }, (_, i) => `u-${i + 1}`);
  return kandidaten.map((lerende, i) => {
    const opties = werkplekken.get(lerende.opleidingscode);
    const [kbo, vestiging, nisCode] = opties
      ? (() => {
          const f = w.kies(opties);
          return [f.onderneming.kbo, f.vestiging.nummer, f.vestiging.gemeente.nisCode] as const;
        })()
      : (() => {
          const o = w.kies(andere);
          const eerste = o.vestigingen[0];
          return [o.kbo, eerste?.nummer ?? null, eerste?.gemeente.nisCode ?? null] as const;
        })();
    const eind = w.kies(EINDSTATUS_VOOR_LERENDE[lerende.status]);
    const stappen =
      eind === 'AFGEWEZEN'
        ? [...PAD.slice(0, w.geheel(1, 3)), 'AFGEWEZEN' as const]
        : PAD.slice(0, PAD.indexOf(eind) + 1);
    const door = w.kies(begeleiders);
    let dag = plusDagen(referentiedatum, -w.geheel(30, 200));
    const historiek = stappen.map((status) => {
      dag = plusDagen(dag, w.geheel(1, 10));
      const gebeurtenis: MatchGebeurtenis = {
        status,
        op: `${dag}T${String(w.geheel(8, 17)).padStart(2, '0')}:00:00Z`,
        door,
      };
      if (status === 'AFGEWEZEN') gebeurtenis.reden = 'Geen klik tijdens het kennismakingsgesprek';
      return gebeurtenis;
    });
    return {
      matchId: `M-${String(i + 1).padStart(6, '0')}`,
      versie: historiek.length,
      lerendeId: lerende.lerendeId,
      ondernemingsnummer: kbo,
      vestigingsnummer: vestiging,
      opleidingscode: lerende.opleidingscode,
      vestigingNisCode: nisCode,
      status: stappen[stappen.length - 1] ?? 'VOORGESTELD',
      historiek,
    };
  });
}
