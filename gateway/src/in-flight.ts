/**
 * Merges identical calls under way: the first caller of a key starts the work,
 * everyone who asks the same key before it ends shares its outcome. Nothing is
 * kept after it ends, so this never serves an older answer than a fresh call would.
 */
export class InFlight<T> {
  private readonly bezig = new Map<string, Promise<T>>();
  /** Calls that shared another's work instead of starting their own. */
  shared = 0;
  started = 0;

  run(key: string, work: () => Promise<T>): Promise<T> {
    const lopend = this.bezig.get(key);
    if (lopend) {
      this.shared += 1;
      return lopend;
    }
    this.started += 1;
    const belofte = work().finally(() => {
      this.bezig.delete(key);
    });
    this.bezig.set(key, belofte);
    return belofte;
  }

  get size(): number {
    return this.bezig.size;
  }
}
