import { BRONNEN, type BronStatus, type Reden } from '@duaal-graph/subgraph-toolkit';
import { request, type Dispatcher } from 'undici';

/** One source of one subgraph at the last probe. */
export interface SourceVersion {
  /**
   * Every copy the subgraph holds of the source: its state, reason and which
   * copy it is (`versie`; the last successful read where a copy counts none).
   * A read that brings new data, a failed read, or a copy ageing to VEROUDERD changes it.
   */
  readonly fingerprint: string;
  /** The copies' statuses now, as the subgraph would report them in `extensions.bronnen`. */
  readonly statuses: readonly BronStatus[];
}

export interface SubgraphVersions {
  readonly perBron: ReadonlyMap<string, SourceVersion>;
  /** All of it in one string, to see a change at a glance. */
  readonly all: string;
}

/** Every subgraph's versions at one moment; replaced as a whole on every change, never changed in place. */
export type VersionsView = ReadonlyMap<string, SubgraphVersions>;

/** The source an answer of a subgraph depends on when it names none: everything the subgraph holds. */
export const ALL_SOURCES = '*';

function alsStatus(waarde: unknown): (BronStatus & { versie?: unknown }) | null {
  if (typeof waarde !== 'object' || waarde === null) return null;
  const { bron, toestand, bijgewerktOp, reden, versie } = waarde as Record<string, unknown>;
  if (typeof bron !== 'string' || !(BRONNEN as readonly string[]).includes(bron)) return null;
  if (toestand !== 'ACTUEEL' && toestand !== 'VEROUDERD' && toestand !== 'ONBESCHIKBAAR') return null;
  return {
    bron: bron as BronStatus['bron'],
    toestand,
    bijgewerktOp: typeof bijgewerktOp === 'string' ? bijgewerktOp : null,
    ...(typeof reden === 'string' ? { reden: reden as Reden } : {}),
    versie,
  };
}

function versionsFrom(toestand: unknown): SubgraphVersions | null {
  if (!Array.isArray(toestand)) return null;
  const perBron = new Map<string, { delen: string[]; statuses: BronStatus[] }>();
  for (const waarde of toestand as unknown[]) {
    const status = alsStatus(waarde);
    if (!status) return null;
    const { versie, ...zonderVersie } = status;
    const deel = perBron.get(status.bron) ?? { delen: [], statuses: [] };
    // A copy's version (content-derived: the same on every replica with the same data); else its last read.
    const welke =
      typeof versie === 'number' || (typeof versie === 'string' && versie !== '')
        ? `v${String(versie)}`
        : `t${String(status.bijgewerktOp)}`;
    deel.delen.push(`${status.toestand}|${status.reden ?? ''}|${welke}`);
    deel.statuses.push(zonderVersie);
    perBron.set(status.bron, deel);
  }
  const uit = new Map<string, SourceVersion>();
  for (const [bron, { delen, statuses }] of perBron)
    uit.set(bron, { fingerprint: delen.sort().join(';'), statuses });
  const all = [...uit].map(([b, v]) => `${b}=${v.fingerprint}`).join(',');
  uit.set(ALL_SOURCES, { fingerprint: all, statuses: [] });
  return { perBron: uit, all };
}

function sameVersions(a: SubgraphVersions | undefined, b: SubgraphVersions | undefined): boolean {
  return a !== undefined && b !== undefined && a.all === b.all;
}

/**
 * How long a subgraph that is reachable but slow to answer its probe (a timeout,
 * not a refused connection) keeps the versions it last reported: under load a
 * `/ready` waits behind the queries on the subgraph's event loop, and dropping
 * every answer that used it would then add the load of asking again. A copy
 * changes only in the subgraph's own refresh, which the next answered probe reports.
 */
export const SLOW_PROBE_GRACE_MS = 3_000;

