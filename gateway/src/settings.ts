import {
  ACCESS_SETTINGS,
  booleanSetting,
  defineSettings,
  integerSetting,
  OBSERVABILITY_SETTINGS,
  OPERATION_LIMIT_SETTINGS,
  portSetting,
  textSetting,
  urlSetting,
  type Setting,
} from '@duaal-graph/subgraph-toolkit';
import { defaultRoutingUrl, SUBGRAPHS, SUPERGRAPH_FILE } from '@duaal-graph/schema';
import { RATE_LIMIT_SETTINGS } from './rate-limit.ts';
import { RESPONSE_CACHE_SETTINGS } from './response-cache/settings.ts';
import { TRUSTED_DOCUMENT_SETTINGS } from './trusted-documents.ts';

/** Where the gateway finds each subgraph when not at the supergraph's routing URL, by subgraph name. */
export const SUBGRAPH_URL_SETTINGS: Readonly<Record<string, Setting<string | undefined>>> =
  Object.fromEntries(
    SUBGRAPHS.map((s) => [
      s.naam,
      urlSetting(s.urlVariabele, {
        description: `where the gateway finds the ${s.naam} subgraph`,
        documentedDefault: `the supergraph's routing URL, \`${defaultRoutingUrl(s)}\``,
      }),
    ]),
  );

const GATEWAY_OWN_SETTINGS = {
  poort: portSetting('GATEWAY_PORT', 4000, 'where the gateway listens'),
  host: textSetting('GATEWAY_HOST', {
    default: '127.0.0.1',
    description: 'the address the gateway listens on',
  }),
  supergraphPad: textSetting('SUPERGRAPH_PATH', {
    default: SUPERGRAPH_FILE.pathname,
    documentedDefault: '`schema/supergraph.graphql`',
    description: 'the supergraph the gateway serves; it follows changes to the file',
  }),
  subgraphTimeoutMs: integerSetting('SUBGRAPH_TIMEOUT_MS', {
    default: 30_000,
    min: 100,
    description: 'how long the gateway waits for a subgraph',
  }),
  verzoeklog: booleanSetting('REQUEST_LOG', {
    default: { production: true, development: false },
    description:
      'one JSON line per request at level info (else debug): operation name, hash, duration, status, error codes and request id',
  }),
  corsOrigins: textSetting('CORS_ORIGINS', {
    documentedDefault: "the web app's and loopback origins; none in production",
    description:
      'comma-separated origins a browser app may call the gateway from (`https://app.example.be`); see Abuse protection',
  }),
  exportMaxRows: integerSetting('EXPORT_MAX_ROWS', {
    default: 50_000,
    min: 1,
    description:
      'most rows one CSV export (`/export/<naam>.csv`) may hold; a larger one is refused, not cut short',
  }),
  ...OPERATION_LIMIT_SETTINGS,
  ...RATE_LIMIT_SETTINGS,
  ...RESPONSE_CACHE_SETTINGS,
  ...TRUSTED_DOCUMENT_SETTINGS,
  ...ACCESS_SETTINGS,
  ...OBSERVABILITY_SETTINGS,
} as const;

/** Every setting the gateway reads, in one schema. */
export const settings = defineSettings({ ...GATEWAY_OWN_SETTINGS, ...SUBGRAPH_URL_SETTINGS });
