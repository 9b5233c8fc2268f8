import type { GraphQLSchema } from 'graphql';

/** Where a request in one raw form (caller's visibility, answer type, body as sent) finds its kept answer. */
export interface RawRoute {
  /** The key its answer is kept under (response-cache.ts). */
  readonly key: string;
  /** The schema the key was made under: a route of an older supergraph leads nowhere. */
  readonly schema: GraphQLSchema;
  /** For the request log and metrics of a hit served from the raw form. */
  readonly operationName: string | null;
  readonly queryHash: string | null;
}

/**
 * Raw forms of requests whose answers were kept or served, to their keys:
 * a request sent again byte for byte (a client repeating its question) is
 * answered without JSON parsing, GraphQL parsing, validation or Apollo's
 * pipeline. Bounded in characters: full, it starts again empty (a route is only
 * a shortcut; without it a request takes Apollo's path and makes it again).
 */
export class RawRoutes {
  private routes = new Map<string, RawRoute>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(raw: string): RawRoute | undefined {
    return this.routes.get(raw);
  }

  set(raw: string, route: RawRoute): void {
    if (this.routes.has(raw)) {
      this.routes.set(raw, route);
      return;
    }
    const grootte = raw.length + route.key.length;
    if (this.chars + grootte > this.maxChars) this.clear();
    if (grootte > this.maxChars) return;
    this.routes.set(raw, route);
    this.chars += grootte;
  }

  get size(): number {
    return this.routes.size;
  }

  clear(): void {
    this.routes = new Map();
    this.chars = 0;
  }
}
