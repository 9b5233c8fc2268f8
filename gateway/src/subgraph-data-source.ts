import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { graphError, partnerUnavailable, type ServiceMetrics } from '@duaal-graph/subgraph-toolkit';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  SOURCES_PER_SUBGRAPH,
  subgraphUnreachable,
  takeOverSources,
  type GatewayContext,
} from './subgraph-sources.ts';
import { unansweredEntities } from './unanswered-entities.ts';

/** One keep-alive connection pool to all subgraphs, shared by every data source. */
const verbindingen = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 64 });

function metTimeout(timeoutMs: number) {
  return (url: string, init?: Record<string, unknown>) =>
    undiciFetch(url, {
      ...(init ?? {}),
      dispatcher: verbindingen,
      signal: AbortSignal.timeout(timeoutMs),
    });
}

function gatewayContext(context: unknown): GatewayContext | undefined {
  return typeof context === 'object' && context !== null && 'bronnen' in context
    ? (context as GatewayContext)
    : undefined;
}

/**
 * Calls one subgraph: forwards the caller's bearer token, takes the subgraph's
 * `extensions.bronnen` into the response, and turns an unreachable subgraph into
 * PARTNER_UNAVAILABLE for the sources behind it, so that the rest of the answer stands.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    timeoutMs: number,
    private readonly metrics?: ServiceMetrics,
  ) {
    // The gateway's fetcher type is node-fetch's; undici's fetch speaks the same protocol.
    super({ url, fetcher: metTimeout(timeoutMs) as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const autorisatie = gatewayContext(context)?.autorisatie;
    if (autorisatie) request.http?.headers.set('authorization', autorisatie);
  }

  override didReceiveResponse({
    response,
    context,
  }: Required<
    Pick<GatewayGraphQLRequestContext<GatewayContext>, 'request' | 'response' | 'context'>
  >): GatewayGraphQLResponse {
    const ctx = gatewayContext(context);
    if (ctx) takeOverSources(ctx, response.extensions as Record<string, unknown> | undefined);
    return response;
  }

  /**
   * An `_entities` fetch the subgraph could not answer is answered here, with its
   * fields null (unanswered-entities.ts), so that the rest of each entity, and
   * what other subgraphs compute from it, stands.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const begin = performance.now();
    let outcome = 'unreachable';
    try {
      const antwoord = await this.answer(options);
      outcome = (antwoord.errors ?? []).length === 0 ? 'ok' : 'errors';
      return antwoord;
    } finally {
      this.metrics?.subgraphFetches.inc({ subgraph: this.subgraph, outcome });
      this.metrics?.subgraphFetchDuration.observe(
        { subgraph: this.subgraph },
        (performance.now() - begin) / 1000,
      );
    }
  }

  private async answer(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (fout) {
      if (!(fout instanceof GraphQLError) || fout.extensions['code'] !== 'PARTNER_UNAVAILABLE') throw fout;
      const antwoord = unansweredEntities(options.request, {
        message: fout.message,
        extensions: fout.extensions,
      });
      if (!antwoord) throw fout;
      return antwoord;
    }
  }

  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    fetchResponse?: unknown,
    context?: GatewayContext,
  ): void {
    const reden = fetchResponse ? 'ERROR' : 'DOWN';
    const ctx = gatewayContext(context);
    if (ctx) subgraphUnreachable(ctx, this.subgraph, reden);
    const bron = SOURCES_PER_SUBGRAPH[this.subgraph]?.[0];
    // The message names the source, not the subgraph: which process serves what is the graph's own business.
    const fout = bron ? partnerUnavailable(bron, reden) : null;
    throw graphError(
      'PARTNER_UNAVAILABLE',
      fout?.message ?? 'Een deel van de graaf is niet bereikbaar.',
      { bron, subgraph: this.subgraph, reden },
      error,
    );
  }
}
