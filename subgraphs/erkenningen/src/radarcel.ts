import { celId, leesCelId, VLAANDEREN } from '@duaal-graph/domein';
import { badUserInput, gepeildeTellingen, type MetGepeild } from '@duaal-graph/subgraph-toolkit';
import type { Erkenningsbestand } from './bestand.ts';
import type { ErkenningenContext } from './context.ts';
import type { VestigingInfo } from './erkenningsindex.ts';

/** The index key of the cell a radar representation names; an id the radar never gives out is bad input. */
export function celVanRadar(id: string): string {
  const cel = leesCelId(id);
  if (!cel) throw badUserInput('representations', `onbekende radarcel ${id}`);
  return celId(cel);
}

/**
 * A regio's distinct erkende leerwerkplekken over the opleidingen of a radar
 * total: a vestiging erkend for three of them counts once. Not known (null)
 * while the register or a databank one of those opleidingen needs was never read.
 */
export function erkendePlekkenInRegio(
  ctx: ErkenningenContext,
  regioCode: string,
  opleidingscodes: readonly string[],
  /** The vestigingen per opleiding to count: today's, or those of an earlier date (./reconstructie.ts). */
  erkendePlekken?: ReadonlyMap<string, readonly VestigingInfo[]>,
): number | null {
  const bestand: Erkenningsbestand = ctx.bestand;
  const register = bestand.register.data;
  if (!register) return null;
  const perOpleiding = erkendePlekken ?? ctx.lees().erkendePlekken;
  const plekken = new Set<string>();
  for (const code of opleidingscodes) {
    // An opleiding no databank covers has no leerwerkplekken to add; one whose databank was never read makes the total unknown.
    if ((register.erkenningsbronnen.get(code) ?? []).length === 0) continue;
    if (bestand.gelezenErkenningsbronnen(code) === null) return null;
    for (const v of perOpleiding.get(code) ?? [])
      if (v.plaats?.regioCode === regioCode) plekken.add(v.vestigingsnummer);
  }
  return plekken.size;
}

export const regioTotaalResolvers = {
  __resolveReference: (
    ref: { id: string; opleidingscodes?: readonly string[] } & MetGepeild,
    ctx: ErkenningenContext,
  ) => {
    const regioCode = ref.id.split('|')[0] ?? '';
    if (!VLAANDEREN.regio(regioCode)) throw badUserInput('representations', `onbekend regiototaal ${ref.id}`);
    const gepeild = gepeildeTellingen(ref);
    if (gepeild) return gepeild;
    return ref.opleidingscodes === undefined
      ? ref
      : { ...ref, aantalErkendeLeerwerkplekken: erkendePlekkenInRegio(ctx, regioCode, ref.opleidingscodes) };
  },
};
