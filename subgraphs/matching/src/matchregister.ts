import type { KaziMatch } from './kazi/schema.ts';

/**
 * Which learner a match belongs to, remembered from every match the graph has
 * seen: Kazi finds matches by learner or by onderneming only, and a change names
 * just the match. Ids only, no personal data; bounded, the oldest forgotten first.
 * Without an entry the graph searches the matches of the caller's own school.
 */
export class MatchRegister {
  private readonly lerendeVanMatch = new Map<string, string>();

  constructor(private readonly maximum = 50_000) {}

  onthoud(matches: readonly KaziMatch[]): void {
    for (const m of matches) {
      this.lerendeVanMatch.delete(m.matchId);
      this.lerendeVanMatch.set(m.matchId, m.lerendeId);
    }
    for (const oudste of this.lerendeVanMatch.keys()) {
      if (this.lerendeVanMatch.size <= this.maximum) break;
      this.lerendeVanMatch.delete(oudste);
    }
  }

  lerendeVan(matchId: string): string | undefined {
    return this.lerendeVanMatch.get(matchId);
  }
}
