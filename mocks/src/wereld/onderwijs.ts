import { volgendSchooljaar, type Gebied, type Gemeente } from '@duaal-graph/domein';
import { OPLEIDINGEN, STRATEN, type CatalogusOpleiding } from './catalogus.ts';
import { kiesVuil, type Vuil } from './vuil.ts';
import { gewogenKiezer, type Willekeur } from './willekeur.ts';

/** The Onderwijsaanbod register in its own format (../shared/partners/onderwijsaanbod.md). */

export type Instellingssoort =
  | 'SECUNDAIRE_SCHOOL'
  | 'CENTRUM_DEELTIJDS_ONDERWIJS'
  | 'CENTRUM_VOLWASSENENONDERWIJS'
  | 'HOGESCHOOL'
  | 'SYNTRA';

export interface Instelling {
  instellingsnummer: string;
  naam: string;
  soort: Instellingssoort;
  net: 'GO' | 'KATHOLIEK' | 'OVSG' | 'POV' | 'PRIVAAT';
  adres: { straatnaam: string; huisnummer: string; postcode: string; gemeente: string; nisCode: string };
  website: string;
}

export interface Aanbod {
  instellingsnummer: string;
  opleidingscode: string;
  schooljaar: string;
  vestigingsplaats: { postcode: string; nisCode: string };
  capaciteit: number | null;
  ingeschreven: number;
}

export interface Onderwijs {
  readonly instellingen: Instelling[];
  readonly aanbod: Aanbod[];
  readonly vuil: Vuil[];
}

const SOORTEN: readonly [Instellingssoort, number, readonly string[]][] = [
  [
    'SECUNDAIRE_SCHOOL',
    55,
    [
      'VTI {g}',
      'GO! Technisch Atheneum {g}',
      'Sint-Jozefsinstituut {g}',
      'Provinciaal Technisch Instituut {g}',
      'Vrij Technisch Instituut {g}',
      'Sint-Vincentiusinstituut {g}',
    ],
  ],
  ['CENTRUM_DEELTIJDS_ONDERWIJS', 15, ['CDO {g}', 'Centrum Deeltijds Onderwijs {g}']],
  ['CENTRUM_VOLWASSENENONDERWIJS', 10, ['CVO {g}', 'Centrum voor Volwassenenonderwijs {g}']],
  ['HOGESCHOOL', 5, ['Hogeschool VIVES campus {g}', 'Howest campus {g}']],
  ['SYNTRA', 15, ['Syntra West campus {g}', 'Syntra campus {g}']],
];

/** Which opleidingen a kind of institution can offer, and how many it offers. */
const AANBOD_PER_SOORT: Record<
  Instellingssoort,
  { niveau: CatalogusOpleiding['niveau']; min: number; max: number }
> = {
  SECUNDAIRE_SCHOOL: { niveau: 'SECUNDAIR', min: 2, max: 7 },
  CENTRUM_DEELTIJDS_ONDERWIJS: { niveau: 'SECUNDAIR', min: 2, max: 5 },
  CENTRUM_VOLWASSENENONDERWIJS: { niveau: 'VOLWASSENENONDERWIJS', min: 2, max: 4 },
  HOGESCHOOL: { niveau: 'HOGER', min: 1, max: 2 },
  SYNTRA: { niveau: 'SECUNDAIR', min: 2, max: 4 },
};

function netVoor(w: Willekeur, soort: Instellingssoort): Instelling['net'] {
  if (soort === 'SYNTRA') return 'PRIVAAT';
  const r = w.getal();
  return r < 0.3 ? 'GO' : r < 0.85 ? 'KATHOLIEK' : r < 0.93 ? 'OVSG' : 'POV';
}

