import type { OnderwijsregisterClient, RegisterOpleiding } from '@duaal-graph/subgraph-toolkit';
import type { RegisterKennis, Sector } from '../model.ts';
import { erkenningsbronnenVan } from './paritairecomites.ts';

/** The register's opleidingen as the rules need them: the known codes, and BK code → opleidingen (Educam's cross-walk). */
export function registerKennisUit(opleidingen: readonly RegisterOpleiding[]): RegisterKennis {
  const perBk = new Map<string, string[]>();
  for (const o of opleidingen) {
    for (const bk of o.beroepskwalificaties) {
      const lijst = perBk.get(bk.code) ?? [];
      if (!lijst.includes(o.opleidingscode)) lijst.push(o.opleidingscode);
      perBk.set(bk.code, lijst);
    }
  }
  for (const lijst of perBk.values()) lijst.sort();
  const sectoren = new Map<string, readonly Sector[]>(
    opleidingen.map((o) => [o.opleidingscode, erkenningsbronnenVan(o.paritaireComites)]),
  );
  return {
    opleidingscodes: new Set(opleidingen.map((o) => o.opleidingscode)),
    opleidingenPerBk: perBk,
    erkenningsbronnen: sectoren,
  };
}

/**
 * Reads the register's opleidingen. Its own data-quality findings are
 * onderwijsaanbod's to report (`onderwijsbron`); an opleiding that breaks the
 * register's contract is simply unknown here.
 */
export async function leesRegisterKennis(client: OnderwijsregisterClient): Promise<RegisterKennis> {
  const { records } = await client.opleidingen();
  return registerKennisUit(records);
}
