import {
  BronGebruik,
  BRONNEN,
  type Bron,
  type BronStatus,
  type Gebruiker,
} from '@duaal-graph/domein/subgraaf';

/** The sources behind each subgraph: when a subgraph cannot be reached, these are what the caller misses. */
export const BRONNEN_PER_SUBGRAAF: Readonly<Record<string, readonly Bron[]>> = {
  erkenningen: ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE'],
  onderwijsaanbod: ['ONDERWIJS'],
  radar: ['ONDERWIJS'],
  vacatures: ['VDAB'],
  matching: ['KAZI'],
};

export interface GatewayContext {
  /** The caller's `Authorization` header, forwarded to every subgraph. */
  readonly autorisatie: string | undefined;
  /** The verified caller (the public without a token). */
  readonly gebruiker: Gebruiker;
  readonly bronnen: BronGebruik;
}

function isBronStatus(waarde: unknown): waarde is BronStatus {
  if (typeof waarde !== 'object' || waarde === null) return false;
  const { bron, toestand } = waarde as Record<string, unknown>;
  return (
    typeof bron === 'string' && (BRONNEN as readonly string[]).includes(bron) && typeof toestand === 'string'
  );
}

/** Takes the `extensions.bronnen` a subgraph answered with into the request's account. */
export function neemBronnenOver(
  context: GatewayContext,
  extensions: Record<string, unknown> | undefined,
): void {
  const lijst = extensions?.['bronnen'];
  if (!Array.isArray(lijst)) return;
  for (const status of lijst) if (isBronStatus(status)) context.bronnen.meld(status);
}

/** A subgraph that could not be reached: its sources are unavailable to this request. */
export function subgraafOnbereikbaar(context: GatewayContext, subgraaf: string): void {
  for (const bron of BRONNEN_PER_SUBGRAAF[subgraaf] ?? [])
    context.bronnen.meld({ bron, toestand: 'ONBESCHIKBAAR', bijgewerktOp: null }, 'DOWN');
}
