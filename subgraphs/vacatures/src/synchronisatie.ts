import { VLAANDEREN, type Gebied } from '@duaal-graph/domein';
import { judgeFreshness, PartnerError, type BronStatus, type Reden } from '@duaal-graph/subgraph-toolkit';
import { leesOpslag, schrijfOpslag } from './opslag.ts';
import { VacatureIndex } from './vacatureindex.ts';
import type { VdabClient } from './vdab/client.ts';

/** VDAB refuses `bulk` windows of more than 24 hours. */
export const MAX_VENSTER_MS = 24 * 60 * 60 * 1000;

export interface SynchronisatieOpties {
  readonly client: Pick<VdabClient, 'initial' | 'bulk' | 'aantalGepubliceerd'> &
    Partial<Pick<VdabClient, 'currentFailure'>>;
  /** Names the VDAB a snapshot on disk belongs to. */
  readonly vdabUrl: string;
  /** Where the snapshot lives; null keeps the index in memory only. */
  readonly dataMap: string | null;
  readonly intervalMs: number;
  /**
   * Each sync reads again this much before where the last one ended: a change
   * VDAB logs a moment after its own timestamp is still met, and applying it
   * again changes nothing.
   */
  readonly overlapMs?: number;
  readonly nu?: () => number;
  readonly log?: (regel: string) => void;
  readonly gebied?: Gebied;
}

/** Even without changes the snapshot's window end is brought up to date this often, so a restart reads little. */
const BEWAAR_MINSTENS_ELKE_MS = 10 * 60_000;

/**
 * The synced index of VDAB's vacatures. At start it comes from the snapshot on
 * disk (and `bulk` from where that stopped) or else from `initial`; then every
 * interval from the `bulk` windows since the last successful sync, at most 24
 * hours each, none skipped: a failed sync leaves the window end where it was,
 * and the next one starts there. When a sync fails the index keeps answering,
 * marked VEROUDERD.
 */
export class Vacaturebestand {
  private huidig: VacatureIndex | undefined;
  /** End of the last window applied (ms): the index holds every change before it. */
  private tot: number | null = null;
  private laatsteFout: PartnerError | null = null;
  private bezig: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pogingen = 0;
  private bewaardTot: number | null = null;
  private teBewaren = false;
  /** Set after a start from disk: the first sync checks the index against VDAB's count. */
  private teControleren = false;
  private gestopt = false;
  private readonly nu: () => number;
  private readonly log: (regel: string) => void;

  constructor(private readonly opties: SynchronisatieOpties) {
    this.nu = opties.nu ?? Date.now;
    this.log = opties.log ?? (() => undefined);
  }

  get index(): VacatureIndex | undefined {
    return this.huidig;
  }

  /** Where the index is up to: the end of the last window applied. */
  get venstereinde(): number | null {
    return this.tot;
  }

  get geprobeerd(): boolean {
    return this.pogingen > 0;
  }

  /**
   * The index's state by the contract's rules of freshness (the toolkit's
   * freshness.ts): its age is that of the last window applied, so a sync that
   * is held up (by 429s, say) ages it until it is VEROUDERD, even though it
   * will complete.
   */
  status(): BronStatus {
    const versheid = judgeFreshness({
      hasCopy: this.huidig !== undefined,
      lastSuccessMs: this.huidig ? this.tot : null,
      intervalMs: this.opties.intervalMs,
      lastFailure: this.laatsteFout?.reden ?? null,
      waitingOn: this.waitingOn()?.reden ?? null,
      readUnderWay: this.bezig !== null,
      nowMs: this.nu(),
    });
    return { bron: 'VDAB', ...versheid, bijgewerktOp: this.laatsteSucces() };
  }

  reden(): Reden {
    return this.status().reden ?? 'ERROR';
  }

  /**
   * What a sync under way is held by, and since when: RATE_LIMITED while it
   * waits out VDAB's 429s (which it does until the load is complete, so it does
   * not fail). Null when no sync is under way or nothing holds it. For the
   * source status to tell that the index is ageing, and why.
   */
  waitingOn(): { readonly reden: Reden; readonly since: string } | null {
    const storing = this.bezig ? this.opties.client.currentFailure : null;
    return storing ? { reden: storing.reden, since: new Date(storing.since).toISOString() } : null;
  }

  laatsteSucces(): string | null {
    return this.huidig && this.tot !== null ? new Date(this.tot).toISOString() : null;
  }

  /** One step now: the first copy, or the windows since the last sync. Concurrent callers share one step. */
  synchroniseer(): Promise<void> {
    this.bezig ??= this.stap().finally(() => {
      this.bezig = null;
    });
    return this.bezig;
  }

  private async stap(): Promise<void> {
    try {
      if (!this.huidig && !(await this.vanSchijf())) await this.leesInitial();
      else {
        await this.haalBij();
        if (this.teControleren) {
          await this.controleerAantal();
          this.teControleren = false;
        }
      }
      this.laatsteFout = null;
    } catch (fout) {
      this.laatsteFout =
        fout instanceof PartnerError ? fout : new PartnerError('VDAB', 'ERROR', String(fout));
      this.log(`synchroniseren mislukt (${this.laatsteFout.reden}): ${this.laatsteFout.message}`);
    } finally {
      this.pogingen += 1;
    }
    await this.bewaar();
  }

