import { celId } from '@duaal-graph/domein';
import {
  erkendOp,
  SECTOREN,
  type Erkenning,
  type Genormaliseerd,
  type Plaats,
  type Sector,
} from './model.ts';

/** One onderneming as the sources together know it. */
export interface OndernemingInfo {
  readonly ondernemingsnummer: string;
  /**
   * The name the sector databanks give: the first sector in the order of `enum
   * Sector` that names it (the name most of its records give); null where none
   * does (MTech+ sends none). The register's name goes before it (./naam.ts).
   */
  readonly naam: string | null;
  /** The sector that name comes from. */
  readonly naamSector: Sector | null;
  /** Its erkenningen over all sectors, by sector and id. */
  readonly erkenningen: readonly Erkenning[];
  /** Its vestigingen that some erkenning names, in order. */
  readonly vestigingsnummers: readonly string[];
}

export interface VestigingInfo {
  readonly vestigingsnummer: string;
  readonly ondernemingsnummer: string;
  /** The best address the sources give; null when none places it. */
  readonly plaats: Plaats | null;
  readonly erkenningen: readonly Erkenning[];
}

/**
 * The merged erkenningen in memory, indexed for every question the graph asks,
 * so that no query pages through a partner or scans all erkenningen twice.
 */
export interface ErkenningsIndex {
  readonly referentiedatum: string;
  /** Every erkenning the index holds, by sector and id. */
  readonly alle: readonly Erkenning[];
  /** By canonical ondernemingsnummer. */
  readonly ondernemingen: ReadonlyMap<string, OndernemingInfo>;
  /** Every onderneming, by name (unnamed last), then number: the order of `ondernemingen`. */
  readonly ondernemingenOpNaam: readonly OndernemingInfo[];
  /** By canonical vestigingsnummer. */
  readonly vestigingen: ReadonlyMap<string, VestigingInfo>;
  /** By opleidingscode: the vestigingen with an ERKEND erkenning for it valid on the reference date, by number. */
  readonly erkendePlekken: ReadonlyMap<string, readonly VestigingInfo[]>;
  /** By `celSleutel(gebied, opleiding)`, gebied a regiocode or a NIS code: how many of those vestigingen lie in it. */
  readonly aantalPerCel: ReadonlyMap<string, number>;
}

/** The radar's cell id (`celId` of the domain) of an area (regio or gemeente) and an opleiding. */
export function celSleutel(gebiedscode: string, opleidingscode: string): string {
  return celId({ gebiedscode, opleidingscode });
}

const naamVolgorde = new Intl.Collator('nl');

function groepeer<T>(items: Iterable<T>, sleutel: (t: T) => string | null): Map<string, T[]> {
  const groepen = new Map<string, T[]>();
  for (const item of items) {
    const k = sleutel(item);
    if (k === null) continue;
    const lijst = groepen.get(k);
    if (lijst) lijst.push(item);
    else groepen.set(k, [item]);
  }
  return groepen;
}

/** The name most records give (ties: the first, in sector order); sectors spell names differently. */
function meestGenoemd(namen: readonly (string | null)[]): string | null {
  const tellingen = new Map<string, number>();
  let beste: string | null = null;
  for (const naam of namen) {
    if (naam === null) continue;
    const aantal = (tellingen.get(naam) ?? 0) + 1;
    tellingen.set(naam, aantal);
    if (beste === null || aantal > (tellingen.get(beste) ?? 0)) beste = naam;
  }
  return beste;
}

/** A placed address beats an unplaced one, and one with a street beats one without. */
function bestePlaats(erkenningen: readonly Erkenning[]): Plaats | null {
  const score = (p: Plaats) => (p.regioCode ? 2 : 0) + (p.straatnaam ? 1 : 0);
  let beste: Plaats | null = null;
  for (const { plaats } of erkenningen)
    if (plaats && (!beste || score(plaats) > score(beste))) beste = plaats;
  return beste;
}

