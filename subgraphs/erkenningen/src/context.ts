import { controleerOpleidingscode, SourceUsage, type WithCaller } from '@duaal-graph/subgraph-toolkit';
import DataLoader from 'dataloader';
import type { Erkenningsbestand } from './bestand.ts';
import {
  celSleutel,
  type ErkenningsIndex,
  type OndernemingInfo,
  type VestigingInfo,
} from './erkenningsindex.ts';
import type { KboRegister } from './kbo/register.ts';
import type { KboOverzicht } from './kbo/weergave.ts';
import { SECTOREN, type Sector } from './model.ts';
import type { Visibility } from './visibility.ts';

export interface ErkenningenContext extends WithCaller {
  readonly bronnen: SourceUsage;
  readonly bestand: Erkenningsbestand;
  /** The index this request answers from, as the caller sees it, after reporting the sources it rests on. */
  readonly lees: (sectoren?: readonly Sector[]) => ErkenningsIndex;
  /** An opleidingscode that narrows a list, checked against the register (reported as a source): unknown is BAD_USER_INPUT. */
  readonly opleidingscode: (waarde: string, argument?: string) => string;
  /** The facts lists need of every onderneming in the company register (the same view throughout the request), after reporting it as a source. */
  readonly kbo: () => KboOverzicht | undefined;
  /**
   * The register of one onderneming (with its vestigingseenheden) or
   * vestigingseenheid, read from the store with the others the request asks
   * about in one query; undefined while the register was never read.
   */
  readonly kboVan: (entiteit: string) => Promise<KboRegister | undefined>;
  /** Every valid ondernemingsnummer is an onderneming, known to a source or not. */
  readonly ondernemingLader: DataLoader<string, OndernemingInfo>;
  readonly vestigingLader: DataLoader<string, VestigingInfo | null>;
  readonly opleidingLader: DataLoader<string, { code: string }>;
  /** Keys made with `celSleutel`; null where the count cannot be known (`Erkenningsbestand.gelezenErkenningsbronnen`). */
  readonly radarLader: DataLoader<string, number | null>;
}

/**
 * The context of one request: per-request loaders over one index, so that a
 * request sees one consistent copy, and that index as the caller sees it.
 */
export function maakContext(
  bestand: Erkenningsbestand,
  visibility: Visibility,
): Omit<ErkenningenContext, 'gebruiker'> {
  const bronnen = new SourceUsage();
  let index: ErkenningsIndex | undefined;
  let kbo: { weergave: ReturnType<Erkenningsbestand['kboWeergave']> } | undefined;
  const kboWeergave = () => {
    bestand.meldKbo(bronnen);
    kbo ??= { weergave: bestand.kboWeergave() };
    return kbo.weergave;
  };
  const kboLader = new DataLoader<string, KboRegister | null>(async (entiteiten) => {
    const weergave = kboWeergave();
    if (!weergave) return entiteiten.map(() => null);
    // One register for the batch: every entity's rows, read in one query.
    const register = await weergave.bundel(entiteiten);
    return entiteiten.map(() => register);
  });
  const lees = (sectoren: readonly Sector[] = SECTOREN): ErkenningsIndex => {
    bestand.meld(bronnen, sectoren);
    index ??= bestand.index(visibility);
    return index;
  };
  const lader = <T>(kies: (index: ErkenningsIndex, sleutel: string) => T) =>
    new DataLoader<string, T>((sleutels) => {
      const i = lees();
      return Promise.resolve(sleutels.map((k) => kies(i, k)));
    });
  return {
    bronnen,
    bestand,
    lees,
    opleidingscode: (waarde, argument) => {
      bronnen.meld(bestand.register.status(), bestand.register.reden());
      return controleerOpleidingscode(waarde, bestand.opleidingscodes(), argument);
    },
    kbo: () => kboWeergave()?.overzicht,
    kboVan: async (entiteit) => (await kboLader.load(entiteit)) ?? undefined,
    ondernemingLader: lader(
      (i, nummer) =>
        i.ondernemingen.get(nummer) ?? {
          ondernemingsnummer: nummer,
          naam: null,
          naamSector: null,
          erkenningen: [],
          vestigingsnummers: [],
        },
    ),
    vestigingLader: lader((i, nummer) => i.vestigingen.get(nummer) ?? null),
    // Opleiding belongs to onderwijsaanbod: a reference is all this subgraph needs to add its field.
    opleidingLader: new DataLoader<string, { code: string }>((codes) =>
      Promise.resolve(codes.map((code) => ({ code }))),
    ),
    radarLader: new DataLoader<string, number | null>((sleutels) => {
      const i = lees();
      // Per opleiding once per batch: judging its databanks' state for each of 18,000 cells is most of their cost.
      const gelezen = new Map<string, boolean>();
      return Promise.resolve(
        sleutels.map((sleutel) => {
          const opleidingscode = sleutel.slice(sleutel.indexOf('|') + 1);
          let bekend = gelezen.get(opleidingscode);
          if (bekend === undefined) {
            bekend = bestand.gelezenErkenningsbronnen(opleidingscode) !== null;
            gelezen.set(opleidingscode, bekend);
          }
          return bekend ? (i.aantalPerCel.get(sleutel) ?? 0) : null;
        }),
      );
    }),
  };
}

export { celSleutel };
