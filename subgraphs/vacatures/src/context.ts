import { leesCelId, type CelIdentiteit } from '@duaal-graph/domein';
import { badUserInput, SourceUsage, type Snapshot, type WithCaller } from '@duaal-graph/subgraph-toolkit';
import DataLoader from 'dataloader';
import type { Knelpuntlijst } from './knelpunten.ts';
import type { BeroepenPerOpleiding } from './register.ts';
import type { Vacaturebestand } from './synchronisatie.ts';
import type { Vacature } from './vacature.ts';
import type { Afgeleid } from './vacatureindex.ts';

/** What the subgraph answers from: the synced index, the year's knelpuntberoepen, and the register's opleidingen. */
export interface Bestanden {
  readonly vacatures: Vacaturebestand;
  readonly knelpunten: Snapshot<Knelpuntlijst>;
  readonly register: Snapshot<BeroepenPerOpleiding>;
}

/** A cell's counts; null where they cannot be known: VDAB, the knelpuntberoepen or the register never read. */
export interface RadarTelling {
  readonly aantalVacatures: number | null;
  readonly aantalDualeVacatures: number | null;
  readonly knelpunt: boolean | null;
}

export interface VacaturesContext extends WithCaller {
  readonly bronnen: SourceUsage;
  readonly bestanden: Bestanden;
  /** The index this request answers from, after reporting VDAB's state; undefined before the first load. */
  readonly lees: () => Afgeleid | undefined;
  readonly knelpunten: () => Knelpuntlijst | undefined;
  readonly beroepen: () => BeroepenPerOpleiding | undefined;
  readonly vacatureLader: DataLoader<string, Vacature | null>;
  /**
   * A radar cell's counts, at once: no loader, for the 18,000 cells of one
   * `_entities` call would each cost a promise; the sources are read once per request.
   */
  readonly radarTelling: (cel: CelIdentiteit) => RadarTelling;
}

/** The radar's cell id of a representation, checked: an id the radar never gives out is bad input. */
export function celSleutel(id: string): CelIdentiteit {
  const cel = leesCelId(id);
  if (!cel) throw badUserInput('representations', `onbekende radarcel ${id}`);
  return cel;
}

/** The counts of one cell, as CONTRACT.md defines them: each vacature once, whichever of the codes it carries. */
export function telCel(
  afgeleid: Afgeleid | undefined,
  codes: readonly string[] | undefined,
  /** A regiocode or a NIS code. */
  gebiedscode: string,
  knelpunten: Knelpuntlijst | undefined,
): RadarTelling {
  // Without the register the opleiding's beroepen are unknown, and so is every count that rests on them.
  if (codes === undefined) return { aantalVacatures: null, aantalDualeVacatures: null, knelpunt: null };
  const knelpunt = knelpunten ? codes.some((c) => knelpunten.beroepen.has(c)) : null;
  if (afgeleid === undefined) return { aantalVacatures: null, aantalDualeVacatures: null, knelpunt };
  let aantalVacatures = 0;
  let aantalDualeVacatures = 0;
  for (const code of new Set(codes)) {
    const t = afgeleid.perRegioEnBeroep.get(`${gebiedscode}|${code}`);
    aantalVacatures += t?.totaal ?? 0;
    aantalDualeVacatures += t?.duaal ?? 0;
  }
  return { aantalVacatures, aantalDualeVacatures, knelpunt };
}

/** The context of one request: one copy of each source for the whole request, and loaders over them. */
export function maakContext(bestanden: Bestanden): Omit<VacaturesContext, 'gebruiker'> {
  const bronnen = new SourceUsage();
  let afgeleid: { waarde: Afgeleid | undefined } | undefined;
  const lees = (): Afgeleid | undefined => {
    bronnen.meld(bestanden.vacatures.status(), bestanden.vacatures.reden());
    afgeleid ??= { waarde: bestanden.vacatures.index?.afgeleid() };
    return afgeleid.waarde;
  };
  const knelpunten = (): Knelpuntlijst | undefined => {
    bronnen.meld(bestanden.knelpunten.status(), bestanden.knelpunten.reden());
    return bestanden.knelpunten.data;
  };
  const beroepen = (): BeroepenPerOpleiding | undefined => {
    bronnen.meld(bestanden.register.status(), bestanden.register.reden());
    return bestanden.register.data;
  };
  let bronnenVanRadar:
    | {
        readonly index: Afgeleid | undefined;
        readonly lijst: Knelpuntlijst | undefined;
        readonly perOpleiding: BeroepenPerOpleiding | undefined;
      }
    | undefined;
  return {
    bronnen,
    bestanden,
    lees,
    knelpunten,
    beroepen,
    vacatureLader: new DataLoader((ids: readonly string[]) => {
      const index = lees();
      return Promise.resolve(ids.map((id) => index?.perId.get(id) ?? null));
    }),
    radarTelling: ({ gebiedscode, opleidingscode }) => {
      bronnenVanRadar ??= { index: lees(), lijst: knelpunten(), perOpleiding: beroepen() };
      const { index, lijst, perOpleiding } = bronnenVanRadar;
      // A code the register does not know has no beroepen: its counts are 0, not unknown.
      const codes = perOpleiding ? (perOpleiding.get(opleidingscode) ?? []) : undefined;
      return telCel(index, codes, gebiedscode, lijst);
    },
  };
}
