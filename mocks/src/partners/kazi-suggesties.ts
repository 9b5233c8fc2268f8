import { createHash } from 'node:crypto';
import type { Gebied } from '@duaal-graph/domein';
import type { ErkenningFeit } from '../wereld/erkenningsplan.ts';
import type { KaziLerende } from '../wereld/kazi.ts';

export interface Suggestie {
  ondernemingsnummer: string;
  vestigingsnummer: string;
  opleidingscode: string;
  score: number;
  afstandKm: number;
}

function spreiding(a: string, b: string): number {
  const [x, y] = a < b ? [a, b] : [b, a];
  return createHash('sha1').update(`${x}|${y}`).digest().readUInt32BE(0) / 0xffffffff;
}

/** A stable road distance between two municipalities: the data set has no coordinates, so it goes by region. */
export function afstandKm(gebied: Gebied, nisA: string, nisB: string): number {
  const h = spreiding(nisA, nisB);
  const a = gebied.gemeente(nisA);
  const b = gebied.gemeente(nisB);
  const km =
    nisA === nisB
      ? 1 + h * 4
      : a && b && a.regioCode === b.regioCode
        ? 5 + h * 20
        : a && b && a.provincie === b.provincie
          ? 20 + h * 40
          : 60 + h * 100;
  return Math.round(km * 10) / 10;
}

/**
 * Kazi scores workplaces from its own copy of the erkenningen, taken when the
 * data set was made: it lags behind the sector databanks, so a suggestion may
 * point at a vestiging whose erkenning is since geschorst or ingetrokken.
 */
export function maakSuggesties(gebied: Gebied, kopie: readonly ErkenningFeit[]) {
  const perOpleiding = new Map<string, ErkenningFeit[]>();
  for (const f of kopie) {
    if (f.status === 'INGETROKKEN') continue; // withdrawn before Kazi copied
    for (const code of f.opleidingscodes) {
      const lijst = perOpleiding.get(code);
      if (lijst) lijst.push(f);
      else perOpleiding.set(code, [f]);
    }
  }
  return (lerende: KaziLerende, max: number): Suggestie[] => {
    const bereik = lerende.mobiliteitKm * 1.5;
    const gezien = new Set<string>();
    const suggesties: Suggestie[] = [];
    for (const f of perOpleiding.get(lerende.opleidingscode) ?? []) {
      if (gezien.has(f.vestiging.nummer)) continue;
      gezien.add(f.vestiging.nummer);
      const afstand = afstandKm(gebied, lerende.woonplaatsNisCode, f.vestiging.gemeente.nisCode);
      if (afstand > bereik) continue;
      const passend = 0.7 + 0.3 * spreiding(lerende.lerendeId, f.vestiging.nummer);
      suggesties.push({
        ondernemingsnummer: f.onderneming.kbo,
        vestigingsnummer: f.vestiging.nummer,
        opleidingscode: lerende.opleidingscode,
        score: Math.round(Math.max(0.01, (1 - afstand / (bereik * 1.2)) * passend) * 100) / 100,
        afstandKm: afstand,
      });
    }
    return suggesties
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.afstandKm - b.afstandKm ||
          a.vestigingsnummer.localeCompare(b.vestigingsnummer),
      )
      .slice(0, max);
  };
}
