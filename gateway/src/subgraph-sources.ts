import {
  BRONNEN,
  SourceUsage,
  type Bron,
  type BronStatus,
  type Gebruiker,
  type Reden,
} from '@duaal-graph/subgraph-toolkit';

/** The sources behind each subgraph: when a subgraph cannot be reached, these are what the caller misses. */
export const SOURCES_PER_SUBGRAPH: Readonly<Record<string, readonly Bron[]>> = {
  erkenningen: ['VOLTA', 'EDUCAM', 'CONSTRUCTIV', 'MTECH', 'WOODWIZE', 'KBO'],
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
  readonly bronnen: SourceUsage;
}

const TOESTANDEN: readonly string[] = ['ACTUEEL', 'VEROUDERD', 'ONBESCHIKBAAR'];
const REDENEN: readonly string[] = [
  'TIMEOUT',
  'DOWN',
  'RATE_LIMITED',
  'INVALID_RESPONSE',
  'ERROR',
  'CIRCUIT_OPEN',
];

/** A subgraph's report on one source, as the contract shapes it; anything else it might carry stays behind. */
function alsBronStatus(waarde: unknown): BronStatus | null {
  if (typeof waarde !== 'object' || waarde === null) return null;
  const { bron, toestand, bijgewerktOp, reden } = waarde as Record<string, unknown>;
  if (typeof bron !== 'string' || !(BRONNEN as readonly string[]).includes(bron)) return null;
  if (typeof toestand !== 'string' || !TOESTANDEN.includes(toestand)) return null;
  return {
    bron: bron as Bron,
    toestand: toestand as BronStatus['toestand'],
    bijgewerktOp: typeof bijgewerktOp === 'string' ? bijgewerktOp : null,
    ...(typeof reden === 'string' && REDENEN.includes(reden) ? { reden: reden as Reden } : {}),
  };
}

/** Takes the `extensions.bronnen` a subgraph answered with into the request's account. */
export function takeOverSources(
  context: GatewayContext,
  extensions: Record<string, unknown> | undefined,
): void {
  const lijst = extensions?.['bronnen'];
  if (!Array.isArray(lijst)) return;
  for (const waarde of lijst) {
    const status = alsBronStatus(waarde);
    if (status) context.bronnen.meld(status);
  }
}

/** A subgraph that could not be reached: its sources are unavailable to this request. */
export function subgraphUnreachable(context: GatewayContext, subgraph: string, reden: Reden = 'DOWN'): void {
  for (const bron of SOURCES_PER_SUBGRAPH[subgraph] ?? [])
    context.bronnen.meld({ bron, toestand: 'ONBESCHIKBAAR', bijgewerktOp: null, reden });
}
