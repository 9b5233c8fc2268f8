import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { graphError } from './error-codes.ts';

/** The development credential for `_service`: fine on a laptop, refused in production. */
export const DEVELOPMENT_COMPOSITION_TOKEN = 'duaal-graph-composition-dev-token';

/** The header that carries the credential, as `rover subgraph introspect --header` sends it. */
export const COMPOSITION_HEADER = 'x-composition-token';

/**
 * COMPOSITION_TOKEN, the credential a caller presents to read a subgraph's SDL
 * (`{ _service { sdl } }`). In development it defaults to the development token;
 * in production an unset one leaves `_service` closed to everyone (the committed
 * supergraph needs no running subgraph), and the development token refuses to start.
 */
export function readCompositionToken(env: NodeJS.ProcessEnv = process.env): string | null {
  const production = env['NODE_ENV'] === 'production';
  const token = env['COMPOSITION_TOKEN']?.trim() || null;
  if (production && token === DEVELOPMENT_COMPOSITION_TOKEN)
    throw new Error('NODE_ENV=production refuses the development COMPOSITION_TOKEN: set a token of your own');
  if (token !== null && token.length < 16)
    throw new Error('COMPOSITION_TOKEN must be at least 16 characters');
  return token ?? (production ? null : DEVELOPMENT_COMPOSITION_TOKEN);
}

/**
 * Marks the request context of a caller that presented the credential. A symbol
 * nobody else holds, so that no other code (or request data) can set it; Apollo
 * copies the context per operation, which keeps enumerable symbol properties.
 */
const COMPOSITION_CALLER = Symbol('composition caller');

/** Marks a request's context when its caller presents the credential (compared in constant time). */
export function noteCompositionCaller(context: object, req: IncomingMessage, token: string | null): void {
  const presented = req.headers[COMPOSITION_HEADER];
  if (token === null || typeof presented !== 'string') return;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length === b.length && timingSafeEqual(a, b))
    Object.defineProperty(context, COMPOSITION_CALLER, { value: true, enumerable: true });
}

/**
 * Serves `_service { sdl }` only to a caller that presented the credential: the
 * SDL spells out every type, key and access rule, which only composition needs.
 */
export function guardServiceField(schema: GraphQLSchema): void {
  const service = schema.getQueryType()?.getFields()['_service'];
  const resolve = service?.resolve;
  if (!service || !resolve) return;
  service.resolve = (source, args, context: unknown, info) => {
    if (typeof context !== 'object' || context === null || !Object.hasOwn(context, COMPOSITION_CALLER))
      throw graphError(
        'FORBIDDEN',
        `Geen toegang tot _service: de SDL is er alleen voor de compositie, met de header ${COMPOSITION_HEADER}.`,
      );
    return resolve(source, args, context, info);
  };
}
