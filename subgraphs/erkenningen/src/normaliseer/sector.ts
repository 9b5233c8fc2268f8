import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { Erkenning, Genormaliseerd, Sector, SectorLezing } from '../model.ts';
import { Oordeel } from './regels.ts';

/**
 * Runs one sector's rules over every record of a read. A record's findings go
 * into the sector's report whether it is kept or not; `aantalAfgekeurd` counts
 * records kept out entirely, those that broke the contract's shape included.
 */
export function normaliseerSector<R>(
  sector: Sector,
  lezing: SectorLezing<R>,
  idVan: (r: R) => string,
  regels: (r: R, oordeel: Oordeel) => Erkenning[],
  opties: { readonly records?: readonly R[]; readonly vooraf?: readonly Bevinding[] } = {},
): Genormaliseerd {
  const erkenningen: Erkenning[] = [];
  const bevindingen: Bevinding[] = [...lezing.bevindingen, ...(opties.vooraf ?? [])];
  let afgekeurd = lezing.bevindingen.length;
  for (const record of opties.records ?? lezing.records) {
    const oordeel = new Oordeel(sector, idVan(record));
    const uit = regels(record, oordeel);
    bevindingen.push(...oordeel.bevindingen);
    if (oordeel.afgekeurd) afgekeurd += 1;
    else erkenningen.push(...uit);
  }
  return {
    sector,
    erkenningen,
    kwaliteit: { aantalRecords: lezing.aantalRecords, aantalAfgekeurd: afgekeurd, bevindingen },
  };
}
