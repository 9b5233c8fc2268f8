import {
  credentialSetting,
  defineSettings,
  isProduction,
  textSetting,
  urlSetting,
  type SettingValues,
} from '@duaal-graph/domein';

/** The development secret: fine on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'duaal-graph-ontwikkelgeheim-niet-voor-productie';
export const DEFAULT_JWT_ISSUER = 'duaal-graph-dev';
export const JWT_AUDIENCE = 'duaal-graph';

/** The token settings, read by the gateway and by every subgraph. */
export const ACCESS_SETTINGS = {
  jwtSecret: credentialSetting('JWT_SECRET', {
    developmentValue: DEV_JWT_SECRET,
    defaultsToDevelopmentValue: false,
    minBytes: 32,
    documentedDefault: 'a development secret (refused in production) unless `JWKS_URL` is set',
    description: 'HS256 secret, at least 32 bytes',
  }),
  jwksUrl: urlSetting('JWKS_URL', {
    description: 'where to fetch RS256/ES256 public keys instead of a shared secret',
  }),
  jwtIssuer: textSetting('JWT_ISSUER', {
    default: DEFAULT_JWT_ISSUER,
    description: 'the issuer tokens must carry',
  }),
} as const;

const accessSettings = defineSettings(ACCESS_SETTINGS);

export interface AccessConfig {
  readonly jwtSecret: string | null;
  readonly jwksUrl: string | null;
  readonly uitgever: string;
  readonly doelgroep: string;
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  readonly klokspelingS: number;
}

/**
 * The token settings as read by a service's schema. In development, no setting
 * means the development secret; with NODE_ENV=production the service refuses to
 * start without JWT_SECRET or JWKS_URL (the development secret itself the schema refuses).
 */
export function toegangConfigUit(
  waarden: SettingValues<typeof ACCESS_SETTINGS>,
  productie: boolean,
): AccessConfig {
  const { jwtSecret, jwksUrl } = waarden;
  if (productie && jwtSecret === undefined && jwksUrl === undefined) {
    throw new Error(
      'NODE_ENV=production needs JWT_SECRET or JWKS_URL: refusing to start without a way to verify tokens',
    );
  }
  return {
    jwtSecret: jwtSecret ?? (jwksUrl === undefined ? DEV_JWT_SECRET : null),
    jwksUrl: jwksUrl ?? null,
    uitgever: waarden.jwtIssuer,
    doelgroep: JWT_AUDIENCE,
    klokspelingS: 30,
  };
}

/** The token settings from the environment alone (the token script, tests that sign tokens). */
export function readAccessConfig(omgeving: NodeJS.ProcessEnv = process.env): AccessConfig {
  return toegangConfigUit(accessSettings.read(omgeving), isProduction(omgeving));
}
