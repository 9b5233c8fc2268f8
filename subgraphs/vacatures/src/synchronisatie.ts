import { VLAANDEREN } from '@duaal-graph/domein';
import type { Lease } from '@duaal-graph/store';
import { judgeFreshness, PartnerError, type BronStatus, type Reden } from '@duaal-graph/subgraph-toolkit';
import type { IndexOpslag, Lezing, Stand } from './opslag.ts';
import { leesOudeSnapshot, zetOudeSnapshotOpzij } from './oude-snapshot.ts';
import {
  BEWAAR_MINSTENS_ELKE_MS,
  MAX_VENSTER_MS,
  type SynchronisatieOpties,
} from './synchronisatie-opties.ts';
import { VacatureIndex } from './vacatureindex.ts';

/**
 * The synced index of VDAB's vacatures, kept in the store. One replica syncs
 * (the holder of the lease): its first copy comes from the store (and `bulk`
 * from where that stopped), else from an old JSON snapshot moved into the
 * store, else from `initial`; then every interval the `bulk` windows since the
 * last successful sync, at most 24 hours each, none skipped: a failed sync
 * leaves the window end where it was, and the next one starts there. Each sync
 * writes what changed to the store, fenced by the lease. Every other replica
 * reads the store's new versions into its own copy in memory, and takes the
 * lease over when the holder gives it back or lets it run out. When a sync
 * fails the index keeps answering, marked VEROUDERD.
 */
export class Vacaturebestand {
  private huidig: VacatureIndex | undefined;
  /** End of the last window applied (ms): the index holds every change before it. */
  private tot: number | null = null;
  private laatsteFout: PartnerError | null = null;
  /** Why the holder's last sync failed, as the store says (on a replica that does not sync). */
  private standReden: Reden | null = null;
  private bezig: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pogingen = 0;
  private bewaardTot: number | null = null;
  /** The index is to be written to the store as a whole (after `initial` or a move from JSON). */
  private volledigTeBewaren = false;
  /** The version and generation of the store this copy holds. */
  private gelezen: { versie: number; generatie: number } | null = null;
  /** Set after a start from the store: the first sync checks the index against VDAB's count. */
  private teControleren = false;
  private gestopt = false;
  /** Counts the changes of the index in memory (see `versie`). */
  private wijzigingen = 0;
  /** `wijzigingen` when the index in memory last was the store's version `gelezen` (read or written). */
  private alsGelezen: number | null = null;
  /** Whether this replica holds the lease (always, without one). */
  private houder: boolean;
  private volgendeSync = 0;
  private kijkt: Promise<void> | null = null;
  private readonly nu: () => number;
  private readonly log: (regel: string) => void;
  private readonly kijkMs: number;
  private opslag: IndexOpslag | null;
  private lease: Lease | null;
  private readonly lezers: ((index: VacatureIndex, atMs: number) => void)[] = [];

  constructor(private readonly opties: SynchronisatieOpties) {
    this.opslag = opties.opslag;
    this.lease = opties.lease ?? null;
    this.nu = opties.nu ?? Date.now;
    this.log = opties.log ?? (() => undefined);
    this.houder = !opties.lease;
    this.kijkMs = opties.kijkMs ?? Math.min(opties.intervalMs, 1_000);
  }

  /** The store and the lease, once the store is open (before `start`). */
  koppel(opslag: IndexOpslag, lease: Lease | null): void {
    this.opslag = opslag;
    this.lease = lease;
    this.houder = lease === null;
  }

  get index(): VacatureIndex | undefined {
    return this.huidig;
  }

  /**
   * Which copy of the index this is: it changes when a sync, a read of the
   * store or a first load changes the vacatures, not when a window brings
   * nothing new, so that what was made from the index (the gateway's cached
   * answers) is dropped only when its data is new (`/ready` lists it). While
   * the index is a version of the store (`s` generation.version), every
   * replica holding that version, and one restarted, reports the same; a
   * change not (yet) in the store, or no store, counts in this process (`w`).
   */
  get versie(): string {
    const { gelezen } = this;
    return gelezen && this.alsGelezen === this.wijzigingen
      ? `s${String(gelezen.generatie)}.${String(gelezen.versie)}`
      : `w${String(this.wijzigingen)}`;
  }

  /** Where the index is up to: the end of the last window applied. */
  get venstereinde(): number | null {
    return this.tot;
  }

  get geprobeerd(): boolean {
    return this.pogingen > 0 || (!this.houder && this.gelezen !== null);
  }

  /** Whether this replica syncs now (holds the lease). */
  get synchroniseert(): boolean {
    return this.houder;
  }

