import { fileURLToPath } from 'node:url';
import {
  booleanSetting,
  declareSetting,
  defineSettings,
  isProduction,
  portSetting,
  textSetting,
  urlSetting,
} from '@duaal-graph/domein/settings';
import { ACCESS_SETTINGS } from '@duaal-graph/subgraph-toolkit';
import { z } from 'zod';

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

/** Every setting of the web app's server, in one schema (the README table and turbo's list come from it). */
export const settings = defineSettings({
  port: portSetting('WEB_PORT', 4200, 'where the web app (Radar Duaal) listens'),
  host: textSetting('WEB_HOST', { default: '127.0.0.1', description: 'the address the web app listens on' }),
  gatewayUrl: urlSetting('WEB_GATEWAY_URL', {
    default: 'http://127.0.0.1:4000',
    description: "the gateway the web app's `/graphql` proxy forwards to (its origin)",
  }),
  tileUrl: declareSetting(
    'WEB_TILE_URL',
    z
      .string()
      .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) template with {z}, {x} and {y}'),
    { description: 'a basemap tile URL template for the map; unset draws the municipality polygons alone' },
  ),
  graphiql: booleanSetting('WEB_GRAPHIQL', {
    default: { production: false, development: true },
    description: 'serve GraphiQL (bundled, no CDN) at `/graphiql`',
  }),
  dist: textSetting('WEB_DIST', {
    description:
      'the built app to serve; unset serves `web/dist` in production and the sources through Vite otherwise',
  }),
  // The development tokens of the Aanmelden page are signed with the graph's own JWT settings.
  ...ACCESS_SETTINGS,
});

export function readWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const w = settings.read(env);
  const production = isProduction(env);
  return {
    port: w.port,
    host: w.host,
    gatewayUrl: w.gatewayUrl.replace(/\/+$/, ''),
    tileUrl: w.tileUrl ?? null,
    graphiql: w.graphiql,
    production,
    // Production serves what `vite build` wrote; development serves the sources unless told otherwise.
    dist: w.dist ?? (production ? DEFAULT_DIST : null),
  };
}
