import { SignJWT } from 'jose';
import type { AccessConfig } from './config.ts';
import type { Rol } from './caller.ts';

export interface TokenClaims {
  readonly sub?: string;
  readonly rol: Rol;
  readonly sector?: string | undefined;
  readonly instellingsnummer?: string | undefined;
}

/** Signs an HS256 token with the configured secret: for development and tests only. */
export async function signToken(
  config: AccessConfig,
  claims: TokenClaims,
  opties: {
    geldigS?: number;
    doelgroep?: string;
    uitgever?: string;
    geheim?: string;
    nietVoor?: number;
  } = {},
): Promise<string> {
  const geheim = opties.geheim ?? config.jwtSecret;
  if (!geheim) throw new Error('no JWT_SECRET to sign with');
  const nu = Math.floor(Date.now() / 1000);
  const { sub = `dev-${claims.rol}`, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(opties.uitgever ?? config.uitgever)
    .setAudience(opties.doelgroep ?? config.doelgroep)
    .setIssuedAt(nu)
    .setNotBefore(opties.nietVoor ?? nu)
    .setExpirationTime(nu + (opties.geldigS ?? 8 * 3600))
    .sign(new TextEncoder().encode(geheim));
}
