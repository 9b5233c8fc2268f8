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

/** Adds the sources named in `extensions[veld]` (names, or reports with a `bron`) to `bronnen`; how many it named. */
function bronnenUit(
  extensions: Record<string, unknown> | undefined,
  veld: string,
  bronnen?: Set<string>,
): number {
  const lijst = extensions?.[veld];
  if (!Array.isArray(lijst)) return 0;
  let genoemd = 0;
  // A plain loop: this runs for every subgraph answer of every miss.
  for (const w of lijst as unknown[]) {
    const bron = typeof w === 'object' && w !== null ? (w as Record<string, unknown>)['bron'] : w;
    if (typeof bron !== 'string') continue;
    bronnen?.add(bron);
    genoemd += 1;
  }
  return genoemd;
}

/** A subgraph answered: notes the sources it named in `extensions.bronnen` and whether any was read live. */
export function noteSubgraphAnswer(
  context: object | undefined,
  subgraph: string,
  extensions: Record<string, unknown> | undefined,
): void {
  const trace = context ? traces.get(context) : undefined;
  if (!trace) return;
  let bronnen = trace.used.get(subgraph);
  if (!bronnen) trace.used.set(subgraph, (bronnen = new Set<string>()));
  bronnenUit(extensions, 'bronnen', bronnen);
  if (bronnenUit(extensions, 'live') > 0) trace.live = true;
}

/** A subgraph call failed: the answer is partial and not kept. */
export function noteSubgraphFailure(context: object | undefined): void {
  const trace = context ? traces.get(context) : undefined;
  if (trace) trace.failed = true;
}
