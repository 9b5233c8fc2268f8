import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { Genormaliseerd } from '../model.ts';
import type { KboOverzicht } from './weergave.ts';

const cache = new WeakMap<Genormaliseerd, { register: KboOverzicht; bevindingen: readonly Bevinding[] }>();

/**
 * A stopped company (`Status ST`) that a sector still lists as ERKEND: a
 * finding of that sector, one per partner record, and no reason to drop the
 * erkenning or the company (kbo.md, "Data and dirt"). Computed once per read
 * of the sector and of the register.
 */
export function gestoptMaarErkend(sector: Genormaliseerd, register: KboOverzicht): readonly Bevinding[] {
  const bekend = cache.get(sector);
  if (bekend && bekend.register === register) return bekend.bevindingen;
  const gezien = new Set<string>();
  const bevindingen: Bevinding[] = [];
  for (const e of sector.erkenningen) {
    if (e.status !== 'ERKEND' || gezien.has(e.recordId)) continue;
    if (!register.gestopt(e.ondernemingsnummer)) continue;
    gezien.add(e.recordId);
    bevindingen.push({
      bron: sector.sector,
      recordId: e.recordId,
      veld: 'ondernemingsnummer',
      regel: 'ONDERNEMING_GESTOPT',
      waarde: e.ondernemingsnummer,
    });
  }
  cache.set(sector, { register, bevindingen });
  return bevindingen;
}