  /**
   * The index's state by the contract's rules of freshness (the toolkit's
   * freshness.ts): its age is that of the last window applied, so a sync that
   * is held up (by 429s, say) ages it until it is VEROUDERD, even though it
   * will complete. A replica that does not sync ages with the store.
   */
  status(): BronStatus {
    const versheid = judgeFreshness({
      hasCopy: this.huidig !== undefined,
      lastSuccessMs: this.huidig ? this.tot : null,
      intervalMs: this.opties.intervalMs,
      lastFailure: this.houder ? (this.laatsteFout?.reden ?? null) : this.standReden,
      waitingOn: this.waitingOn()?.reden ?? null,
      readUnderWay: this.bezig !== null,
      nowMs: this.nu(),
      ...(this.opties.graceMs === undefined ? {} : { graceMs: this.opties.graceMs }),
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

  /**
   * Calls `lezer` after every successful sync of the replica that syncs (the
   * findings history records each read of VDAB; the other replicas' copies
   * only follow it, and could lag behind it).
   */
  onSync(lezer: (index: VacatureIndex, atMs: number) => void): void {
    this.lezers.push(lezer);
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
      if (!this.huidig && !(await this.uitOpslag()) && !(await this.uitOudeSnapshot()))
        await this.leesInitial();
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
    const index = this.huidig;
    if (index && this.houder && this.laatsteFout === null && !this.gestopt)
      for (const lezer of this.lezers) lezer(index, this.nu());
  }

  /** The index in the store as this copy: all of it, or the versions since the one this copy holds. */
  private async uitOpslag(): Promise<boolean> {
    const { vdabUrl } = this.opties;
    const { opslag } = this;
    if (!opslag) return false;
    const lezing = await opslag.lees(null);
    if (!lezing) return false;
    if (lezing.stand.vdabUrl !== vdabUrl) {
      this.log(`de index in de store komt van ${lezing.stand.vdabUrl}, niet van ${vdabUrl}; opnieuw gelezen`);
      return false;
    }
    this.neemOver(lezing);
    this.teControleren = true;
    return true;
  }

  /** What another replica's sync wrote, into this copy. */
  private neemOver({ stand, rijen, volledig }: Lezing): void {
    const gebied = this.opties.gebied ?? VLAANDEREN;
    const index = volledig || !this.huidig ? new VacatureIndex(gebied) : this.huidig;
    for (const rij of rijen) index.neemOver(rij);
    index.afgeleid();
    if (volledig || !this.huidig)
      this.log(`index uit de store: ${index.aantal} vacatures, bij tot ${new Date(stand.tot).toISOString()}`);
    if (volledig || rijen.length > 0 || this.huidig !== index) this.wijzigingen += 1;
    this.huidig = index;
    this.zetStand(stand);
  }

  private zetStand(stand: Stand): void {
    this.gelezen = { versie: stand.versie, generatie: stand.generatie };
    this.alsGelezen = this.wijzigingen;
    this.tot = stand.tot;
    this.bewaardTot = stand.tot;
    this.standReden = stand.reden;
  }

  /** A JSON snapshot from before the store, once: it becomes the index, written whole to the store. */
  private async uitOudeSnapshot(): Promise<boolean> {
    const { oudeMap, vdabUrl } = this.opties;
    if (!oudeMap) return false;
    const oud = await leesOudeSnapshot(oudeMap, vdabUrl, this.log);
    if (!oud) return false;
    this.huidig = VacatureIndex.uit(oud.records, oud.afgekeurd, this.opties.gebied ?? VLAANDEREN);
    this.wijzigingen += 1;
    this.tot = oud.tot;
    this.volledigTeBewaren = true;
    this.teControleren = true;
    this.log(`${this.huidig.aantal} vacatures uit de JSON-snapshot naar de store overgezet`);
    return true;
  }

  /**
   * After a restart the stored index plus the windows since must add up to what VDAB
   * publishes; when they do not (an index of another data set, say) the index
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
      this.wijzigingen += 1;
      this.tot = begin;
      this.volledigTeBewaren = true;
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
      // Counted per window: a later window that fails leaves this one applied.
      if (uitkomst.veranderd + venster.bevindingen.length > 0) this.wijzigingen += 1;
      gemeld += uitkomst.gemeld;
      veranderd += uitkomst.veranderd + venster.bevindingen.length;
      this.tot = Math.max(this.tot, tot);
      van = tot;
    }
    if (veranderd > 0) this.log(`bulk: ${gemeld} wijzigingen gemeld, ${veranderd} vacatures veranderd`);
    // Builds the lists and counts now, so that no question waits for it.
    index.afgeleid();
  }

  /**
   * Tells the store what the sync changed (or all of it), with where it is up
   * to and why it failed, if it did; a replica that lost the lease meanwhile
   * writes nothing and reads the store anew.
   */
  private async bewaar(): Promise<void> {
    const { vdabUrl } = this.opties;
    const { opslag } = this;
    const index = this.huidig;
    if (!opslag || !index || this.tot === null || this.gestopt) return;
    const volledig = this.volledigTeBewaren;
    const rijen = volledig ? index.alleRijen() : index.neemWijzigingen();
    const achter = this.bewaardTot === null || this.tot - this.bewaardTot >= BEWAAR_MINSTENS_ELKE_MS;
    const reden = this.laatsteFout?.reden ?? null;
    if (!volledig && rijen.length === 0 && !achter && reden === this.standReden) return;
    try {
      const stand = await opslag.schrijf(this.lease, {
        vdabUrl,
        tot: this.tot,
        reden,
        rijen,
        volledig,
      });
      if (!stand) {
        this.log('synchronisatie afgestaan: een andere replica houdt de lease; de index komt uit de store');
        this.houder = false;
        // Read whole from the store at once; this copy answers meanwhile.
        this.gelezen = null;
        this.volledigTeBewaren = false;
        await this.volg();
        return;
      }
      this.zetStand(stand);
      this.volledigTeBewaren = false;
      if (volledig && this.opties.oudeMap) await zetOudeSnapshotOpzij(this.opties.oudeMap);
    } catch (fout) {
      // The index in memory still answers; the next sync writes it whole, so that nothing is lost.
      this.volledigTeBewaren = true;
      this.log(`index niet bewaard: ${fout instanceof Error ? fout.message : String(fout)}`);
    }
  }

  /** A replica that does not sync: the store's new versions into this copy. */
  private async volg(): Promise<void> {
    const { vdabUrl } = this.opties;
    const { opslag } = this;
    if (!opslag) return;
    const lezing = await opslag.lees(this.gelezen);
    if (lezing?.stand.vdabUrl !== vdabUrl) return;
    if (lezing.volledig || lezing.rijen.length > 0 || !this.huidig) this.neemOver(lezing);
    else this.zetStand(lezing.stand);
  }

  /**
   * One look at the store: take or renew the lease; the holder syncs when an
   * interval has passed since its last sync, the others read what it wrote.
   */
  private async kijk(): Promise<void> {
    const { lease } = this;
    if (lease) {
      let houder: boolean;
      try {
        houder = await lease.acquire();
      } catch (fout) {
        this.log(`store niet bereikbaar: ${fout instanceof Error ? fout.message : String(fout)}`);
        return;
      }
      if (houder && !this.houder) {
        this.log(`${lease.holder} synchroniseert VDAB`);
        // Where the last holder stopped is where this one goes on: its own copy first brought up to date.
        this.teControleren = false;
        if (this.huidig) await this.volg();
      } else if (!houder && this.houder) this.log(`${lease.holder} synchroniseert niet meer`);
      this.houder = houder;
    }
    if (!this.houder) {
      await this.volg().catch((fout: unknown) => {
        this.log(`store niet gelezen: ${fout instanceof Error ? fout.message : String(fout)}`);
      });
      return;
    }
    if (this.bezig || performance.now() < this.volgendeSync) return;
    // Not awaited: the looks go on renewing the lease while a long sync (a first `initial`) runs.
    void this.synchroniseer().then(() => {
      const { intervalMs } = this.opties;
      const wachtMs = this.huidig
        ? intervalMs
        : Math.min(intervalMs, 1_000 * 2 ** Math.min(this.pogingen - 1, 10));
      this.volgendeSync = performance.now() + wachtMs;
    });
  }

  /** Looks at the store now, unless a look is under way: one at a time. */
  private kijkNu(): Promise<void> {
    this.kijkt ??= this.kijk().finally(() => {
      this.kijkt = null;
    });
    return this.kijkt;
  }

  /**
   * The first look (the holder's first copy, or the store's index), then a look
   * every `kijkMs`: they renew the lease while a long sync runs.
   */
  async start(): Promise<void> {
    this.gestopt = false;
    this.plan();
    await this.kijkNu();
    // A look that found a sync under way (the timer's, say) waits for that sync: ready means caught up.
    await this.bezig;
  }

  private plan(): void {
    if (this.gestopt) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.kijkNu().then(() => {
        this.plan();
      });
    }, this.kijkMs);
    this.timer.unref();
  }

  /**
   * Stops the looks; a sync under way finishes but writes nothing any more, and
   * the lease is given back, so that another replica takes over at once.
   */
  async stop(): Promise<void> {
    this.gestopt = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.bezig;
    await this.kijkt;
    if (this.lease && this.houder) {
      this.houder = false;
      await this.lease.release().catch(() => undefined);
    }
  }

  /** Resolves when no sync is under way (tests and restarts wait for it). */
  async rust(): Promise<void> {
    await this.bezig;
  }
}
