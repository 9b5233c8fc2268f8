import type { ErkenningsIndex, OndernemingInfo } from './erkenningsindex.ts';
import type { KboOverzicht } from './kbo/weergave.ts';
import { kiesNaam, type Naamkeuze } from './naam.ts';

/** One onderneming of `Query.ondernemingen`, with the name it is ordered on. */
export interface OndernemingRegel extends Naamkeuze {
  readonly info: OndernemingInfo;
}

const naamVolgorde = new Intl.Collator('nl');

const cache = new WeakMap<
  ErkenningsIndex,
  { register: KboOverzicht | undefined; lijst: readonly OndernemingRegel[] }
>();

const zonderErkenningen = (ondernemingsnummer: string): OndernemingInfo => ({
  ondernemingsnummer,
  naam: null,
  naamSector: null,
  erkenningen: [],
  vestigingsnummers: [],
});

/**
 * Every onderneming the caller's index or the register knows, by name
 * (unnamed last), then number: the order of `Query.ondernemingen`. A name
 * from VDAB cannot order this list (it comes from another subgraph, after
 * the list is made), so the order uses the register's and the sectors' names.
 * Built once per index view and register.
 */
export function ondernemingenOpNaam(
  index: ErkenningsIndex,
  register: KboOverzicht | undefined,
): readonly OndernemingRegel[] {
  const bekend = cache.get(index);
  if (bekend && bekend.register === register) return bekend.lijst;
  const regels: OndernemingRegel[] = [];
  for (const info of index.ondernemingen.values())
    regels.push({ info, ...kiesNaam(register, info.ondernemingsnummer, info, null) });
  if (register)
    for (const nummer of register.ondernemingsnummers())
      if (!index.ondernemingen.has(nummer))
        regels.push({ info: zonderErkenningen(nummer), ...kiesNaam(register, nummer, undefined, null) });
  regels.sort(
    (a, b) =>
      (a.naam === null ? 1 : 0) - (b.naam === null ? 1 : 0) ||
      naamVolgorde.compare(a.naam ?? '', b.naam ?? '') ||
      (a.info.ondernemingsnummer < b.info.ondernemingsnummer ? -1 : 1),
  );
  cache.set(index, { register, lijst: regels });
  return regels;
}
