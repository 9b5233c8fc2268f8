import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  graphError,
  partnerUnavailable,
  type Reden,
  type ServiceMetrics,
} from '@duaal-graph/subgraph-toolkit';
import { GraphQLError } from 'graphql';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { InFlight } from './in-flight.ts';
import { noteSubgraphAnswer, noteSubgraphFailure } from './response-cache/trace.ts';
import { visibilityKey } from './response-cache/visibility.ts';
import {
  SOURCES_PER_SUBGRAPH,
  subgraphUnreachable,
  takeOverSources,
  type GatewayContext,
} from './subgraph-sources.ts';
import { unansweredEntities } from './unanswered-entities.ts';

const pools = new Map<number, Agent>();

/**
 * A subgraph's HTTP 400 that refuses the caller's input: a variable of a
 * custom scalar (a `Date`) that the gateway passes on unread, and the subgraph
 * cannot coerce. Only errors that all say BAD_USER_INPUT count; any other 400
 * is the subgraph's failure.
 */
function callerFault(tekst: string): GatewayGraphQLResponse | undefined {
  let antwoord: unknown;
  try {
    antwoord = JSON.parse(tekst);
  } catch {
    return undefined;
  }
  const errors = (antwoord as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const allemaal = errors.every(
    (fout: unknown) =>
      (fout as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'BAD_USER_INPUT',
  );
  return allemaal ? { errors } : undefined;
}

/**
 * One keep-alive connection pool to all subgraphs per timeout, shared by every
 * data source. The pool's own header and body timeouts bound a call, instead of
 * an `AbortSignal.timeout` per call, whose timer, signal and listeners every
 * call left behind for the whole timeout (30 s): garbage kept long under load.
 */
export function subgraphPool(timeoutMs: number): Agent {
  let pool = pools.get(timeoutMs);
  if (!pool) {
    pool = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connections: 64,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    pools.set(timeoutMs, pool);
  }
  return pool;
}

interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

function gatewayContext(context: unknown): GatewayContext | undefined {
  return typeof context === 'object' && context !== null && 'bronnen' in context
    ? (context as GatewayContext)
    : undefined;
}

const MUTATION = /^\s*mutation\b/;

/**
 * Calls one subgraph: forwards the caller's bearer token, takes the subgraph's
 * `extensions.bronnen` into the response, and turns an unreachable subgraph into
 * PARTNER_UNAVAILABLE for the sources behind it, so that the rest of the answer stands.
 * Identical calls under way (same body, same kind of caller) share one call;
 * mutations never do.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly inFlight = new InFlight<RawAnswer>();

  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly pool: Dispatcher,
    private readonly deduplicate = true,
    private readonly metrics?: ServiceMetrics,
  ) {
    super({ url });
  }

  /** How many calls were sent, and how many shared one under way. */
  calls(): { readonly sent: number; readonly shared: number } {
    return { sent: this.inFlight.started, shared: this.inFlight.shared };
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
      return await this.call(options);
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

  private async call(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const ctx = gatewayContext(context);
    const { http: _http, ...zonderHttp } = request;
    const body = JSON.stringify(zonderHttp);
    const autorisatie = ctx?.autorisatie;
    const verstuur = () => this.send(body, autorisatie);
    const samen =
      this.deduplicate && !MUTATION.test(request.query ?? '')
        ? `${ctx ? visibilityKey(ctx.gebruiker) : (autorisatie ?? '')}\n${body}`
        : null;
    let ruw: RawAnswer;
    try {
      ruw = await (samen === null ? verstuur() : this.inFlight.run(samen, verstuur));
    } catch (fout) {
      throw this.unreachable(fout, 'DOWN', ctx);
    }
    const geweigerd = ruw.status === 400 ? callerFault(ruw.text) : undefined;
    if (geweigerd) {
      // The caller's input, not the subgraph, is at fault: its errors are the answer, and the subgraph stays up.
      noteSubgraphFailure(ctx);
      return geweigerd;
    }
    if (ruw.status < 200 || ruw.status > 299)
      throw this.unreachable(new Error(`subgraph answered HTTP ${String(ruw.status)}`), 'ERROR', ctx);
    let antwoord: unknown;
    try {
      antwoord = JSON.parse(ruw.text);
    } catch (fout) {
      throw this.unreachable(fout, 'ERROR', ctx);
    }
    if (typeof antwoord !== 'object' || antwoord === null || Array.isArray(antwoord))
      throw this.unreachable(new Error('subgraph answered no JSON object'), 'ERROR', ctx);
    const extensions = (antwoord as { extensions?: Record<string, unknown> }).extensions;
    if (ctx) takeOverSources(ctx, extensions);
    noteSubgraphAnswer(ctx, this.subgraph, extensions);
    // Checked above to be a JSON object: what the gateway's executor reads of it, it checks itself.
    const antwoordObject: GatewayGraphQLResponse = antwoord;
    return antwoordObject;
  }

  private async send(body: string, autorisatie: string | undefined): Promise<RawAnswer> {
    const antwoord = await undiciRequest(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(autorisatie ? { authorization: autorisatie } : {}),
      },
      body,
      dispatcher: this.pool,
    });
    return { status: antwoord.statusCode, text: await antwoord.body.text() };
  }

  private unreachable(error: unknown, reden: Reden, ctx: GatewayContext | undefined): GraphQLError {
    if (ctx) subgraphUnreachable(ctx, this.subgraph, reden);
    noteSubgraphFailure(ctx);
    const bron = SOURCES_PER_SUBGRAPH[this.subgraph]?.[0];
    // The message names the source, not the subgraph: which process serves what is the graph's own business.
    const fout = bron ? partnerUnavailable(bron, reden) : null;
    return graphError(
      'PARTNER_UNAVAILABLE',
      fout?.message ?? 'Een deel van de graaf is niet bereikbaar.',
      { bron, subgraph: this.subgraph, reden },
      error instanceof Error ? error : new Error(String(error)),
    );
  }
}
