import { celId, type Gebied } from '@duaal-graph/domein';
import { PartnerError, waardeAlsTekst, type Bevinding, type Kwaliteit } from '@duaal-graph/subgraph-toolkit';
import type { KaziClient } from './kazi/client.ts';
import { KaziLerendeSchema, PERSOONSGEGEVENS } from './kazi/schema.ts';
import { telling, type Telling } from './onderdrukking.ts';

/**
 * What the radar needs of Kazi's lerenden, read in bulk: ZOEKEND and GESTART
 * lerenden per area where they live (regio and gemeente, the radar's two
 * scales) and opleiding, as each cell shows them. The snapshot holds no
 * personal data; the counts per school within a regio's cells are kept only to
 * decide the suppression of a regio's totals, and are never shown.
 */
export interface ZoekendenIndex {
  /** ZOEKEND, keys `celSleutel(gebied, opleidingscode)`; suppression applied. A cell not in it has none. */
  readonly perCel: ReadonlyMap<string, Telling>;
  /** GESTART, keyed and suppressed the same way. */
  readonly gestartPerCel: ReadonlyMap<string, Telling>;
  /** The counts before suppression, per cell and school, for the regio totals. */
  readonly ruw: {
    readonly zoekend: ReadonlyMap<string, CelAantallen>;
    readonly gestart: ReadonlyMap<string, CelAantallen>;
  };
  readonly kwaliteit: Kwaliteit;
}

/** A cell's ZOEKEND learners: all of them, and how many of those each school has. */
export interface CelAantallen {
  readonly aantal: number;
  /** By instellingsnummer. */
  readonly perSchool: ReadonlyMap<string, number>;
}

/** What a learner adds to the counts: no name, no birth year, no id. */
export interface GeteldeLerende {
  readonly regio: string;
  /** The NIS code of the gemeente where the learner lives, for the radar per gemeente. */
  readonly gemeente?: string;
  readonly code: string;
  readonly school: string;
  readonly zoekend: boolean;
  readonly gestart?: boolean;
}

/** The radar's cell id (`celId` of the domain): a regiocode or a NIS code, and an opleidingscode. */
export function celSleutel(gebiedscode: string, opleidingscode: string): string {
  return celId({ gebiedscode, opleidingscode });
}

function idVan(record: unknown): string | null {
  const id =
    typeof record === 'object' && record !== null ? (record as { lerendeId?: unknown }).lerendeId : null;
  return typeof id === 'string' ? id : null;
}

/** A finding on a learner record; the value of a personal field is never written down. */
function bevinding(record: unknown, veld: string | null, regel: string): Bevinding {
  const waarde =
    veld !== null && !PERSOONSGEGEVENS.has(veld) && typeof record === 'object' && record !== null
      ? waardeAlsTekst((record as Record<string, unknown>)[veld])
      : null;
  return { bron: 'KAZI', recordId: idVan(record), veld, regel, waarde };
}