  /** The snapshot on disk as the index, when there is a usable one: no `initial` then. */
  private async vanSchijf(): Promise<boolean> {
    const { dataMap, vdabUrl } = this.opties;
    const opslag = dataMap === null ? null : await leesOpslag(dataMap, vdabUrl, this.log);
    if (!opslag) return false;
    this.huidig = VacatureIndex.uit(opslag.records, opslag.afgekeurd, this.opties.gebied ?? VLAANDEREN);
    this.tot = opslag.tot;
    this.bewaardTot = opslag.tot;
    this.teControleren = true;
    this.log(
      `index van schijf: ${this.huidig.aantal} vacatures, bij tot ${new Date(opslag.tot).toISOString()}`,
    );
    return true;
  }

  /**
   * After a restart the snapshot plus the windows since must add up to what VDAB
   * publishes; when they do not (a snapshot of another data set, say) the index
   * is read anew rather than answer wrong counts for ever.
   */
  private async controleerAantal(): Promise<void> {
    for (let poging = 1; poging <= 2; poging++) {
      const index = this.huidig;
      if (!index) return;
      const gepubliceerd = await this.opties.client.aantalGepubliceerd();
      const bekend = index.aantal + index.afgekeurdeBevindingen().filter((b) => b.recordId !== null).length;
      if (gepubliceerd === bekend) return;
      this.log(`index telt ${bekend} vacatures, VDAB publiceert er ${gepubliceerd}`);
      // A change between the last window and the count explains a difference once; a second time it does not.
      if (poging === 1) await this.haalBij();
    }
    await this.leesInitial();
  }

  private async leesInitial(): Promise<void> {
    for (let poging = 1; ; poging++) {
      // The windows start where the read started: what changed while it paged is met again in `bulk`.
      const begin = this.nu();
      const lezing = await this.opties.client.initial();
      const gelezen = new Set([
        ...lezing.records.map((r) => String(r.vacatureReferentie.vdabReferentie)),
        ...lezing.bevindingen.map((b) => b.recordId),
      ]);
      // A vacature removed while the pages were read shifts the later pages by one: one is missed. Read again.
      if (gelezen.size !== lezing.totaal && poging < 3) {
        this.log(`initial gaf ${gelezen.size} verschillende vacatures van ${lezing.totaal}; opnieuw gelezen`);
        continue;
      }
      const index = VacatureIndex.uit(lezing.records, lezing.bevindingen, this.opties.gebied ?? VLAANDEREN);
      index.afgeleid();
      this.huidig = index;
      this.tot = begin;
      this.teBewaren = true;
      this.log(`initial gelezen: ${index.aantal} vacatures, ${lezing.bevindingen.length} afgekeurd`);
      return;
    }
  }

  /** Applies every window since the last one applied, in order; a failing window stops the sync there. */
  private async haalBij(): Promise<void> {
    const index = this.huidig;
    if (!index || this.tot === null) return;
    const nu = this.nu();
    let van = Math.max(0, this.tot - (this.opties.overlapMs ?? 5_000));
    let gemeld = 0;
    let veranderd = 0;
    while (van < nu) {
      const tot = Math.min(van + MAX_VENSTER_MS, nu);
      const venster = await this.opties.client.bulk(van, tot);
      const uitkomst = index.pasToe(venster.records);
      for (const b of venster.bevindingen) index.keurAf(b);
      gemeld += uitkomst.gemeld;
      veranderd += uitkomst.veranderd + venster.bevindingen.length;
      this.tot = Math.max(this.tot, tot);
      van = tot;
    }
    if (veranderd > 0) {
      this.teBewaren = true;
      this.log(`bulk: ${gemeld} wijzigingen gemeld, ${veranderd} vacatures veranderd`);
    }
    // Builds the lists and counts now, so that no question waits for it.
    index.afgeleid();
  }

  private async bewaar(): Promise<void> {
    const { dataMap, vdabUrl } = this.opties;
    const index = this.huidig;
    if (dataMap === null || !index || this.tot === null || this.gestopt) return;
    const achter = this.bewaardTot === null || this.tot - this.bewaardTot >= BEWAAR_MINSTENS_ELKE_MS;
    if (!this.teBewaren && !achter) return;
    const tot = this.tot;
    try {
      await schrijfOpslag(dataMap, {
        versie: 1,
        vdabUrl,
        tot,
        records: index.alleRecords(),
        afgekeurd: index.afgekeurdeBevindingen().map((b) => ({ ...b, bron: 'VDAB' as const })),
      });
      this.bewaardTot = tot;
      this.teBewaren = false;
    } catch (fout) {
      // The index in memory still answers; the next sync tries to write again.
      this.log(`index niet bewaard: ${fout instanceof Error ? fout.message : String(fout)}`);
    }
  }

  /** The first copy, then a sync every interval; before there is a copy, retries within seconds. */
  async start(): Promise<void> {
    this.gestopt = false;
    await this.synchroniseer();
    this.plan();
  }

  private plan(): void {
    if (this.gestopt) return;
    const { intervalMs } = this.opties;
    const wachtMs = this.huidig
      ? intervalMs
      : Math.min(intervalMs, 1_000 * 2 ** Math.min(this.pogingen - 1, 10));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.synchroniseer().then(() => {
        this.plan();
      });
    }, wachtMs);
    this.timer.unref();
  }

  /** Stops the timer; a sync under way finishes but writes nothing any more. */
  stop(): void {
    this.gestopt = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves when no sync is under way (tests and restarts wait for it). */
  async rust(): Promise<void> {
    await this.bezig;
  }
}
