import { registerKennisUit } from '../bronnen/register.ts';
import type { SectorLezing } from '../model.ts';
import { normContext } from './regels.ts';

/** Test data for the rules: a small register and the reference date of the contract tests. */

export const REFERENTIEDATUM = '2026-11-01';

const opleiding = (opleidingscode: string, bk: string[]) => ({
  opleidingscode,
  naam: opleidingscode,
  niveau: 'SECUNDAIR' as const,
  graad: 3,
  finaliteit: 'ARBEIDSMARKT' as const,
  beroepskwalificaties: bk.map((code) => ({ code, naam: code })),
  beroepsprofielCodes: [],
  paritaireComites: [],
});

export const REGISTER = registerKennisUit([
  opleiding('DS-ELT-3', ['BK-0417-4']),
  opleiding('DS-EIM-3', ['BK-0417-4']),
  opleiding('DS-AUT-3', ['BK-0101-4']),
  opleiding('DS-RWB-2', ['BK-0200-3']),
  opleiding('DS-CNC-3', ['BK-0300-4']),
  opleiding('DS-SWH-3', ['BK-0500-4']),
]);

export const CTX = normContext(REGISTER, REFERENTIEDATUM);

/** Valid identifiers (mod 97) and one that fails. */
export const KBO = '0403170701';
export const KBO_2 = '0403019261';
export const KBO_FOUT = '0403170702';
export const VESTIGING = '2145678996';
export const VESTIGING_FOUT = '2145678997';

export function lezing<R>(records: R[], extra: Partial<SectorLezing<R>> = {}): SectorLezing<R> {
  return { records, bevindingen: [], aantalRecords: records.length, ...extra };
}
