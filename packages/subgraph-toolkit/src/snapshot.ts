import type { Bron, BronStatus, Reden } from './source-status.ts';
import { contentFingerprint } from './content-fingerprint.ts';
import { judgeFreshness } from './freshness.ts';
import { PartnerError } from './partner-client.ts';
import type { CopyState } from './observability/metrics.ts';
import { outsideTraces } from './observability/tracing.ts';

export interface SnapshotOptions<T> {
  readonly bron: Bron;
  /** Reads the partner; gets the current copy so that a conditional GET can return it unchanged. */
  readonly laad: (vorige: T | undefined) => Promise<T>;
  readonly intervalMs: number;
  /**
   * While there is no copy at all, how soon to try again (doubling up to the
   * interval): a partner that starts after the subgraph is picked up in seconds.
   */
  readonly eersteHerhalingMs?: number;
  /** Writes a line when a refresh fails; personal data never goes in here, only the partner's error. */
  readonly log?: (regel: string) => void;
  /** Which copy of the source this is, in `/metrics` (`duaal_source_*{kopie}`); the source's name by default. */
  readonly kopie?: string;
  /** How many records a copy holds, for `/metrics`; by default its length or size when it has one. */
  readonly tel?: (data: T) => number | null;
  /** The clock (ms), for tests of how a copy ages. */
  readonly nu?: () => number;
}

/**
 * A copy of one partner's bulk data, read at start and refreshed on an interval,
 * so that a query never pages through a partner API. When a refresh fails the
 * older copy keeps answering, marked VEROUDERD; without any copy the source is
 * ONBESCHIKBAAR.
 */
export class Snapshot<T> {
  private huidig: T | undefined;
  private bijgewerktOp: number | null = null;
  private laatsteFout: PartnerError | null = null;
  private bezig: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pogingen = 0;
  private herhaling: NodeJS.Timeout | null = null;
  private readonly lezers: ((data: T, atMs: number) => void)[] = [];
  /** What the current copy holds (content-fingerprint.ts), to tell a read of the same data from new data. */
  private inhoud: string | null = null;

  constructor(private readonly opties: SnapshotOptions<T>) {}

  get bron(): Bron {
    return this.opties.bron;
  }

  get data(): T | undefined {
    return this.huidig;
  }

  /**
   * Which copy this is, derived from its content (content-fingerprint.ts): it
   * changes when a read brings other data, not when a conditional read keeps
   * the same copy nor when a full read brings the same data again, so what was
   * made from the copy (the gateway's cached answers) is dropped only when the
   * data is new. Two replicas holding the same data, or one restarted, report
   * the same version; empty before the first copy.
   */
  get versie(): string {
    return this.inhoud?.slice(0, 22) ?? '';
  }

  /** True once the first read has been tried, whatever its outcome. */
  get geprobeerd(): boolean {
    return this.pogingen > 0;
  }

  /** The source's state by the contract's rules of freshness (freshness.ts), with the reason when not ACTUEEL. */
  status(): BronStatus {
    const versheid = judgeFreshness({
      hasCopy: this.huidig !== undefined,
      lastSuccessMs: this.bijgewerktOp,
      intervalMs: this.opties.intervalMs,
      lastFailure: this.laatsteFout?.reden ?? null,
      waitingOn: null,
      readUnderWay: this.bezig !== null,
      nowMs: (this.opties.nu ?? Date.now)(),
    });
    return { bron: this.opties.bron, ...versheid, bijgewerktOp: this.laatsteSucces() };
  }

  /** This copy's state, age and size, for `/metrics`. */
  kopie(): CopyState {
    return {
      bron: this.opties.bron,
      kopie: this.opties.kopie ?? this.opties.bron.toLowerCase(),
      toestand: this.status().toestand,
      bijgewerktOpMs: this.bijgewerktOp,
      aantal: this.huidig === undefined ? null : (this.opties.tel ?? recordCount)(this.huidig),
    };
  }

  reden(): Reden {
    return this.status().reden ?? 'ERROR';
  }

  laatsteSucces(): string | null {
    return this.bijgewerktOp === null ? null : new Date(this.bijgewerktOp).toISOString();
  }

  /**
   * Calls `lezer` after every successful read, with the copy (the same one when
   * a conditional read kept it) and when it was read: the findings history
   * records each read of a source.
   */
  onRead(lezer: (data: T, atMs: number) => void): void {
    this.lezers.push(lezer);
  }

  /** Reads the partner now; concurrent callers share one read. */
  ververs(): Promise<void> {
    this.bezig ??= this.leesIn().finally(() => {
      this.bezig = null;
    });
    return this.bezig;
  }

  private async leesIn(): Promise<void> {
    try {
      const nieuw = await this.opties.laad(this.huidig);
      if (nieuw !== this.huidig) {
        const inhoud = contentFingerprint(nieuw);
        // The same data read again: the copy in hand stays, and with it its version.
        if (inhoud !== this.inhoud || this.huidig === undefined) {
          this.huidig = nieuw;
          this.inhoud = inhoud;
        }
      }
      this.bijgewerktOp = (this.opties.nu ?? Date.now)();
      this.laatsteFout = null;
      for (const lezer of this.lezers) {
        try {
          lezer(nieuw, this.bijgewerktOp);
        } catch (fout) {
          // What follows the reads is no part of them: the copy stands.
          this.opties.log?.(`bron ${this.opties.bron}: na het lezen: ${String(fout)}`);
        }
      }
    } catch (fout) {
      this.laatsteFout =
        fout instanceof PartnerError ? fout : new PartnerError(this.opties.bron, 'ERROR', String(fout));
      // The reason and status only: a partner's answer may hold anything, personal data included.
      const { reden, status } = this.laatsteFout;
      this.opties.log?.(
        `bron ${this.opties.bron}: verversen mislukt (${reden}${status === undefined ? '' : `, HTTP ${status}`})`,
      );
    } finally {
      this.pogingen += 1;
    }
    if (this.huidig === undefined && this.timer !== null) this.planHerhaling();
  }

  private planHerhaling(): void {
    if (this.herhaling) return;
    const basis = this.opties.eersteHerhalingMs ?? 1_000;
    const wachtMs = Math.min(this.opties.intervalMs, basis * 2 ** Math.min(this.pogingen - 1, 10));
    this.herhaling = setTimeout(() => {
      this.herhaling = null;
      void this.ververs();
    }, wachtMs);
    this.herhaling.unref();
  }

  /** First read, then a refresh every interval; the timer does not keep the process alive. */
  async start(): Promise<void> {
    // Refreshes belong to no request's trace, even when a request happened to start the service.
    this.timer = outsideTraces(() => setInterval(() => void this.ververs(), this.opties.intervalMs));
    this.timer.unref();
    await this.ververs();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.herhaling) clearTimeout(this.herhaling);
    this.timer = null;
    this.herhaling = null;
  }
}

/** The records of a copy when its shape says: a list, a map or set, or an object with a count or a list of records. */
export function recordCount(data: unknown): number | null {
  if (Array.isArray(data)) return data.length;
  if (data instanceof Map || data instanceof Set) return data.size;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { aantal?: unknown; records?: unknown };
  if (typeof d.aantal === 'number') return d.aantal;
  return Array.isArray(d.records) ? d.records.length : null;
}
