import type { Bevinding } from '@duaal-graph/subgraph-toolkit';
import type { VdabClient } from './vdab/client.ts';
import type { Knelpuntberoep } from './vdab/schema.ts';

/** VDAB's knelpuntberoepen of one year, by beroepsprofiel code. */
export interface Knelpuntlijst {
  readonly jaar: number;
  readonly beroepen: ReadonlyMap<string, Knelpuntberoep>;
  readonly bevindingen: readonly Bevinding[];
}

/** Beroepsprofiel codes compare in upper case, as VDAB writes them. */
export function beroepscode(code: string): string {
  return code.trim().toUpperCase();
}

/** The list of the reference date's year: the one that says what is a knelpuntberoep "this year". */
export async function leesKnelpunten(
  client: Pick<VdabClient, 'knelpuntberoepen'>,
  jaar: number,
): Promise<Knelpuntlijst> {
  const { records, bevindingen } = await client.knelpuntberoepen(jaar);
  return {
    jaar,
    beroepen: new Map(records.map((b) => [beroepscode(b.beroepsprofielCode), b])),
    bevindingen,
  };
}
