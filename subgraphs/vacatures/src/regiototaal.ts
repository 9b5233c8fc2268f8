import { VLAANDEREN } from '@duaal-graph/domein';
import { badUserInput, gepeildeTellingen, type MetGepeild } from '@duaal-graph/subgraph-toolkit';
import type { VacaturesContext } from './context.ts';

/**
 * A regio's distinct vacatures over the opleidingen of a radar total: a
 * vacature whose beroep belongs to two of them counts once. Not known (null)
 * while VDAB or the register was never read.
 */
export const regioTotaalResolvers = {
  __resolveReference: (
    ref: { id: string; opleidingscodes?: readonly string[] } & MetGepeild,
    ctx: VacaturesContext,
  ) => {
    const regioCode = ref.id.split('|')[0] ?? '';
    if (!VLAANDEREN.regio(regioCode)) throw badUserInput('representations', `onbekend regiototaal ${ref.id}`);
    const gepeild = gepeildeTellingen(ref);
    if (gepeild) return gepeild;
    if (ref.opleidingscodes === undefined) return ref;
    const index = ctx.lees();
    const perOpleiding = ctx.beroepen();
    if (index === undefined || perOpleiding === undefined)
      return { ...ref, aantalVacatures: null, aantalDualeVacatures: null };
    const beroepen = new Set(ref.opleidingscodes.flatMap((code) => perOpleiding.get(code) ?? []));
    const vacatures = index.gesorteerd.filter(
      (v) => v.regioCode === regioCode && beroepen.has(v.beroepsprofielCode),
    );
    return {
      ...ref,
      aantalVacatures: vacatures.length,
      aantalDualeVacatures: vacatures.filter((v) => v.duaal).length,
    };
  },
};
