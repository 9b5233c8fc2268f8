/**
 * The identity of a radar cell, shared by the radar and every subgraph that
 * adds its counts to a cell. A cell covers one area (a regio at scale REGIO, a
 * gemeente at scale GEMEENTE) and one opleiding. The id is opaque to callers;
 * it is one string so that the federation key stays one field, and a later
 * part (a measurement date, say) can be appended without changing the key.
 */
export interface CelIdentiteit {
  /** A regiocode (letters) or a NIS code (five digits): the two never look alike. */
  readonly gebiedscode: string;
  readonly opleidingscode: string;
}

const SCHEIDING = '|';

export function celId(cel: CelIdentiteit): string {
  return `${cel.gebiedscode}${SCHEIDING}${cel.opleidingscode}`;
}

/** The parts of a cell id, or null when it is no cell id. */
export function leesCelId(id: string): CelIdentiteit | null {
  const delen = id.split(SCHEIDING);
  const [gebiedscode, opleidingscode] = delen;
  if (delen.length !== 2 || !gebiedscode || !opleidingscode) return null;
  return { gebiedscode, opleidingscode };
}

/** Whether a gebiedscode names a gemeente (a NIS code) rather than a regio. */
export function isNisCode(gebiedscode: string): boolean {
  return /^[1-9]\d{4}$/.test(gebiedscode);
}
