import type { Sector } from '../model.ts';

/**
 * The paritaire comités each integrated sector databank covers (../shared/domain/GLOSSARY.md):
 * an opleiding's leerwerkplekken can be known only to the databanks whose comité it names.
 */
const COMITES_PER_SECTOR: Readonly<Record<Sector, readonly string[]>> = {
  VOLTA: ['149.01'],
  EDUCAM: ['112'],
  CONSTRUCTIV: ['124'],
  MTECH: ['111', '209'],
  WOODWIZE: ['125', '126'],
};

/** The erkenningsbronnen of an opleiding, from its paritaire comités; [] when no databank covers any of them. */
export function erkenningsbronnenVan(paritaireComites: readonly string[]): Sector[] {
  const comites = new Set(paritaireComites.map((pc) => pc.trim().replace(/^PC\s*/i, '')));
  return (Object.keys(COMITES_PER_SECTOR) as Sector[]).filter((sector) =>
    COMITES_PER_SECTOR[sector].some((pc) => comites.has(pc)),
  );
}
