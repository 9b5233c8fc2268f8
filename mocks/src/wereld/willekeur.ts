/**
 * A seeded, fast pseudo-random generator (sfc32) so that the same MOCK_SEED gives
 * the same data to the byte. Every part of the world draws from its own named
 * stream, so that adding a draw in one part does not shift the others.
 */
export class Willekeur {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // cyrb128: spreads a string seed over four 32-bit words.
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
    this.b = (h2 ^ h1) >>> 0;
    this.c = (h3 ^ h1) >>> 0;
    this.d = (h4 ^ h1) >>> 0;
    for (let i = 0; i < 12; i++) this.getal();
  }

  /** A number in [0, 1). */
  getal(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  geheel(min: number, max: number): number {
    return min + Math.floor(this.getal() * (max - min + 1));
  }

  kans(p: number): boolean {
    return this.getal() < p;
  }

  kies<T>(lijst: readonly T[]): T {
    if (lijst.length === 0) throw new Error('kies uit een lege lijst');
    return lijst[Math.floor(this.getal() * lijst.length)] as T;
  }

  /** Picks by weight; weights need not sum to one. */
  gewogen<T>(lijst: readonly T[], gewicht: (item: T) => number): T {
    let totaal = 0;
    for (const item of lijst) totaal += gewicht(item);
    let r = this.getal() * totaal;
    for (const item of lijst) {
      r -= gewicht(item);
      if (r < 0) return item;
    }
    return lijst[lijst.length - 1] as T;
  }

  /** `aantal` distinct items, in random order. */
  steekproef<T>(lijst: readonly T[], aantal: number): T[] {
    const kopie = [...lijst];
    const n = Math.min(aantal, kopie.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.getal() * (kopie.length - i));
      [kopie[i], kopie[j]] = [kopie[j] as T, kopie[i] as T];
    }
    return kopie.slice(0, n);
  }

  hex(lengte: number): string {
    let uit = '';
    while (uit.length < lengte) uit += Math.floor(this.getal() * 16).toString(16);
    return uit;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

/** A weighted picker that precomputes cumulative weights, for picks from large lists in hot loops. */
export function gewogenKiezer<T>(lijst: readonly T[], gewicht: (item: T) => number): (w: Willekeur) => T {
  const cumulatief: number[] = [];
  let totaal = 0;
  for (const item of lijst) {
    totaal += gewicht(item);
    cumulatief.push(totaal);
  }
  return (w) => {
    const r = w.getal() * totaal;
    let lo = 0;
    let hi = cumulatief.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulatief[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lijst[lo] as T;
  };
}
