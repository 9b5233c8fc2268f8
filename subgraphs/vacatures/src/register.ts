import type { OnderwijsregisterClient } from '@duaal-graph/subgraph-toolkit';
import { beroepscode } from './knelpunten.ts';

/** Per opleidingscode, the beroepsprofiel codes its vacatures carry: what a radar cell counts by. */
export type BeroepenPerOpleiding = ReadonlyMap<string, readonly string[]>;

/**
 * Reads the register's opleidingen. Their data-quality findings are
 * onderwijsaanbod's to report; an opleiding that breaks the register's
 * contract has no vacatures here.
 */
export async function leesBeroepenPerOpleiding(
  client: Pick<OnderwijsregisterClient, 'opleidingen'>,
): Promise<BeroepenPerOpleiding> {
  const { records } = await client.opleidingen();
  return new Map(
    records.map((o) => [o.opleidingscode, [...new Set(o.beroepsprofielCodes.map(beroepscode))]]),
  );
}