/** What one probe of one subgraph brought. */
type Probe =
  | { readonly soort: 'versies'; readonly versies: SubgraphVersions }
  | { readonly soort: 'traag' }
  | { readonly soort: 'weg' };

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface SourceVersionsOptions {
  /** The subgraphs to probe, name to GraphQL URL; read again at every round, so a reload is followed. */
  readonly subgraphs: () => ReadonlyMap<string, string>;
  readonly intervalMs: number;
  readonly dispatcher: Dispatcher;
  /** How long a slow subgraph keeps its last versions (SLOW_PROBE_GRACE_MS). */
  readonly slowGraceMs?: number;
  /** Called after a round in which some subgraph's versions changed or it became unreachable. */
  readonly onChange?: (changed: readonly string[]) => void;
}

/**
 * Follows the versions of every subgraph's sources by asking its `/ready` (which
 * lists the state of every copy it answers from) every `intervalMs`: the
 * gateway learns of a refresh, a failed read or a copy gone stale within that
 * interval. A subgraph that does not answer has no versions, so nothing that
 * used it is served from the cache until it answers again with the same ones.
 */
export class SourceVersions {
  private view: VersionsView = new Map();
  private timer: NodeJS.Timeout | null = null;
  private bezig: Promise<void> | null = null;
  private rondes = 0;
  /** When each subgraph last answered its probe (ms). */
  private readonly laatstBeantwoord = new Map<string, number>();

  constructor(private readonly opties: SourceVersionsOptions) {}

  /** The versions now; keep the object to compare with a later view. */
  current(): VersionsView {
    return this.view;
  }

  /** How many rounds of probes have completed. */
  get rounds(): number {
    return this.rondes;
  }

  /** Probes every subgraph once now; concurrent callers share the round. */
  probe(): Promise<void> {
    this.bezig ??= this.ronde().finally(() => {
      this.bezig = null;
    });
    return this.bezig;
  }

  start(): Promise<void> {
    this.timer ??= setInterval(() => void this.probe(), this.opties.intervalMs);
    this.timer.unref();
    return this.probe();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async ronde(): Promise<void> {
    const subgraphs = [...this.opties.subgraphs()];
    const uitslagen = await Promise.all(
      subgraphs.map(async ([naam, url]) => [naam, await this.lees(url)] as const),
    );
    const vorige = this.view;
    const gewijzigd: string[] = [];
    const nieuw = new Map<string, SubgraphVersions>();
    const nu = Date.now();
    for (const [naam, probe] of uitslagen) {
      const oud = vorige.get(naam);
      if (
        probe.soort === 'traag' &&
        oud &&
        nu - (this.laatstBeantwoord.get(naam) ?? 0) < (this.opties.slowGraceMs ?? SLOW_PROBE_GRACE_MS)
      ) {
        nieuw.set(naam, oud);
        continue;
      }
      if (probe.soort !== 'versies') {
        if (oud) gewijzigd.push(naam);
        continue;
      }
      const versies = probe.versies;
      this.laatstBeantwoord.set(naam, nu);
      nieuw.set(naam, versies);
      if (!oud || !sameVersions(oud, versies)) gewijzigd.push(naam);
    }
    for (const naam of vorige.keys()) if (!nieuw.has(naam) && !gewijzigd.includes(naam)) gewijzigd.push(naam);
    // Always the new view: its statuses carry the latest reads even where no fingerprint changed.
    this.view = nieuw;
    this.rondes += 1;
    if (gewijzigd.length > 0) this.opties.onChange?.(gewijzigd);
  }

  private async lees(url: string): Promise<Probe> {
    try {
      const { body } = await request(new URL('/ready', url), {
        dispatcher: this.opties.dispatcher,
        headersTimeout: Math.max(this.opties.intervalMs * 4, 1_000),
        bodyTimeout: Math.max(this.opties.intervalMs * 4, 1_000),
      });
      // 503 (not ready) still lists the copies it has: a subgraph that lost one has other versions, not none.
      const json = (await body.json()) as { toestand?: unknown };
      const versies = versionsFrom(json.toestand);
      return versies ? { soort: 'versies', versies } : { soort: 'weg' };
    } catch (fout) {
      const code = (fout as { code?: unknown }).code;
      return typeof code === 'string' && TIMEOUTS.has(code) ? { soort: 'traag' } : { soort: 'weg' };
    }
  }
}
