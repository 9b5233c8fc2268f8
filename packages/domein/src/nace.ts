/**
 * Which sector organisation handles a company, from its NACE-BEL activity code:
 * the paritair comité decides, but the KBO does not hold it, so the graph uses
 * the table of ../shared/partners/kbo.md ("NACE and the sectors"). A prefix
 * matches every longer code; the exceptions inside a prefix come first.
 */

/** The sector organisations of `enum Sector`, as the table names them. */
export type NaceSector = 'VOLTA' | 'EDUCAM' | 'CONSTRUCTIV' | 'MTECH' | 'WOODWIZE';

const TABEL: readonly (readonly [prefix: string, sector: NaceSector])[] = [
  ['43210', 'VOLTA'],
  ['43211', 'VOLTA'],
  ['43212', 'VOLTA'],
  ['33140', 'VOLTA'],
  ['27', 'VOLTA'],
  ['45200', 'EDUCAM'],
  ['45201', 'EDUCAM'],
  ['45202', 'EDUCAM'],
  ['45203', 'EDUCAM'],
  ['45204', 'EDUCAM'],
  ['45310', 'EDUCAM'],
  ['45400', 'EDUCAM'],
  // "43 other than 4321x": the Volta rows above are matched first.
  ['4321', 'VOLTA'],
  ['41', 'CONSTRUCTIV'],
  ['42', 'CONSTRUCTIV'],
  ['43', 'CONSTRUCTIV'],
  ['23610', 'CONSTRUCTIV'],
  ['23630', 'CONSTRUCTIV'],
  ['24', 'MTECH'],
  ['25', 'MTECH'],
  ['26', 'MTECH'],
  ['28', 'MTECH'],
  ['29', 'MTECH'],
  ['30', 'MTECH'],
  ['33', 'MTECH'],
  ['16', 'WOODWIZE'],
  ['31', 'WOODWIZE'],
];

/** The sector of a NACE-BEL code (5 digits, dots allowed), or null when the table gives none. */
export function sectorVoorNace(code: string): NaceSector | null {
  const cijfers = code.replace(/\./g, '').trim();
  if (!/^\d{2,5}$/.test(cijfers)) return null;
  // The longest matching prefix wins, so that 4321x is Volta and 33140 is not MTech+.
  let beste: { lengte: number; sector: NaceSector } | null = null;
  for (const [prefix, sector] of TABEL)
    if (cijfers.startsWith(prefix) && (beste === null || prefix.length > beste.lengte))
      beste = { lengte: prefix.length, sector };
  return beste?.sector ?? null;
}
