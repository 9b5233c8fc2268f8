/**
 * What one gateway request learnt from its subgraph calls, for the response
 * cache: which sources of which subgraph the answer used, and whether any was
 * read live. Kept beside the request's context, not in it, so that the context's
 * shape stays the gateway's own.
 */
export interface RequestTrace {
  /** Per subgraph called, the sources its answers named (none: the answer used no source). */
  readonly used: Map<string, Set<string>>;
  /** A subgraph answered with a source read live (Kazi's learners): the answer is never kept. */
  live: boolean;
  /** A subgraph could not be reached or answered badly. */
  failed: boolean;
}

const traces = new WeakMap<object, RequestTrace>();

/** Starts following a request; only followed requests are recorded. */
export function followRequest(context: object): RequestTrace {
  const trace: RequestTrace = { used: new Map(), live: false, failed: false };
  traces.set(context, trace);
  return trace;
}

function bronnenUit(extensions: Record<string, unknown> | undefined, veld: string): string[] {
  const lijst = extensions?.[veld];
  if (!Array.isArray(lijst)) return [];
  return lijst.flatMap((w: unknown) => {
    if (typeof w === 'string') return [w];
    const bron = typeof w === 'object' && w !== null ? (w as Record<string, unknown>)['bron'] : undefined;
    return typeof bron === 'string' ? [bron] : [];
  });
}

/** A subgraph answered: notes the sources it named in `extensions.bronnen` and whether any was read live. */
export function noteSubgraphAnswer(
  context: object | undefined,
  subgraph: string,
  extensions: Record<string, unknown> | undefined,
): void {
  const trace = context ? traces.get(context) : undefined;
  if (!trace) return;
  const bronnen = trace.used.get(subgraph) ?? new Set<string>();
  for (const bron of bronnenUit(extensions, 'bronnen')) bronnen.add(bron);
  trace.used.set(subgraph, bronnen);
  if (bronnenUit(extensions, 'live').length > 0) trace.live = true;
}

/** A subgraph call failed: the answer is partial and not kept. */
export function noteSubgraphFailure(context: object | undefined): void {
  const trace = context ? traces.get(context) : undefined;
  if (trace) trace.failed = true;
}
