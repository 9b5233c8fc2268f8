import { fileURLToPath } from 'node:url';

/** The web app's server settings, from the environment with development defaults. */
export interface WebConfig {
  readonly port: number;
  readonly host: string;
  /** The gateway the /graphql proxy forwards to (its origin, without /graphql). */
  readonly gatewayUrl: string;
  /** A basemap's tile URL template; null draws the polygons alone. */
  readonly tileUrl: string | null;
  readonly graphiql: boolean;
  readonly production: boolean;
  /** The built app to serve; null serves the sources through Vite (development). */
  readonly dist: string | null;
}

const DEFAULT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = value?.trim();
  if (!v) return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`${name} must be true or false, got "${v}"`);
}

export function readWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const production = env['NODE_ENV'] === 'production';
  const portText = env['WEB_PORT']?.trim() || '4200';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WEB_PORT must be a port number, got "${portText}"`);
  const gatewayUrl =
    env['WEB_GATEWAY_URL']?.trim() ||
    `http://${env['GATEWAY_HOST']?.trim() || '127.0.0.1'}:${env['GATEWAY_PORT']?.trim() || '4000'}`;
  try {
    new URL(gatewayUrl);
  } catch {
    throw new Error(`WEB_GATEWAY_URL must be a URL, got "${gatewayUrl}"`);
  }
  const tileUrl = env['WEB_TILE_URL']?.trim() || null;
  if (tileUrl !== null && !/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/.test(tileUrl))
    throw new Error(`WEB_TILE_URL must be an http(s) template with {z}, {x} and {y}, got "${tileUrl}"`);
  const distSetting = env['WEB_DIST']?.trim() || null;
  return {
    port,
    host: env['WEB_HOST']?.trim() || '127.0.0.1',
    gatewayUrl: gatewayUrl.replace(/\/+$/, ''),
    tileUrl,
    graphiql: flag('WEB_GRAPHIQL', env['WEB_GRAPHIQL'], !production),
    production,
    // Production serves what `vite build` wrote; development serves the sources unless told otherwise.
    dist: distSetting ?? (production ? DEFAULT_DIST : null),
  };
}
