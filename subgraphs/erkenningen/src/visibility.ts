import { maySee, type AccessRule, type Gebruiker } from '@duaal-graph/subgraph-toolkit';
import { ERKENNING_STATUSSEN, SECTOREN, type Erkenning } from './model.ts';

/**
 * Which erkenningen one caller may see, by the `@toegang` rule of `Erkenning`.
 * Callers who see the same erkenningen share a `key`, so that what is derived
 * from the visible erkenningen (names, vestigingen, addresses) is computed
 * once per key, not per request.
 */
export interface Visibility {
  readonly key: string;
  /** Sees every erkenning: the full index is this caller's view. */
  readonly all: boolean;
  readonly sees: (e: Pick<Erkenning, 'sector' | 'status'>) => boolean;
}

const pair = (sector: string, status: string) => `${sector}|${status}`;

/**
 * The rule reads of an erkenning only its `status` (openbareStatus) and its
 * `sector` (an owner's own): every pair of the two decides alike for all
 * erkenningen that share it, so asking the rule once per pair (15 questions)
 * gives the caller's whole view.
 */
export function visibilityFor(rule: AccessRule, gebruiker: Gebruiker): Visibility {
  const visible = new Set<string>();
  let key = '';
  for (const sector of SECTOREN) {
    for (const status of ERKENNING_STATUSSEN) {
      const ziet = maySee(rule, gebruiker, { sector, status });
      if (ziet) visible.add(pair(sector, status));
      key += ziet ? '1' : '0';
    }
  }
  return {
    key,
    all: visible.size === SECTOREN.length * ERKENNING_STATUSSEN.length,
    sees: (e) => visible.has(pair(e.sector, e.status)),
  };
}
