import { tekstUit } from '../omgeving.ts';

/** The development secret: fine on a laptop, refused in production. */
export const ONTWIKKELGEHEIM = 'duaal-graph-ontwikkelgeheim-niet-voor-productie';
export const STANDAARD_UITGEVER = 'duaal-graph-dev';
export const PUBLIEK_DOEL = 'duaal-graph';

export interface ToegangConfig {
  readonly jwtSecret: string | null;
  readonly jwksUrl: string | null;
  readonly uitgever: string;
  readonly doelgroep: string;
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  readonly klokspelingS: number;
}

/**
 * The token settings from the environment. In development, no setting means the
 * development secret; with NODE_ENV=production the service refuses to start
 * without JWT_SECRET or JWKS_URL, or with the development secret.
 */
export function leesToegangConfig(omgeving: NodeJS.ProcessEnv = process.env): ToegangConfig {
  const productie = omgeving['NODE_ENV'] === 'production';
  const jwksUrl = omgeving['JWKS_URL']?.trim() || null;
  const geheim = omgeving['JWT_SECRET']?.trim() || null;
  if (productie && geheim === null && jwksUrl === null) {
    throw new Error(
      'NODE_ENV=production needs JWT_SECRET or JWKS_URL: refusing to start without a way to verify tokens',
    );
  }
  if (productie && geheim === ONTWIKKELGEHEIM) {
    throw new Error('NODE_ENV=production refuses the development JWT_SECRET: set a secret of your own');
  }
  if (geheim !== null && Buffer.byteLength(geheim) < 32) {
    throw new Error('JWT_SECRET must be at least 32 bytes for HS256');
  }
  return {
    jwtSecret: geheim ?? (jwksUrl === null ? ONTWIKKELGEHEIM : null),
    jwksUrl,
    uitgever: tekstUit(omgeving, 'JWT_ISSUER', STANDAARD_UITGEVER),
    doelgroep: PUBLIEK_DOEL,
    klokspelingS: 30,
  };
}
