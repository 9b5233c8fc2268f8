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
  /**
   * The date of the measurement the cell comes from (`YYYY-MM-DD`), for a radar
   * of the past (`op:`); absent for the radar of now. A cell of another day is
   * another entity: a client cache must not take one for the other.
   */
  readonly op?: string;
}

const SCHEIDING = '|';

export function celId(cel: CelIdentiteit): string {
  const id = `${cel.gebiedscode}${SCHEIDING}${cel.opleidingscode}`;
  return cel.op === undefined ? id : `${id}${SCHEIDING}${cel.op}`;
}

/** The parts of a cell id, or null when it is no cell id. */
export function leesCelId(id: string): CelIdentiteit | null {
  const delen = id.split(SCHEIDING);
  const [gebiedscode, opleidingscode, op] = delen;
  if (delen.length < 2 || delen.length > 3 || !gebiedscode || !opleidingscode) return null;
  if (op === undefined) return { gebiedscode, opleidingscode };
  return /^\d{4}-\d{2}-\d{2}$/.test(op) ? { gebiedscode, opleidingscode, op } : null;
}

/** Whether a gebiedscode names a gemeente (a NIS code) rather than a regio. */
export function isNisCode(gebiedscode: string): boolean {
  return /^[1-9]\d{4}$/.test(gebiedscode);
}
