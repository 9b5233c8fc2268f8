import { request, type Dispatcher } from 'undici';

/**
 * What one subgraph said about its sources at the last probe: per source a
 * fingerprint of every copy it holds of it (state, last successful read, reason).
 * A copy that is read again, fails, or ages from ACTUEEL to VEROUDERD changes it.
 */
export type SubgraphVersions = ReadonlyMap<string, string>;

/** Every subgraph's versions at one moment; replaced as a whole on every change, never changed in place. */
export type VersionsView = ReadonlyMap<string, SubgraphVersions>;

/** The fingerprint of everything a subgraph holds, for an answer of it that names no source. */
export const ALL_SOURCES = '*';

function fingerprints(toestand: unknown): SubgraphVersions | null {
  if (!Array.isArray(toestand)) return null;
  const perBron = new Map<string, string[]>();
  for (const status of toestand as unknown[]) {
    if (typeof status !== 'object' || status === null) return null;
    const { bron, toestand: staat, bijgewerktOp, reden } = status as Record<string, unknown>;
    if (typeof bron !== 'string') return null;
    const lijst = perBron.get(bron) ?? [];
    lijst.push(`${String(staat)}|${String(bijgewerktOp)}|${String(reden ?? '')}`);
    perBron.set(bron, lijst);
  }
  const uit = new Map<string, string>();
  for (const [bron, lijst] of perBron) uit.set(bron, lijst.sort().join(';'));
  uit.set(
    ALL_SOURCES,
    [...uit].map(([b, f]) => `${b}=${f}`).join(','),
  );
  return uit;
}

function sameVersions(a: SubgraphVersions | undefined, b: SubgraphVersions | undefined): boolean {
  return a?.get(ALL_SOURCES) === b?.get(ALL_SOURCES);
}

export interface SourceVersionsOptions {
  /** The subgraphs to probe, name to GraphQL URL; read again at every round, so a reload is followed. */
  readonly subgraphs: () => ReadonlyMap<string, string>;
  readonly intervalMs: number;
  readonly dispatcher: Dispatcher;
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
    for (const [naam, versies] of uitslagen) {
      const oud = vorige.get(naam);
      if (versies === null) {
        if (oud) gewijzigd.push(naam);
        continue;
      }
      // The same object again where nothing changed, so that a view compares cheaply with an older one.
      nieuw.set(naam, oud && sameVersions(oud, versies) ? oud : versies);
      if (!oud || !sameVersions(oud, versies)) gewijzigd.push(naam);
    }
    for (const naam of vorige.keys()) if (!nieuw.has(naam) && !gewijzigd.includes(naam)) gewijzigd.push(naam);
    if (gewijzigd.length > 0) this.view = nieuw;
    this.rondes += 1;
    if (gewijzigd.length > 0) this.opties.onChange?.(gewijzigd);
  }

  private async lees(url: string): Promise<SubgraphVersions | null> {
    try {
      const { body } = await request(new URL('/ready', url), {
        dispatcher: this.opties.dispatcher,
        headersTimeout: Math.max(this.opties.intervalMs * 4, 1_000),
        bodyTimeout: Math.max(this.opties.intervalMs * 4, 1_000),
      });
      // 503 (not ready) still lists the copies it has: a subgraph that lost one has other versions, not none.
      const json = (await body.json()) as { toestand?: unknown };
      return fingerprints(json.toestand);
    } catch {
      return null;
    }
  }
}