function slug(tekst: string): string {
  return tekst
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function genereerOnderwijs(
  w: Willekeur,
  gebied: Gebied,
  aantalInstellingen: number,
  schooljaar: string,
  graad: number,
): Onderwijs {
  const kiesGemeente = gewogenKiezer(gebied.gemeenten, (g) => g.inwoners ** 1.2);
  const gezien = new Set<string>();
  const namen = new Set<string>();
  const instellingen: Instelling[] = [];
  const plaatsen = new Map<string, Gemeente>();
  for (let i = 0; i < aantalInstellingen; i++) {
    let nummer: string;
    do nummer = String(w.geheel(10_000, 159_999)).padStart(6, '0');
    while (gezien.has(nummer));
    gezien.add(nummer);
    const [soort, , vormen] = w.gewogen(SOORTEN, (s) => s[1]);
    const gemeente = kiesGemeente(w);
    let naam = w.kies(vormen).replace('{g}', gemeente.naam);
    for (let n = 2; namen.has(naam); n++) naam = `${naam.replace(/ \d+$/, '')} ${n}`;
    namen.add(naam);
    plaatsen.set(nummer, gemeente);
    instellingen.push({
      instellingsnummer: nummer,
      naam,
      soort,
      net: netVoor(w, soort),
      adres: {
        straatnaam: w.kies(STRATEN),
        huisnummer: String(w.geheel(1, 120)),
        postcode: gemeente.postcodes[0] ?? '',
        gemeente: gemeente.naam,
        nisCode: gemeente.nisCode,
      },
      website: `https://www.${slug(naam)}.be`,
    });
  }

  const huidig: Aanbod[] = [];
  for (const instelling of instellingen) {
    const regel = AANBOD_PER_SOORT[instelling.soort];
    const kandidaten = OPLEIDINGEN.filter((o) => o.niveau === regel.niveau);
    const eigen = plaatsen.get(instelling.instellingsnummer) as Gemeente;
    for (const opleiding of w.steekproef(kandidaten, w.geheel(regel.min, regel.max))) {
      const plaats = w.kans(0.8) ? eigen : w.kies(gebied.gemeentenVanRegio(eigen.regioCode));
      const capaciteit = w.kans(0.15) ? null : w.geheel(8, 30);
      huidig.push({
        instellingsnummer: instelling.instellingsnummer,
        opleidingscode: opleiding.code,
        schooljaar,
        vestigingsplaats: { postcode: plaats.postcodes[0] ?? '', nisCode: plaats.nisCode },
        capaciteit,
        ingeschreven: w.geheel(0, capaciteit ?? 25),
      });
    }
  }
  // Next school year: most of this year's offer goes on, with new capacities and fewer inscriptions so far.
  const volgend = volgendSchooljaar(schooljaar);
  const komend: Aanbod[] = huidig
    .filter(() => w.kans(0.92))
    .map((a) => {
      const capaciteit = a.capaciteit === null ? null : Math.max(8, a.capaciteit + w.geheel(-4, 4));
      return {
        ...a,
        vestigingsplaats: { ...a.vestigingsplaats },
        schooljaar: volgend,
        capaciteit,
        ingeschreven: w.geheel(0, Math.floor((capaciteit ?? 20) / 2)),
      };
    });
  const aanbod = [...huidig, ...komend];

  const vuil: Vuil[] = [];
  let onbekend = 0;
  for (const [index, soort] of kiesVuil(w, aanbod.length, graad, [
    'ONBEKENDE_OPLEIDING',
    'OVERBOEKT',
  ] as const)) {
    const rij = aanbod[index] as Aanbod;
    if (soort === 'ONBEKENDE_OPLEIDING') {
      rij.opleidingscode = `DS-OBK-${String((onbekend += 1)).padStart(3, '0')}`;
      vuil.push({
        partner: 'onderwijs',
        soort,
        recordId: aanbodId(rij),
        veld: 'opleidingscode',
        waarde: rij.opleidingscode,
        behandeling: 'AFKEUREN',
      });
    } else {
      rij.capaciteit = rij.capaciteit ?? w.geheel(8, 20);
      rij.ingeschreven = rij.capaciteit + w.geheel(1, 5);
      vuil.push({
        partner: 'onderwijs',
        soort,
        recordId: aanbodId(rij),
        veld: 'ingeschreven',
        waarde: String(rij.ingeschreven),
        behandeling: 'BEHOUDEN',
      });
    }
  }
  return { instellingen, aanbod, vuil };
}

/** The register has no id for an aanbod row; this is the natural key the mock and tests use for one. */
export function aanbodId(
  a: Pick<Aanbod, 'instellingsnummer' | 'opleidingscode' | 'schooljaar' | 'vestigingsplaats'>,
): string {
  return `${a.instellingsnummer}:${a.opleidingscode}:${a.schooljaar}:${a.vestigingsplaats.nisCode}`;
}
