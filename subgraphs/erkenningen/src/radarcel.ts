import { celId, leesCelId } from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';

/** The index key of the cell a radar representation names; an id the radar never gives out is bad input. */
export function celVanRadar(id: string): string {
  const cel = leesCelId(id);
  if (!cel) throw badUserInput('representations', `onbekende radarcel ${id}`);
  return celId(cel);
}