/** Builds the index from the sectors that could be read; a sector without data simply contributes nothing. */
export function bouwErkenningsIndex(
  sectoren: readonly (Genormaliseerd | undefined)[],
  referentiedatum: string,
): ErkenningsIndex {
  const volgorde = (e: Erkenning) => SECTOREN.indexOf(e.sector);
  const alle = sectoren
    .flatMap((s) => s?.erkenningen ?? [])
    .sort((a, b) => volgorde(a) - volgorde(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return indexOver(alle, referentiedatum);
}

/**
 * The index as a caller sees it who sees only some erkenningen: names,
 * vestigingen, addresses and the lists built from them come from those alone,
 * so that a company known only through erkenningen hidden from the caller is,
 * for that caller, a company no source knows. The radar counts stay the full
 * index's: they count valid ERKEND erkenningen, which everyone sees, and must be
 * one number whoever asks.
 */
export function visiblePart(index: ErkenningsIndex, sees: (e: Erkenning) => boolean): ErkenningsIndex {
  return {
    ...indexOver(
      index.alle.filter((e) => sees(e)),
      index.referentiedatum,
    ),
    aantalPerCel: index.aantalPerCel,
  };
}

/** The index over these erkenningen, already in sector and id order. */
function indexOver(alle: readonly Erkenning[], referentiedatum: string): ErkenningsIndex {
  const vestigingen = new Map<string, VestigingInfo>();
  for (const [vestigingsnummer, lijst] of groepeer(alle, (e) => e.vestigingsnummer)) {
    const eerste = lijst[0];
    if (!eerste) continue;
    vestigingen.set(vestigingsnummer, {
      vestigingsnummer,
      ondernemingsnummer: eerste.ondernemingsnummer,
      plaats: bestePlaats(lijst),
      erkenningen: lijst,
    });
  }

  const ondernemingen = new Map<string, OndernemingInfo>();
  for (const [ondernemingsnummer, lijst] of groepeer(alle, (e) => e.ondernemingsnummer)) {
    const nummers = new Set<string>();
    for (const e of lijst) if (e.vestigingsnummer) nummers.add(e.vestigingsnummer);
    const perSector = SECTOREN.map((s) =>
      meestGenoemd(lijst.filter((e) => e.sector === s).map((e) => e.naam)),
    );
    const eerste = perSector.findIndex((n) => n !== null);
    ondernemingen.set(ondernemingsnummer, {
      ondernemingsnummer,
      naam: perSector[eerste] ?? null,
      naamSector: SECTOREN[eerste] ?? null,
      erkenningen: lijst,
      vestigingsnummers: [...nummers].sort(),
    });
  }
  const ondernemingenOpNaam = [...ondernemingen.values()].sort(
    (a, b) =>
      (a.naam === null ? 1 : 0) - (b.naam === null ? 1 : 0) ||
      naamVolgorde.compare(a.naam ?? '', b.naam ?? '') ||
      a.ondernemingsnummer.localeCompare(b.ondernemingsnummer),
  );

  const { erkendePlekken, aantalPerCel } = plekkenOp(alle, vestigingen, referentiedatum);
  return {
    referentiedatum,
    alle,
    ondernemingen,
    ondernemingenOpNaam,
    vestigingen,
    erkendePlekken,
    aantalPerCel,
  };
}

/** The leerwerkplekken of a date: what the radar counts, from these erkenningen and vestigingen. */
export interface PlekkenOp {
  readonly erkendePlekken: ReadonlyMap<string, readonly VestigingInfo[]>;
  readonly aantalPerCel: ReadonlyMap<string, number>;
}

/**
 * The vestigingen with an ERKEND erkenning valid on `datum`, per opleiding and
 * per cell. The index of today counts with it, and so does a reconstruction of
 * an earlier date, so that the two cannot count differently.
 */
export function plekkenOp(
  alle: readonly Erkenning[],
  vestigingen: ReadonlyMap<string, VestigingInfo>,
  datum: string,
): PlekkenOp {
  // A record without vestiging has no location: it is no leerwerkplek a region can count.
  const erkendePlekken = new Map<string, VestigingInfo[]>();
  for (const [code, lijst] of groepeer(
    alle.filter((e) => e.vestigingsnummer !== null && erkendOp(e, datum)),
    (e) => e.opleidingscode,
  )) {
    const nummers = [...new Set(lijst.map((e) => e.vestigingsnummer ?? ''))].sort();
    erkendePlekken.set(
      code,
      nummers.flatMap((n) => vestigingen.get(n) ?? []),
    );
  }
  const aantalPerCel = new Map<string, number>();
  for (const [code, plekken] of erkendePlekken) {
    for (const plek of plekken) {
      // The same vestiging counts once in its regio's cell and once in its gemeente's.
      for (const gebied of [plek.plaats?.regioCode, plek.plaats?.nisCode]) {
        if (!gebied) continue;
        const sleutel = celSleutel(gebied, code);
        aantalPerCel.set(sleutel, (aantalPerCel.get(sleutel) ?? 0) + 1);
      }
    }
  }
  return { erkendePlekken, aantalPerCel };
}
