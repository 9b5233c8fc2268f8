/** Reads settings from the environment with their development defaults; a bad value stops the service with a clear message. */

export function tekstUit(omgeving: NodeJS.ProcessEnv, naam: string, standaard: string): string {
  const waarde = omgeving[naam];
  return waarde === undefined || waarde.trim() === '' ? standaard : waarde.trim();
}

export function getalUit(
  omgeving: NodeJS.ProcessEnv,
  naam: string,
  standaard: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const tekst = omgeving[naam]?.trim();
  if (tekst === undefined || tekst === '') return standaard;
  const waarde = Number(tekst);
  if (!Number.isFinite(waarde) || waarde < min || waarde > max)
    throw new Error(`${naam} must be a number from ${min} to ${max}, got "${tekst}"`);
  return waarde;
}

/** Where the mock partners run by default, so that `npm start` needs no settings. */
export const STANDAARD_PARTNERS = 'http://localhost:4100';