/** Reads every page of `GET /lerenden` and counts; a record that breaks the contract becomes a finding. */
export async function leesZoekenden(client: KaziClient, gebied: Gebied): Promise<ZoekendenIndex> {
  const eerste = await client.lerendenPagina(1);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, eerste.totalPages - 1) }, (_, i) => client.lerendenPagina(i + 2)),
  );
  const ruw = [eerste, ...rest].flatMap((p) => p.items);

  // A learner read twice (the list moved while it was paged) counts once: the last copy wins.
  const perId = new Map<string, GeteldeLerende>();
  const bevindingen: Bevinding[] = [];
  let afgekeurd = 0;
  for (const record of ruw) {
    const gelezen = KaziLerendeSchema.safeParse(record);
    if (!gelezen.success) {
      const veld = gelezen.error.issues[0]?.path.map(String).join('.') ?? null;
      bevindingen.push(bevinding(record, veld || null, 'VORM'));
      afgekeurd += 1;
      continue;
    }
    const l = gelezen.data;
    const gemeente = gebied.gemeente(l.woonplaatsNisCode);
    if (!gemeente) {
      bevindingen.push(bevinding(record, 'woonplaatsNisCode', 'ONBEKENDE_GEMEENTE'));
      afgekeurd += 1;
      continue;
    }
    perId.set(l.lerendeId, {
      regio: gemeente.regioCode,
      gemeente: gemeente.nisCode,
      code: l.opleidingscode,
      school: l.instellingsnummer,
      zoekend: l.status === 'ZOEKEND',
      gestart: l.status === 'GESTART',
    });
  }
  if (afgekeurd * 2 > ruw.length) {
    // A changed format or a fault, not dirt: keep the older copy instead of counting almost nothing.
    throw new PartnerError(
      'KAZI',
      'INVALID_RESPONSE',
      `${afgekeurd} van ${ruw.length} lerenden breken het contract`,
    );
  }
  // Suppression is decided once per read, so that a radar question only looks the cells up.
  const onderdrukt = (tellingen: Map<string, CelAantallen>) =>
    new Map([...tellingen].map(([sleutel, c]) => [sleutel, telling(c.aantal, c.perSchool.values())]));
  const zoekend = telPerCel(perId.values());
  const gestart = telPerCel(perId.values(), 'gestart');
  return {
    perCel: onderdrukt(zoekend),
    gestartPerCel: onderdrukt(gestart),
    ruw: { zoekend, gestart },
    kwaliteit: { aantalRecords: ruw.length, aantalAfgekeurd: afgekeurd, bevindingen },
  };
}

/** Counts the ZOEKEND (or GESTART) learners per cell, at both scales, and per school within each cell. */
export function telPerCel(
  lerenden: Iterable<GeteldeLerende>,
  welke: 'zoekend' | 'gestart' = 'zoekend',
): Map<string, CelAantallen> {
  const perCel = new Map<string, { aantal: number; perSchool: Map<string, number> }>();
  for (const lerende of lerenden) {
    if (lerende[welke] !== true) continue;
    const { regio, gemeente, code, school } = lerende;
    for (const gebied of gemeente === undefined ? [regio] : [regio, gemeente]) {
      const sleutel = celSleutel(gebied, code);
      const cel = perCel.get(sleutel) ?? { aantal: 0, perSchool: new Map<string, number>() };
      cel.aantal += 1;
      cel.perSchool.set(school, (cel.perSchool.get(school) ?? 0) + 1);
      perCel.set(sleutel, cel);
    }
  }
  return perCel;
}

const GEEN: Telling = { waarde: 0, onderdrukt: false };

/** What a cell shows; a cell without ZOEKEND learners shows 0. `gebiedscode`: a regiocode or a NIS code. */
export function tellingVanCel(index: ZoekendenIndex, gebiedscode: string, opleidingscode: string): Telling {
  return index.perCel.get(celSleutel(gebiedscode, opleidingscode)) ?? GEEN;
}

/** The GESTART learners a cell shows; 0 when it has none. */
export function gestartVanCel(index: ZoekendenIndex, gebiedscode: string, opleidingscode: string): Telling {
  return index.gestartPerCel.get(celSleutel(gebiedscode, opleidingscode)) ?? GEEN;
}

/** The learners of a regio over several opleidingen, each once, suppressed as a cell is. */
export function tellingVanRegio(
  aantallen: ReadonlyMap<string, CelAantallen>,
  regioCode: string,
  opleidingscodes: readonly string[],
): Telling {
  let aantal = 0;
  const perSchool = new Map<string, number>();
  // A learner follows one opleiding: summing the cells counts each learner once.
  for (const code of new Set(opleidingscodes)) {
    const cel = aantallen.get(celSleutel(regioCode, code));
    if (!cel) continue;
    aantal += cel.aantal;
    for (const [school, n] of cel.perSchool) perSchool.set(school, (perSchool.get(school) ?? 0) + n);
  }
  return telling(aantal, perSchool.values());
}
