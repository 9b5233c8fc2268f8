import { VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import type { Bevinding, BronGebruik, BronStatus, Momentopname } from '@duaal-graph/domein/subgraaf';
import { bouwErkenningsIndex, visiblePart, type ErkenningsIndex } from './erkenningsindex.ts';
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
  readonly momentopname: Pick<
    Momentopname<unknown>,
    'start' | 'stop' | 'ververs' | 'status' | 'reden' | 'laatsteSucces' | 'geprobeerd'
  >;
  lezing(): SectorLezing<unknown> | undefined;
  /** The rules' verdict on the current copy; recomputed only when the copy, the register or the date changed. */
  genormaliseerd(ctx: NormContext): Genormaliseerd | undefined;
}

export function sectorBron<L extends SectorLezing<unknown>>(
  sector: Sector,
  momentopname: Momentopname<L>,
  normaliseer: (lezing: L, ctx: NormContext) => Genormaliseerd,
): SectorBron {
  let laatst: { lezing: L; ctx: NormContext; uit: Genormaliseerd } | undefined;
  return {
    sector,
    momentopname,
    lezing: () => momentopname.data,
    genormaliseerd: (ctx) => {
      const lezing = momentopname.data;
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

  constructor(
    readonly sectoren: readonly SectorBron[],
    readonly register: Momentopname<RegisterKennis>,
    private readonly referentiedatum: () => string,
    private readonly gebied: Gebied = VLAANDEREN,
  ) {}

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

  status(sector: Sector): BronStatus {
    return (
      this.bron(sector)?.momentopname.status() ?? {
        bron: sector,
        toestand: 'ONBESCHIKBAAR',
        bijgewerktOp: null,
      }
    );
  }

  /** Reports to a request the sources its answer rests on: the sectors asked about, and the register that judged them. */
  meld(bronnen: BronGebruik, sectoren: readonly Sector[] = SECTOREN): void {
    for (const sector of sectoren) {
      const bron = this.bron(sector);
      bronnen.meld(this.status(sector), bron?.momentopname.reden() ?? 'ERROR');
    }
    bronnen.meld(this.register.status(), this.register.reden());
  }

  rapport(sector: Sector): SectorRapport {
    const bron = this.bron(sector);
    const lezing = bron?.lezing();
    const uit = this.genormaliseerd(sector);
    return {
      bron: sector,
      toestand: this.status(sector).toestand,
      laatsteSucces: bron?.momentopname.laatsteSucces() ?? null,
      aantalRecords: lezing?.aantalRecords ?? 0,
      aantalAfgekeurd: uit?.kwaliteit.aantalAfgekeurd ?? lezing?.bevindingen.length ?? 0,
      alleBevindingen: uit?.kwaliteit.bevindingen ?? lezing?.bevindingen ?? [],
    };
  }

  /** Reads every source once now, without timers. */
  async ververs(): Promise<void> {
    await Promise.all([this.register.ververs(), ...this.sectoren.map((s) => s.momentopname.ververs())]);
  }

  /** The first round of reads, then a refresh of every snapshot on its interval. */
  async start(): Promise<void> {
    await Promise.all([this.register.start(), ...this.sectoren.map((s) => s.momentopname.start())]);
    // Builds the index now, so that the first question does not wait for it.
    this.index();
  }

  stop(): void {
    this.register.stop();
    for (const s of this.sectoren) s.momentopname.stop();
  }

  /** Ready once every source was tried and the register was read: before that, every erkenning would be judged unknown. */
  gereed(): boolean {
    return this.register.data !== undefined && this.sectoren.every((s) => s.momentopname.geprobeerd);
  }
}
