import { celId, leesCelId, VLAANDEREN } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';
import type { ErkenningenContext } from './context.ts';
import { plekkenOp, type ErkenningsIndex, type PlekkenOp } from './erkenningsindex.ts';
import { erkendePlekkenInRegio } from './radarcel.ts';

/** Ten years of months in one question: enough for any reconstruction, small enough to answer at once. */
export const MAX_DATUMS = 120;

/** A reconstruction asks the same few dates of every cell: keep them, but never more than this many per index. */
const BEWAARDE_DATUMS = 32;

const perIndex = new WeakMap<ErkenningsIndex, Map<string, PlekkenOp>>();

/**
 * The leerwerkplekken of an earlier date from the erkenningen this index holds
 * today, counted as the index counts today's (`plekkenOp`). Kept per index, so
 * that a new read of a source is counted anew.
 */
export function plekkenVanIndexOp(index: ErkenningsIndex, datum: string): PlekkenOp {
  let datums = perIndex.get(index);
  if (!datums) {
    datums = new Map();
    perIndex.set(index, datums);
  }
  let plekken = datums.get(datum);
  if (!plekken) {
    plekken = plekkenOp(index.alle, index.vestigingen, datum);
    // The oldest date asked goes first: a map iterates in insertion order.
    if (datums.size >= BEWAARDE_DATUMS) datums.delete(datums.keys().next().value ?? '');
    datums.set(datum, plekken);
  }
  return plekken;
}

function controleerDatums(datums: readonly string[]): readonly string[] {
  if (datums.length > MAX_DATUMS)
    throw badUserInput('datums', `hoogstens ${String(MAX_DATUMS)} datums, niet ${String(datums.length)}`);
  return datums;
}

/**
 * `RadarCel.aantalErkendeLeerwerkplekkenOp` and `RegioTotaal.aantalErkendeLeerwerkplekkenOp`:
 * the history of `aantalErkendeLeerwerkplekken` from the validity periods of
 * the erkenningen known today. Counted as today's count is: a cell from the
 * whole index, a regio total from the index as the caller sees it; unknown
 * (null) on every date where today's count is.
 */
export const reconstructieResolvers = {
  RadarCel: (cel: { id: string }, args: { datums: readonly string[] }, ctx: ErkenningenContext) => {
    const datums = controleerDatums(args.datums);
    const delen = leesCelId(cel.id);
    if (!delen) throw badUserInput('representations', `onbekende radarcel ${cel.id}`);
    // Reported as sources, as today's count is; the count itself is the whole index's (`visiblePart`).
    ctx.lees();
    if (!ctx.bestand.gelezenErkenningsbronnen(delen.opleidingscode)) return datums.map(() => null);
    const index = ctx.bestand.index();
    // A cell of a past date (`radar(op:)`) names its measurement: the area and opleiding are what count here.
    const sleutel = celId({ gebiedscode: delen.gebiedscode, opleidingscode: delen.opleidingscode });
    return datums.map((datum) => plekkenVanIndexOp(index, datum).aantalPerCel.get(sleutel) ?? 0);
  },
  RegioTotaal: (
    totaal: { id: string; opleidingscodes?: readonly string[] },
    args: { datums: readonly string[] },
    ctx: ErkenningenContext,
  ) => {
    const datums = controleerDatums(args.datums);
    const regioCode = totaal.id.split('|')[0] ?? '';
    if (!VLAANDEREN.regio(regioCode) || totaal.opleidingscodes === undefined)
      throw badUserInput('representations', `onbekend regiototaal ${totaal.id}`);
    const codes = totaal.opleidingscodes;
    const index = ctx.lees();
    return datums.map((datum) =>
      erkendePlekkenInRegio(ctx, regioCode, codes, plekkenVanIndexOp(index, datum).erkendePlekken),
    );
  },
};
