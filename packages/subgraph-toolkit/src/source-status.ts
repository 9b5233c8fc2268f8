import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { graphError } from './error-codes.ts';

/** The partner systems, as the graph names them (`enum Bron`). */
export const BRONNEN = [
  'VOLTA',
  'EDUCAM',
  'CONSTRUCTIV',
  'MTECH',
  'WOODWIZE',
  'ONDERWIJS',
  'VDAB',
  'KAZI',
  'KBO',
] as const;
export type Bron = (typeof BRONNEN)[number];

export type BronToestand = 'ACTUEEL' | 'VEROUDERD' | 'ONBESCHIKBAAR';

/**
 * Why a partner could not be read (`extensions.reden` of PARTNER_UNAVAILABLE);
 * CIRCUIT_OPEN: not asked at all, its circuit breaker is open after repeated failures.
 */
export type Reden = 'TIMEOUT' | 'DOWN' | 'RATE_LIMITED' | 'INVALID_RESPONSE' | 'ERROR' | 'CIRCUIT_OPEN';

/** One source as a response reports it in `extensions.bronnen`. */
export interface BronStatus {
  readonly bron: Bron;
  readonly toestand: BronToestand;
  /** When the data answered from was read from the partner; null when it never was. */
  readonly bijgewerktOp: string | null;
  /** Why the source is not ACTUEEL (one of the PARTNER_UNAVAILABLE reasons); absent when it is. */
  readonly reden?: Reden;
}

const ERNST: Record<BronToestand, number> = { ACTUEEL: 0, VEROUDERD: 1, ONBESCHIKBAAR: 2 };

/** Of two reports on one source, the one that tells the caller most about what may be missing. */
export function mostSevere(a: BronStatus, b: BronStatus): BronStatus {
  if (ERNST[b.toestand] !== ERNST[a.toestand]) return ERNST[b.toestand] > ERNST[a.toestand] ? b : a;
  return (a.bijgewerktOp ?? '') <= (b.bijgewerktOp ?? '') ? a : b;
}

export function partnerUnavailable(bron: Bron, reden: Reden, detail?: string): GraphQLError {
  return graphError(
    'PARTNER_UNAVAILABLE',
    `Bron ${bron} is niet beschikbaar (${reden})${detail ? `: ${detail}` : ''}.`,
    { bron, reden },
  );
}

/**
 * What one request used: every source it answered from with that source's state,
 * and one PARTNER_UNAVAILABLE error per source it could not read. Resolvers
 * report here; the plugin below writes it into the response.
 */
export class SourceUsage {
  private readonly gebruikt = new Map<Bron, BronStatus>();
  private readonly onbeschikbaar = new Map<Bron, Reden>();
  private readonly live = new Set<Bron>();
  private opslagGelezen = false;

  meld(status: BronStatus, reden: Reden = status.reden ?? 'ERROR'): void {
    const eerder = this.gebruikt.get(status.bron);
    this.gebruikt.set(status.bron, eerder ? mostSevere(eerder, status) : status);
    if (status.toestand === 'ONBESCHIKBAAR' && !this.onbeschikbaar.has(status.bron))
      this.onbeschikbaar.set(status.bron, reden);
  }

  /**
   * The request read this source live, not from a copy: the next read may answer
   * otherwise, so no one may keep the answer (the gateway's response cache).
   */
  meldLive(bron: Bron): void {
    this.live.add(bron);
  }

  /**
   * The request read the graph's own store (the radar's measurements), which a
   * new measurement changes without any source's version changing: no one may
   * keep the answer either. Named `OPSLAG` among the live reads.
   */
  meldOpslag(): void {
    this.opslagGelezen = true;
  }

  /** The sources read live for this request, and `OPSLAG` when it read the store. */
  liveBronnen(): (Bron | 'OPSLAG')[] {
    return this.opslagGelezen ? [...this.live, 'OPSLAG'] : [...this.live];
  }

  lijst(): BronStatus[] {
    return [...this.gebruikt.values()].sort((a, b) => BRONNEN.indexOf(a.bron) - BRONNEN.indexOf(b.bron));
  }

  fouten(): GraphQLError[] {
    return [...this.onbeschikbaar].map(([bron, reden]) => partnerUnavailable(bron, reden));
  }
}

export interface WithSources {
  readonly bronnen: SourceUsage;
}

/**
 * Writes `extensions.bronnen` into every response, and leaves exactly one
 * PARTNER_UNAVAILABLE error per unavailable source: in a subgraph the ones its
 * resolvers reported; in the gateway also those the subgraphs answered with (a
 * subgraph called twice in one plan reports its sources twice).
 */
export function sourcesPlugin<C extends WithSources>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const resultaat = response.body.singleResult;
          const live = contextValue.bronnen.liveBronnen();
          resultaat.extensions = {
            ...resultaat.extensions,
            bronnen: contextValue.bronnen.lijst(),
            // Only where a source was read live: what keeps answers (the gateway's cache) must not keep this one.
            ...(live.length > 0 ? { live } : {}),
          };
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
            if (gemeld.has(bron)) continue;
            gemeld.add(bron);
            fouten.push({ message: fout.message, extensions: fout.extensions });
          }
          if (fouten.length > 0) resultaat.errors = fouten;
          return Promise.resolve();
        },
      }),
  };
}
