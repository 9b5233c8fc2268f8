import type { FindingsHistory } from '@duaal-graph/subgraph-toolkit/findings-history';
import type { Erkenningsbestand } from './bestand.ts';
import { SECTOREN, type Sector } from './model.ts';

/**
 * Records every read of a sector's data in the findings history, in two
 * scopes per sector: the sector's own findings, judged with the onderwijs
 * register (scope `<SECTOR>`), and the stopped companies the company register
 * finds in it (`<SECTOR>/KBO`). A read of the register judges every sector
 * anew, so it is recorded for each. A scope is recorded only once what judges
 * it was read: a sector read before the register resolves nothing.
 */
export function volgBevindingen(bestand: Erkenningsbestand, historie: FindingsHistory): void {
  const leg = (sectoren: readonly Sector[], welke: 'eigen' | 'kbo' | 'beide', atMs: number) => {
    for (const sector of sectoren) {
      const { eigen, kbo } = bestand.bevindingenVan(sector);
      if (eigen && welke !== 'kbo') historie.record(sector, eigen, atMs);
      if (kbo && welke !== 'eigen') historie.record(`${sector}/KBO`, kbo, atMs);
    }
  };
  for (const bron of bestand.sectoren)
    bron.snapshot.onRead((_, atMs) => {
      leg([bron.sector], 'beide', atMs);
    });
  bestand.register.onRead((_, atMs) => {
    leg(SECTOREN, 'beide', atMs);
  });
  bestand.kbo?.onRead((_, atMs) => {
    leg(SECTOREN, 'kbo', atMs);
  });
}
