import type { ApolloServerPlugin } from '@apollo/server';
import { BronGebruik, BRONNEN, type Bron, type BronStatus } from '@duaal-graph/domein/subgraaf';

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

/**
 * Gathers `extensions.bronnen` from every subgraph answer into the gateway's
 * response, and leaves exactly one PARTNER_UNAVAILABLE error per unavailable
 * source (a subgraph called twice in one plan reports its sources twice).
 */
export function gatewayBronnenPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const resultaat = response.body.singleResult;
          resultaat.extensions = { ...resultaat.extensions, bronnen: contextValue.bronnen.lijst() };
          const gemeld = new Set<string>();
          const fouten = (resultaat.errors ?? []).filter((fout) => {
            if (fout.extensions?.['code'] !== 'PARTNER_UNAVAILABLE') return true;
            const bron = String(fout.extensions['bron']);
            if (gemeld.has(bron)) return false;
            gemeld.add(bron);
            return true;
          });
          for (const fout of contextValue.bronnen.fouten()) {
            const bron = String(fout.extensions['bron']);
            if (!gemeld.has(bron)) fouten.push({ message: fout.message, extensions: fout.extensions });
            gemeld.add(bron);
          }
          if (fouten.length > 0) resultaat.errors = fouten;
          return Promise.resolve();
        },
      }),
  };
}
