/** Counters of the response cache, for metrics to read (a later task exports them). */
export interface CacheCounters {
  /** Answers served from the cache (or from the same question's answer under way: `shared`). */
  hits: number;
  /** Of the hits: answers another request was making when this one asked (whole-answer deduplication). */
  shared: number;
  /** Cacheable questions that found no valid entry. */
  misses: number;
  /** Answers kept. */
  stores: number;
  /** Answers not kept: a mutation, errors, a source read live, a source that changed under way. */
  uncacheable: number;
  /** Entries dropped because a source they used has new data (or its subgraph did not answer). */
  invalidations: number;
  /** Entries dropped to stay within the byte bound. */
  evictions: number;
  /** Entries now, and the bytes they are counted at. */
  entries: number;
  bytes: number;
}

export interface Sized {
  /** What the entry is counted at against the bound. */
  readonly bytes: number;
}

/**
 * A least-recently-used map bounded in bytes. A Map keeps insertion order, so
 * moving a hit to the end makes the first key the least recently used.
 */
export class ByteBoundedLru<V extends Sized> {
  private readonly entries = new Map<string, V>();
  readonly counters: CacheCounters = {
    hits: 0,
    shared: 0,
    misses: 0,
    stores: 0,
    uncacheable: 0,
    invalidations: 0,
    evictions: 0,
    entries: 0,
    bytes: 0,
  };

  constructor(private readonly maxBytes: number) {}

  /** The entry, made the most recently used. */
  get(key: string): V | undefined {
    const waarde = this.entries.get(key);
    if (waarde === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, waarde);
    return waarde;
  }

  /** Keeps the entry unless it alone exceeds the bound; older entries go to make room. */
  set(key: string, waarde: V): boolean {
    const grootte = waarde.bytes + key.length * 2;
    if (grootte > this.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, waarde);
    this.counters.bytes += grootte;
    while (this.counters.bytes > this.maxBytes) {
      const oudste = this.entries.keys().next();
      if (oudste.done === true) break;
      this.delete(oudste.value);
      this.counters.evictions += 1;
    }
    this.counters.entries = this.entries.size;
    this.counters.stores += 1;
    return true;
  }

  /**
   * Counts `extra` more bytes for an entry that grew since it was kept (a form
   * made later): its own `bytes` already include them. Older entries go to make
   * room; an entry no longer kept under `key` is not counted.
   */
  grow(key: string, waarde: V, extra: number): void {
    if (this.entries.get(key) !== waarde) return;
    this.counters.bytes += extra;
    while (this.counters.bytes > this.maxBytes) {
      const oudste = this.entries.keys().next();
      if (oudste.done === true) break;
      this.delete(oudste.value);
      this.counters.evictions += 1;
    }
  }

  delete(key: string): boolean {
    const waarde = this.entries.get(key);
    if (waarde === undefined) return false;
    this.entries.delete(key);
    this.counters.bytes -= waarde.bytes + key.length * 2;
    this.counters.entries = this.entries.size;
    return true;
  }

  /** Drops every entry the predicate picks; returns how many. */
  dropWhere(kies: (waarde: V) => boolean): number {
    let aantal = 0;
    for (const [key, waarde] of this.entries) {
      if (kies(waarde) && this.delete(key)) aantal += 1;
    }
    return aantal;
  }

  clear(): void {
    this.entries.clear();
    this.counters.bytes = 0;
    this.counters.entries = 0;
  }
}
