import type { Gebied, Provincie } from '@duaal-graph/domein';
import { badUserInput, type RegisterOpleiding } from '@duaal-graph/subgraph-toolkit';
import type { RadarMaat, Telling } from './signalen.ts';

/**
 * A regio's totals over the opleidingen of a niveau (or all). The radar hands
 * out the regio and the opleidingscodes; each owner counts distinct things
 * over those codes (`@requires(fields: "opleidingscodes")`).
 */
export interface RegioTotaal {
  readonly id: string;
  readonly regioCode: string;
  readonly opleidingscodes: readonly string[];
}

/** The niveau part of a total's id when it covers every niveau. */
export const ALLE_NIVEAUS = 'ALLE';

function opleidingscodesVan(register: readonly RegisterOpleiding[], niveau: string | null): string[] {
  return register
    .filter((o) => niveau === null || o.niveau === niveau)
    .map((o) => o.opleidingscode)
    .sort();
}

export function regioTotalen(
  gebied: Gebied,
  provincie: Provincie,
  niveau: string | null,
  register: readonly RegisterOpleiding[],
): RegioTotaal[] {
  const opleidingscodes = opleidingscodesVan(register, niveau);
  return gebied.regios
    .filter((r) => r.provincie === provincie)
    .map((r) => r.code)
    .sort()
    .map((regioCode) => ({ id: `${regioCode}|${niveau ?? ALLE_NIVEAUS}`, regioCode, opleidingscodes }));
}

export function totaalVanId(id: string, gebied: Gebied, register: readonly RegisterOpleiding[]): RegioTotaal {
  const [regioCode = '', niveau = ''] = id.split('|');
  if (!gebied.regio(regioCode) || !niveau)
    throw badUserInput('representations', `onbekend regiototaal ${id}`);
  return {
    id,
    regioCode,
    opleidingscodes: opleidingscodesVan(register, niveau === ALLE_NIVEAUS ? null : niveau),
  };
}

/** The totals as the radar receives them through `@requires`: null or absent is not known. */
export interface TotaalTellingen {
  readonly aantalErkendeLeerwerkplekken?: number | null;
  readonly aantalActieveLeerwerkplekken?: number | null;
  readonly aantalAanbieders?: number | null;
  readonly aantalOpleidingenMetAanbod?: number | null;
  readonly aantalVacatures?: number | null;
  readonly aantalDualeVacatures?: number | null;
  readonly aantalZoekendeLerenden?: Telling | null;
  readonly aantalGestarteLerenden?: Telling | null;
}

const bekend = (w: unknown) => w !== null && w !== undefined;
const lerendenBekend = (t: Telling | null | undefined) => !!t && (t.onderdrukt || t.waarde !== null);

/** The measures of a total that are not known, in the order of `enum RadarMaat`. */
export function onbekendVanTotaal(t: TotaalTellingen): RadarMaat[] {
  const onbekend: RadarMaat[] = [];
  if (!bekend(t.aantalAanbieders) || !bekend(t.aantalOpleidingenMetAanbod)) onbekend.push('AANBOD');
  if (!bekend(t.aantalErkendeLeerwerkplekken)) onbekend.push('ERKENDE_LEERWERKPLEKKEN');
  if (!bekend(t.aantalVacatures) || !bekend(t.aantalDualeVacatures)) onbekend.push('VACATURES');
  if (!lerendenBekend(t.aantalZoekendeLerenden)) onbekend.push('ZOEKENDE_LERENDEN');
  if (!lerendenBekend(t.aantalGestarteLerenden)) onbekend.push('GESTARTE_LERENDEN');
  if (!bekend(t.aantalActieveLeerwerkplekken)) onbekend.push('ACTIEVE_LEERWERKPLEKKEN');
  return onbekend;
}
