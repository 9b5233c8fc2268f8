import { PROVINCIES, VLAANDEREN, type Provincie } from '@duaal-graph/domein';
import type { Lease } from '@duaal-graph/store';
import { meetProvincie } from './meting.ts';
import { DATUMS_PER_VRAAG, reconstructieDatums, reconstrueerProvincie } from './reconstructie.ts';
import type { Peiling, PeilingDeel, PeilingOpslag } from './opslag.ts';

export interface PeilingDienstOpties {
  readonly opslag: PeilingOpslag;
  /** The graph to measure through; a function, so that a test can name a gateway started after the radar. */
  readonly graafUrl: () => string;
  /** The reference date of today, `YYYY-MM-DD`: the date a measurement is stored under. */
  readonly vandaag: () => string;
  /** `HH:MM` in Europe/Brussels. */
  /** The time of day of the daily measurement; null: none (only on demand). */
  readonly tijd: string | null;
  readonly bewaarDagen: number;
  /** The first date the erkende leerwerkplekken are reconstructed back to; null: none. */
  readonly reconstructieVanaf: string | null;
  readonly timeoutMs: number;
  /** Held by the replica that takes the daily measurement, so that two replicas do not both measure. */
  readonly lease: Lease;
  readonly log: (regel: string) => void;
}

/** The provincies the graph holds regio's of, in a fixed order. */
const GEHOUDEN: readonly Provincie[] = PROVINCIES.filter((p) =>
  VLAANDEREN.regios.some((r) => r.provincie === p),
);

/** Hours and minutes of a moment in Belgium's time, daylight saving included. */
function brusselseTijd(nu: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(nu);
}

function dagenTerug(datum: string, dagen: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - dagen);
  return d.toISOString().slice(0, 10);
}

/**
 * Takes measurements: on demand, and once a day at PEILING_TIJD. The daily one
 * is checked every minute rather than set on a timer, so that a service down
 * at that time measures when it is back and daylight saving needs no care.
 */
export class PeilingDienst {
  private timer: NodeJS.Timeout | undefined;
  private bezig: Promise<Peiling> | undefined;

  constructor(private readonly opties: PeilingDienstOpties) {}

  /** Measures every provincie now; a measurement already under way is shared, not doubled. */
  neem(): Promise<Peiling> {
    this.bezig ??= this.meet().finally(() => {
      this.bezig = undefined;
    });
    return this.bezig;
  }

  private async meet(): Promise<Peiling> {
    const { opslag, graafUrl, vandaag, bewaarDagen, timeoutMs, log } = this.opties;
    const begin = Date.now();
    const delen: PeilingDeel[] = [];
    // One provincie after the other: a measurement must not crowd the graph out for its users.
    for (const provincie of GEHOUDEN) delen.push(...(await meetProvincie(graafUrl(), provincie, timeoutMs)));
    const peiling: Peiling = { op: vandaag(), genomenOp: new Date(), gereconstrueerd: false };
    await opslag.bewaar(peiling, delen);
    const weg = await opslag.ruimOp(dagenTerug(peiling.op, bewaarDagen));
    log(
      `peiling ${peiling.op}: ${String(delen.reduce((n, d) => n + d.rijen.length, 0))} rows in ${String(Date.now() - begin)} ms` +
        (weg > 0 ? `, ${String(weg)} older than ${String(bewaarDagen)} days removed` : ''),
    );
    // After the measurement: the reconstruction reaches up to the first real one, and is made anew from the erkenningen of today.
    // The measurement stands whatever befalls the reconstruction: the next one tries it again.
    await this.reconstrueer().catch((fout: unknown) => {
      log(`reconstructie failed: ${fout instanceof Error ? fout.message : String(fout)}`);
    });
    return peiling;
  }

  /**
   * Reconstructs the erkende leerwerkplekken of the dates before the first
   * real measurement, through the graph, provincie by provincie (each stored
   * whole), and removes a reconstruction of any other date; answers the
   * dates it holds. Nothing without PEILING_RECONSTRUCTIE_VANAF.
   */
  async reconstrueer(): Promise<string[]> {
    const { opslag, graafUrl, bewaarDagen, timeoutMs, log, reconstructieVanaf: vanaf } = this.opties;
    if (vanaf === null) return [];
    const begin = Date.now();
    const vandaag = this.opties.vandaag();
    const eerste = (await opslag.lijst()).find((p) => !p.gereconstrueerd)?.op ?? vandaag;
    const datums = reconstructieDatums(vanaf, eerste, dagenTerug(vandaag, bewaarDagen));
    const genomenOp = new Date();
    for (const provincie of GEHOUDEN)
      for (let i = 0; i < datums.length; i += DATUMS_PER_VRAAG) {
        const deel = datums.slice(i, i + DATUMS_PER_VRAAG);
        await opslag.bewaarReconstructie(
          genomenOp,
          provincie,
          await reconstrueerProvincie(graafUrl(), provincie, deel, timeoutMs),
        );
      }
    const weg = await opslag.ruimReconstructieOp(datums);
    log(
      `reconstructie: ${String(datums.length)} dates from ${datums[0] ?? '-'} before ${eerste} in ${String(Date.now() - begin)} ms` +
        (weg > 0 ? `, ${String(weg)} of other dates removed` : ''),
    );
    return datums;
  }

  /** Starts the daily measurement. */
  start(): void {
    if (this.opties.tijd === null) return;
    this.timer = setInterval(() => {
      void this.dagelijks().catch((fout: unknown) => {
        this.opties.log(
          `peiling: daily measurement failed: ${fout instanceof Error ? fout.message : String(fout)}`,
        );
      });
    }, 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async dagelijks(): Promise<void> {
    const { opslag, vandaag, tijd, lease } = this.opties;
    if (tijd === null || brusselseTijd(new Date()) < tijd) return;
    const op = vandaag();
    if ((await opslag.laatsteOpOfVoor(op))?.op === op) return;
    if (!(await lease.acquire())) return;
    await this.neem();
  }
}
