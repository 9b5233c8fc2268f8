import { kboMetPunten, vestigingMetPunten } from '@duaal-graph/domein';
import type { KaziLerende, KaziMatch, KaziSuggestie, LerendeStatus, MatchStatus } from './kazi/schema.ts';

/**
 * Kazi's records as the graph's resolvers see them. Both carry the learner's
 * `instellingsnummer`: the `@toegang` rules judge ownership by it.
 */

export interface LerendeObject {
  readonly id: string;
  readonly voornaam: string | null;
  readonly familienaam: string | null;
  readonly geboortejaar: number | null;
  readonly instellingsnummer: string;
  readonly opleidingscode: string;
  readonly woonplaatsNisCode: string;
  readonly mobiliteitKm: number;
  readonly status: LerendeStatus;
  readonly gewensteStartdatum: string | null;
}

export interface MatchObject {
  readonly id: string;
  readonly versie: number;
  readonly lerendeId: string;
  readonly instellingsnummer: string;
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string | null;
  readonly opleidingscode: string;
  readonly status: MatchStatus;
  readonly historiek: readonly {
    status: MatchStatus;
    op: string;
    door: string;
    reden: string | null;
  }[];
}

export interface SuggestieObject {
  readonly ondernemingsnummer: string;
  readonly vestigingsnummer: string | null;
  readonly opleidingscode: string;
  readonly score: number;
  readonly afstandKm: number;
}

export function lerendeObject(l: KaziLerende): LerendeObject {
  return {
    id: l.lerendeId,
    voornaam: l.voornaam ?? null,
    familienaam: l.familienaam ?? null,
    geboortejaar: l.geboortejaar ?? null,
    instellingsnummer: l.instellingsnummer,
    opleidingscode: l.opleidingscode,
    woonplaatsNisCode: l.woonplaatsNisCode,
    mobiliteitKm: l.mobiliteitKm,
    status: l.status,
    gewensteStartdatum: l.gewensteStartdatum ?? null,
  };
}

/** A match of a learner of school `instellingsnummer`, identifiers in canonical notation. */
export function matchObject(m: KaziMatch, instellingsnummer: string): MatchObject {
  return {
    id: m.matchId,
    versie: m.versie,
    lerendeId: m.lerendeId,
    instellingsnummer,
    ondernemingsnummer: kboMetPunten(m.ondernemingsnummer),
    vestigingsnummer: m.vestigingsnummer ? vestigingMetPunten(m.vestigingsnummer) : null,
    opleidingscode: m.opleidingscode,
    status: m.status,
    historiek: m.historiek.map((g) => ({ status: g.status, op: g.op, door: g.door, reden: g.reden ?? null })),
  };
}

export function suggestieObject(s: KaziSuggestie): SuggestieObject {
  return {
    ondernemingsnummer: kboMetPunten(s.ondernemingsnummer),
    vestigingsnummer: s.vestigingsnummer ? vestigingMetPunten(s.vestigingsnummer) : null,
    opleidingscode: s.opleidingscode,
    score: s.score,
    afstandKm: s.afstandKm,
  };
}
