import type { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { requestError } from '../error-codes.ts';
import type { AccessConfig } from './config.ts';
import { ClaimsSchema, PUBLIC_CALLER, type Gebruiker } from './caller.ts';

/** A token that is present but not valid: never the public. HTTP 401. */
export function unauthenticated(reden: string): GraphQLError {
  return requestError('UNAUTHENTICATED', `Het token is niet geldig: ${reden}.`);
}

export type Verifier = (authorization: string | undefined) => Promise<Gebruiker>;

/**
 * Verifies the bearer token of a request: HS256 with the shared secret, or
 * RS256/ES256 with keys from JWKS_URL (cached by jose, and fetched again when a
 * token names an unknown `kid`); issuer, audience `duaal-graph`, `exp` and `nbf`
 * with a small clock skew. No header is the public; anything else that fails is
 * UNAUTHENTICATED. The reason never repeats the token.
 */
export function makeVerifier(config: AccessConfig): Verifier {
  const sleutels: JWTVerifyGetKey | null = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : null;
  const geheim = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
  const opties = {
    issuer: config.uitgever,
    audience: config.doelgroep,
    clockTolerance: config.klokspelingS,
    requiredClaims: ['exp', 'sub'],
  };
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return PUBLIC_CALLER;
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m?.[1]) throw unauthenticated('verwacht `Authorization: Bearer <token>`');
    const token = m[1];
    let payload: unknown;
    try {
      const alg = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
        alg?: unknown;
      };
      if (alg.alg === 'HS256' && geheim)
        payload = (await jwtVerify(token, geheim, { ...opties, algorithms: ['HS256'] })).payload;
      else if (sleutels)
        payload = (await jwtVerify(token, sleutels, { ...opties, algorithms: ['RS256', 'ES256'] })).payload;
      else throw new Error('algoritme niet aanvaard');
    } catch (fout) {
      const code = (fout as { code?: string }).code;
      throw unauthenticated(
        code === 'ERR_JWT_EXPIRED'
          ? 'verlopen'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
            ? 'uitgever, doelgroep of geldigheid klopt niet'
            : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
              ? 'handtekening klopt niet'
              : 'onleesbaar of niet te verifiëren',
      );
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated(claims.error.issues[0]?.message ?? 'ongeldige claims');
    const { sub, rol, sector, instellingsnummer } = claims.data;
    return {
      soort: 'aangemeld',
      sub,
      rol,
      ...(sector ? { sector } : {}),
      ...(instellingsnummer ? { instellingsnummer } : {}),
    };
  };
}
