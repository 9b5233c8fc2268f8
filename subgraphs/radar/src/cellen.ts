import {
  celId,
  leesCelId,
  isNisCode,
  normaliseerNisCode,
  type Gebied,
  type Provincie,
  type Regio,
} from '@duaal-graph/domein';
import { badUserInput } from '@duaal-graph/subgraph-toolkit';

export type RadarSchaal = 'REGIO' | 'GEMEENTE';

/** A cell as the radar hands it to the gateway: its key and what the radar itself answers. */
export interface Cel {
  readonly id: string;
  readonly regioCode: string;
  readonly opleidingscode: string;
  /** The gemeente of a cell at scale GEMEENTE; null at scale REGIO. */
  readonly nisCode: string | null;
}

export interface RadarFilter {
  readonly regioCode?: string | null;
  readonly nisCode?: string | null;
  readonly opleidingscode?: string | null;
}

/** The filter checked and in canonical notation; an unknown code is the caller's mistake, never an empty radar. */
interface GeldigeFilter {
  readonly regioCode: string | null;
  readonly nisCode: string | null;
  readonly opleidingscode: string | null;
}

function geldigeFilter(
  filter: RadarFilter | null | undefined,
  gebied: Gebied,
  /** Null while the register was never read: then no code can be called unknown. */
  opleidingscodes: ReadonlySet<string> | null,
): GeldigeFilter {
  let regioCode: string | null = null;
  let nisCode: string | null = null;
  let opleidingscode: string | null = null;
  if (filter?.regioCode !== undefined && filter.regioCode !== null) {
    regioCode = filter.regioCode.trim().toUpperCase();
    if (!gebied.regio(regioCode))
      throw badUserInput('filter.regioCode', `onbekende regio ${filter.regioCode}, zie Query.regios`);
  }
  if (filter?.nisCode !== undefined && filter.nisCode !== null) {
    nisCode = normaliseerNisCode(filter.nisCode);
    if (!nisCode) throw badUserInput('filter.nisCode', 'vijf cijfers, bv. 34022');
    if (!gebied.gemeente(nisCode)) throw badUserInput('filter.nisCode', `onbekende gemeente ${nisCode}`);
  }
  if (filter?.opleidingscode !== undefined && filter.opleidingscode !== null) {
    opleidingscode = filter.opleidingscode.trim();
    if (opleidingscodes && !opleidingscodes.has(opleidingscode))
      throw badUserInput('filter.opleidingscode', `onbekende opleiding ${filter.opleidingscode}`);
  }
  return { regioCode, nisCode, opleidingscode };
}

/**
 * The cells of a radar question, filtered on what the radar itself knows (area
 * and opleiding), in the contract's order: by regio code (at scale GEMEENTE by
 * NIS code), then opleidingscode.
 */
export function radarCellen(
  gebied: Gebied,
  vraag: {
    readonly provincie: Provincie;
    readonly per: RadarSchaal;
    readonly filter?: RadarFilter | null;
  },
  /** The opleidingen of the niveau asked, sorted. */
  codes: readonly string[],
  /** Every opleiding the register holds, to tell an unknown code from one of another niveau. */
  alleCodes: ReadonlySet<string> | null,
): Cel[] {
  const filter = geldigeFilter(vraag.filter, gebied, alleCodes);
  const regioVanNis = filter.nisCode ? (gebied.gemeente(filter.nisCode)?.regioCode ?? null) : null;
  const regios = gebied.regios
    .filter((r) => r.provincie === vraag.provincie)
    .filter((r) => filter.regioCode === null || r.code === filter.regioCode)
    .filter((r) => regioVanNis === null || r.code === regioVanNis)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const opleidingen =
    filter.opleidingscode === null ? codes : codes.filter((c) => c === filter.opleidingscode);
  if (vraag.per === 'REGIO') return regioCellen(regios, opleidingen);
  const gemeenten = regios
    .flatMap((r) => gebied.gemeentenVanRegio(r.code))
    .filter((g) => filter.nisCode === null || g.nisCode === filter.nisCode)
    .sort((a, b) => (a.nisCode < b.nisCode ? -1 : a.nisCode > b.nisCode ? 1 : 0));
  return gemeenten.flatMap((g) =>
    opleidingen.map((opleidingscode) => ({
      id: celId({ gebiedscode: g.nisCode, opleidingscode }),
      regioCode: g.regioCode,
      opleidingscode,
      nisCode: g.nisCode,
    })),
  );
}

export function regioCellen(regios: readonly Regio[], opleidingscodes: readonly string[]): Cel[] {
  return regios.flatMap((r) =>
    opleidingscodes.map((opleidingscode) => ({
      id: celId({ gebiedscode: r.code, opleidingscode }),
      regioCode: r.code,
      opleidingscode,
      nisCode: null,
    })),
  );
}

/** The cell a representation names, or a BAD_USER_INPUT for an id the radar never gave out. */
export function celVanId(id: string, gebied: Gebied): Cel {
  const delen = leesCelId(id);
  if (delen) {
    const { gebiedscode, opleidingscode } = delen;
    if (isNisCode(gebiedscode)) {
      const gemeente = gebied.gemeente(gebiedscode);
      if (gemeente) return { id, regioCode: gemeente.regioCode, opleidingscode, nisCode: gebiedscode };
    } else if (gebied.regio(gebiedscode))
      return { id, regioCode: gebiedscode, opleidingscode, nisCode: null };
  }
  throw badUserInput('representations', `onbekende radarcel ${id}`);
}
