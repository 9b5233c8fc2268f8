import type { Gebied } from '@duaal-graph/domein';
import { PartnerFout, waardeAlsTekst, type Bevinding, type Kwaliteit } from '@duaal-graph/domein/subgraaf';
import type { KaziClient } from './kazi/client.ts';
import { KaziLerendeSchema, PERSOONSGEGEVENS } from './kazi/schema.ts';

/**
 * What the radar needs of Kazi, read in bulk: ZOEKEND lerenden per region (where
 * they live) and opleiding. Only counts are kept: the snapshot holds no
 * personal data at all.
 */
export interface ZoekendenIndex {
  /** Keys `${regioCode}|${opleidingscode}`. */
  readonly perCel: ReadonlyMap<string, number>;
  readonly kwaliteit: Kwaliteit;
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
  const perId = new Map<string, { regio: string; code: string; zoekend: boolean }>();
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
      zoekend: l.status === 'ZOEKEND',
    });
  }
  if (afgekeurd * 2 > ruw.length) {
    // A changed format or a fault, not dirt: keep the older copy instead of counting almost nothing.
    throw new PartnerFout(
      'KAZI',
      'INVALID_RESPONSE',
      `${afgekeurd} van ${ruw.length} lerenden breken het contract`,
    );
  }
  const perCel = new Map<string, number>();
  for (const { regio, code, zoekend } of perId.values()) {
    if (!zoekend) continue;
    const sleutel = celSleutel(regio, code);
    perCel.set(sleutel, (perCel.get(sleutel) ?? 0) + 1);
  }
  return { perCel, kwaliteit: { aantalRecords: ruw.length, aantalAfgekeurd: afgekeurd, bevindingen } };
}

/** The contract's rule for learner counts: 1 to 4 is never shown, to anyone. */
export function telling(aantal: number): { waarde: number | null; onderdrukt: boolean } {
  return aantal >= 1 && aantal <= 4
    ? { waarde: null, onderdrukt: true }
    : { waarde: aantal, onderdrukt: false };
}
