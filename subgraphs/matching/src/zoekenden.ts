import type { Gebied } from '@duaal-graph/domein';
import { PartnerError, waardeAlsTekst, type Bevinding, type Kwaliteit } from '@duaal-graph/subgraph-toolkit';
import type { KaziClient } from './kazi/client.ts';
import { KaziLerendeSchema, PERSOONSGEGEVENS } from './kazi/schema.ts';
import { telling, type Telling } from './onderdrukking.ts';

/**
 * What the radar needs of Kazi, read in bulk: ZOEKEND lerenden per region (where
 * they live) and opleiding, as each cell shows them. Only what is shown is
 * kept: the snapshot holds no personal data and no count per school.
 */
export interface ZoekendenIndex {
  /** Keys `${regioCode}|${opleidingscode}`; suppression already applied. A cell not in it has no ZOEKEND learner. */
  readonly perCel: ReadonlyMap<string, Telling>;
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
  readonly code: string;
  readonly school: string;
  readonly zoekend: boolean;
}

export function celSleutel(regioCode: string, opleidingscode: string): string {
  return `${regioCode}|${opleidingscode}`;
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
      code: l.opleidingscode,
      school: l.instellingsnummer,
      zoekend: l.status === 'ZOEKEND',
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
  const perCel = new Map<string, Telling>();
  for (const [sleutel, { aantal, perSchool }] of telPerCel(perId.values()))
    perCel.set(sleutel, telling(aantal, perSchool.values()));
  return { perCel, kwaliteit: { aantalRecords: ruw.length, aantalAfgekeurd: afgekeurd, bevindingen } };
}

/** Counts the ZOEKEND learners per cell, and per school within each cell. */
export function telPerCel(lerenden: Iterable<GeteldeLerende>): Map<string, CelAantallen> {
  const perCel = new Map<string, { aantal: number; perSchool: Map<string, number> }>();
  for (const { regio, code, school, zoekend } of lerenden) {
    if (!zoekend) continue;
    const sleutel = celSleutel(regio, code);
    const cel = perCel.get(sleutel) ?? { aantal: 0, perSchool: new Map<string, number>() };
    cel.aantal += 1;
    cel.perSchool.set(school, (cel.perSchool.get(school) ?? 0) + 1);
    perCel.set(sleutel, cel);
  }
  return perCel;
}

const GEEN: Telling = { waarde: 0, onderdrukt: false };

/** What a cell shows; a cell without ZOEKEND learners shows 0. */
export function tellingVanCel(index: ZoekendenIndex, regioCode: string, opleidingscode: string): Telling {
  return index.perCel.get(celSleutel(regioCode, opleidingscode)) ?? GEEN;
}
