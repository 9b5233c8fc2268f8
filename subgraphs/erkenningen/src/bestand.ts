import { VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import type { Bevinding, BronStatus, Snapshot, SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { bouwErkenningsIndex, visiblePart, type ErkenningsIndex } from './erkenningsindex.ts';
import { gestoptMaarErkend } from './kbo/bevindingen.ts';
import type { KboBron } from './kbo/bron.ts';
import type { KboOverzicht, KboWeergave } from './kbo/weergave.ts';
import {
  SECTOREN,
  type Genormaliseerd,
  type RegisterKennis,
  type Sector,
  type SectorLezing,
} from './model.ts';
import { normContext, type NormContext } from './normaliseer/regels.ts';
import type { Visibility } from './visibility.ts';

/** One sector's snapshot with its rules, its record type hidden so that the five fit in one list. */
export interface SectorBron {
  readonly sector: Sector;
  readonly snapshot: Pick<
    Snapshot<unknown>,
    | 'start'
    | 'stop'
    | 'ververs'
    | 'status'
    | 'reden'
    | 'laatsteSucces'
    | 'geprobeerd'
    | 'versie'
    | 'kopie'
    | 'onRead'
  >;
  lezing(): SectorLezing<unknown> | undefined;
  /** The rules' verdict on the current copy; recomputed only when the copy, the register or the date changed. */
  genormaliseerd(ctx: NormContext): Genormaliseerd | undefined;
}

export function sectorBron<L extends SectorLezing<unknown>>(
  sector: Sector,
  snapshot: Snapshot<L>,
  normaliseer: (lezing: L, ctx: NormContext) => Genormaliseerd,
): SectorBron {
  let laatst: { lezing: L; ctx: NormContext; uit: Genormaliseerd } | undefined;
  return {
    sector,
    snapshot,
    lezing: () => snapshot.data,
    genormaliseerd: (ctx) => {
      const lezing = snapshot.data;
      if (lezing === undefined) return undefined;
      const c = laatst?.ctx;
      if (
        laatst?.lezing !== lezing ||
        c?.register !== ctx.register ||
        c.referentiedatum !== ctx.referentiedatum
      ) {
        laatst = { lezing, ctx, uit: normaliseer(lezing, ctx) };
      }
      return laatst.uit;
    },
  };
}

/** A sector's `BronRapport`, before paging its findings. */
export interface SectorRapport {
  readonly bron: Sector;
  readonly toestand: BronStatus['toestand'];
  readonly laatsteSucces: string | null;
  readonly aantalRecords: number;
  readonly aantalAfgekeurd: number;
  readonly alleBevindingen: readonly Bevinding[];
  /** Where the findings history keeps this report's findings (bevindingen-historie.ts). */
  readonly bevindingenBereiken: readonly string[];
}

/**
 * Everything the subgraph knows: the five sector snapshots and the register's,
 * and the index merged from them. Queries answer from here only; the index is
 * rebuilt, on the first question after a snapshot changed, from memory.
 */
export class Erkenningsbestand {
  private laatsteIndex:
    | {
        delen: readonly (Genormaliseerd | undefined)[];
        datum: string;
        index: ErkenningsIndex;
        /** The views of this index, by `Visibility.key`: built on the first question of each kind of caller. */
        views: Map<string, ErkenningsIndex>;
      }
    | undefined;
  private readonly stopSignaal = new AbortController();

  constructor(
    readonly sectoren: readonly SectorBron[],
    readonly register: Snapshot<RegisterKennis>,
    private readonly referentiedatum: () => string,
    readonly gebied: Gebied = VLAANDEREN,
    /** The company register; without it names come from the sectors and VDAB only. */
    private readonly kboBron?: KboBron,
  ) {
    this.kbo = kboBron?.snapshot;
  }

  /** The company register's view of the store, as last read. */
  readonly kbo: Snapshot<KboWeergave> | undefined;

  /** The reference date validity is judged on now (asked anew: without a setting it is today). */
  datum(): string {
    return this.referentiedatum();
  }

  /** The opleidingscodes the register holds; undefined while it was never read. */
  opleidingscodes(): ReadonlySet<string> | undefined {
    return this.register.data?.opleidingscodes;
  }

  /** The sector databanks whose paritaire comités the opleiding names, by the register; [] when none, or for a code it does not hold. */
  erkenningsbronnen(opleidingscode: string): readonly Sector[] {
    return this.register.data?.erkenningsbronnen.get(opleidingscode) ?? [];
  }

  /** The register's view as last read; undefined while it never was. */
  kboWeergave(): KboWeergave | undefined {
    return this.kbo?.data;
  }

  /** The facts lists need of every onderneming in the register; undefined while it was never read. */
  kboOverzicht(): KboOverzicht | undefined {
    return this.kbo?.data?.overzicht;
  }

  /** Reports to a request that its answer rests on the company register. */
  meldKbo(bronnen: SourceUsage): void {
    if (this.kbo) bronnen.meld(this.kbo.status(), this.kbo.reden());
  }

  private bron(sector: Sector): SectorBron | undefined {
    return this.sectoren.find((s) => s.sector === sector);
  }

  /** Without the register no opleidingscode can be judged: the sectors' data wait for it. */
  private context(): NormContext | undefined {
    const register = this.register.data;
    return register === undefined ? undefined : normContext(register, this.referentiedatum(), this.gebied);
  }

  genormaliseerd(sector: Sector): Genormaliseerd | undefined {
    const ctx = this.context();
    return ctx ? this.bron(sector)?.genormaliseerd(ctx) : undefined;
  }

  /** The index over every erkenning, or as a caller who sees only some of them sees it. */
  index(visibility?: Visibility): ErkenningsIndex {
    const datum = this.referentiedatum();
    const delen = SECTOREN.map((s) => this.genormaliseerd(s));
    let laatste = this.laatsteIndex;
    if (!laatste || laatste.datum !== datum || laatste.delen.some((d, i) => d !== delen[i])) {
      laatste = { delen, datum, index: bouwErkenningsIndex(delen, datum), views: new Map() };
      this.laatsteIndex = laatste;
    }
    if (!visibility || visibility.all) return laatste.index;
    let view = laatste.views.get(visibility.key);
    if (!view) {
      view = visiblePart(laatste.index, visibility.sees);
      laatste.views.set(visibility.key, view);
    }
    return view;
  }

  /**
   * The sector databanks that can know an opleiding's leerwerkplekken, when all
   * of them have been read; null when it has none, when the register that says
   * which they are or one of them was never read: then its count is not known.
   */
  gelezenErkenningsbronnen(opleidingscode: string): readonly Sector[] | null {
    const sectoren = this.register.data?.erkenningsbronnen.get(opleidingscode) ?? [];
    if (sectoren.length === 0) return null;
    return sectoren.every((s) => this.status(s).toestand !== 'ONBESCHIKBAAR') ? sectoren : null;
  }

  status(sector: Sector): BronStatus {
    return (
      this.bron(sector)?.snapshot.status() ?? {
        bron: sector,
        toestand: 'ONBESCHIKBAAR',
        bijgewerktOp: null,
      }
    );
  }

  /** Reports to a request the sources its answer rests on: the sectors asked about, and the register that judged them. */
  meld(bronnen: SourceUsage, sectoren: readonly Sector[] = SECTOREN): void {
    for (const sector of sectoren) {
      const bron = this.bron(sector);
      bronnen.meld(this.status(sector), bron?.snapshot.reden() ?? 'ERROR');
    }
    bronnen.meld(this.register.status(), this.register.reden());
  }

  rapport(sector: Sector): SectorRapport {
    const bron = this.bron(sector);
    const lezing = bron?.lezing();
    const uit = this.genormaliseerd(sector);
    const overzicht = this.kboOverzicht();
    const gestopt = uit && overzicht ? gestoptMaarErkend(uit, overzicht) : [];
    return {
      bron: sector,
      toestand: this.status(sector).toestand,
      laatsteSucces: bron?.snapshot.laatsteSucces() ?? null,
      aantalRecords: lezing?.aantalRecords ?? 0,
      aantalAfgekeurd: uit?.kwaliteit.aantalAfgekeurd ?? lezing?.bevindingen.length ?? 0,
      alleBevindingen: [...(uit?.kwaliteit.bevindingen ?? lezing?.bevindingen ?? []), ...gestopt],
      bevindingenBereiken: [sector, `${sector}/KBO`],
    };
  }

  /**
   * A sector's findings as its rules judge the current copy, and those the
   * company register adds; each undefined while what judges it was never read.
   */
  bevindingenVan(sector: Sector): { eigen?: readonly Bevinding[]; kbo?: readonly Bevinding[] } {
    const uit = this.genormaliseerd(sector);
    if (!uit) return {};
    const overzicht = this.kboOverzicht();
    return {
      eigen: uit.kwaliteit.bevindingen,
      ...(overzicht ? { kbo: gestoptMaarErkend(uit, overzicht) } : {}),
    };
  }

  /** Reads every source once now, without timers. */
  async ververs(): Promise<void> {
    await Promise.all([
      this.register.ververs(),
      this.kbo?.ververs(),
      ...this.sectoren.map((s) => s.snapshot.ververs()),
    ]);
  }

  /** The first round of reads, then a refresh of every snapshot on its interval. */
  async start(): Promise<void> {
    await Promise.all([
      this.register.start(),
      this.kboBron?.start(),
      ...this.sectoren.map((s) => s.snapshot.start()),
    ]);
    // A stop during the first reads: no index (seconds of CPU on a busy machine) for a service that ends.
    this.afgebroken.throwIfAborted();
    // Builds the index now, so that the first question does not wait for it.
    this.index();
  }

  /** Aborted by `stop`: a start under way gives up instead of going on to serve. */
  get afgebroken(): AbortSignal {
    return this.stopSignaal.signal;
  }

  async stop(): Promise<void> {
    this.stopSignaal.abort();
    this.register.stop();
    for (const s of this.sectoren) s.snapshot.stop();
    await this.kboBron?.stop();
  }

  /** Ready once every source was tried and the register was read: before that, every erkenning would be judged unknown. */
  gereed(): boolean {
    return (
      this.register.data !== undefined &&
      this.sectoren.every((s) => s.snapshot.geprobeerd) &&
      (this.kbo?.geprobeerd ?? true)
    );
  }
}
