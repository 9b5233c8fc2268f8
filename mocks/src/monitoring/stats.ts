import { PARTNERS, type PartnerNaam } from '../wereld/vuil.ts';

export interface PartnerStats {
  requests: number;
  status429: number;
  routes: Record<string, number>;
}

/** Counts every request each partner receives, per route template, as `GET /_mock/stats` reports it. */
export class Stats {
  private tellers = Stats.leeg();

  private static leeg(): Record<PartnerNaam, PartnerStats> {
    return Object.fromEntries(PARTNERS.map((p) => [p, { requests: 0, status429: 0, routes: {} }])) as Record<
      PartnerNaam,
      PartnerStats
    >;
  }

  tel(partner: PartnerNaam, route: string): void {
    const t = this.tellers[partner];
    t.requests += 1;
    t.routes[route] = (t.routes[route] ?? 0) + 1;
  }

  tel429(partner: PartnerNaam): void {
    this.tellers[partner].status429 += 1;
  }

  snapshot(): Record<PartnerNaam, PartnerStats> {
    return structuredClone(this.tellers);
  }

  reset(): void {
    this.tellers = Stats.leeg();
  }
}
