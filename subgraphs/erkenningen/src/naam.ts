import type { Bron } from '@duaal-graph/subgraph-toolkit';
import type { OndernemingInfo } from './erkenningsindex.ts';
import type { KboOverzicht } from './kbo/weergave.ts';

export interface Naamkeuze {
  readonly naam: string | null;
  readonly naamBron: Bron | null;
}

/**
 * `Onderneming.naam` by the contract's chain: the register's Dutch legal name
 * (else in any language); else the sector databanks', the first in the order
 * of `enum Sector` (as far as the caller may see their erkenningen); else the
 * name of the company's most recent VDAB vacature as WERKGEVER (which the
 * vacatures subgraph gives, `Onderneming.vacatureNaam`); else none.
 */
export function kiesNaam(
  register: Pick<KboOverzicht, 'naam'> | undefined,
  ondernemingsnummer: string,
  info: Pick<OndernemingInfo, 'naam' | 'naamSector'> | undefined,
  vacatureNaam: string | null | undefined,
): Naamkeuze {
  const kbo = register ? register.naam(ondernemingsnummer) : null;
  if (kbo !== null) return { naam: kbo, naamBron: 'KBO' };
  if (info?.naam && info.naamSector) return { naam: info.naam, naamBron: info.naamSector };
  if (vacatureNaam) return { naam: vacatureNaam, naamBron: 'VDAB' };
  return { naam: null, naamBron: null };
}
