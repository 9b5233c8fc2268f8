import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext, PersistedQueryOptions } from '@apollo/server';
import {
  booleanSetting,
  defineSettings,
  requestError,
  textSetting,
  type SettingValues,
} from '@duaal-graph/subgraph-toolkit';
import type { GraphQLError } from 'graphql';

/** The operations a production gateway may run when PERSISTED_DOCUMENTS_ONLY is set. */
export interface Manifest {
  /** Query text by the id a client sends as `extensions.persistedQuery.sha256Hash`. */
  readonly opId: ReadonlyMap<string, string>;
  /** Every registered text, to accept a client that sends the text itself. */
  readonly teksten: ReadonlySet<string>;
}

/** The trusted documents' settings, part of the gateway's schema. */
export const TRUSTED_DOCUMENT_SETTINGS = {
  alleenVertrouwd: booleanSetting('PERSISTED_DOCUMENTS_ONLY', {
    default: false,
    description: 'run only the operations in the manifest (meant for production)',
  }),
  manifest: textSetting('PERSISTED_DOCUMENTS_MANIFEST', {
    description: "the manifest of trusted documents: Apollo's persisted query manifest, or hashes to texts",
  }),
} as const;

/** The manifest to serve, or null to run any operation; a mode switched on without a manifest stops the gateway. */
export function vertrouwdeManifestUit(
  waarden: SettingValues<typeof TRUSTED_DOCUMENT_SETTINGS>,
): string | null {
  if (!waarden.alleenVertrouwd) return null;
  if (waarden.manifest === undefined)
    throw new Error('PERSISTED_DOCUMENTS_ONLY=true needs PERSISTED_DOCUMENTS_MANIFEST, the manifest file');
  return waarden.manifest;
}

const trustedDocumentSettings = defineSettings(TRUSTED_DOCUMENT_SETTINGS);

/** PERSISTED_DOCUMENTS_ONLY and its manifest. */
export function trustedDocumentsManifestPath(omgeving: NodeJS.ProcessEnv): string | null {
  return vertrouwdeManifestUit(trustedDocumentSettings.read(omgeving));
}

const sha256 = (tekst: string) => createHash('sha256').update(tekst).digest('hex');

function operatiesUit(inhoud: unknown, pad: string): [string, string][] {
  const fout = (waarom: string) => new Error(`PERSISTED_DOCUMENTS_MANIFEST ${pad}: ${waarom}`);
  if (typeof inhoud !== 'object' || inhoud === null || Array.isArray(inhoud))
    throw fout('expected a JSON object');
  const object = inhoud as Record<string, unknown>;
  if (object['format'] === 'apollo-persisted-query-manifest') {
    if (object['version'] !== 1 || !Array.isArray(object['operations']))
      throw fout('expected version 1 with an operations list');
    return object['operations'].map((o: unknown) => {
      const { id, body } = (o ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof body !== 'string')
        throw fout('every operation needs an id and a body');
      return [id, body];
    });
  }
  return Object.entries(object).map(([hash, tekst]) => {
    if (typeof tekst !== 'string') throw fout(`the value of ${hash} is not a query text`);
    // A typo in a hash would only show as a refused request in production: refuse to start instead.
    if (sha256(tekst) !== hash.toLowerCase()) throw fout(`${hash} is not the sha256 of its query text`);
    return [hash.toLowerCase(), tekst];
  });
}

/**
 * Reads a manifest: Apollo's persisted query manifest
 * (`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`,
 * as `@apollo/generate-persisted-query-manifest` writes it) or a plain object
 * `{ "<sha256 hex of the text>": "<query text>" }`. A text is also found by its own sha256.
 */
export function readManifest(pad: string): Manifest {
  const operaties = operatiesUit(JSON.parse(readFileSync(pad, 'utf8')) as unknown, pad);
  const opId = new Map<string, string>();
  for (const [id, tekst] of operaties) {
    opId.set(id, tekst);
    opId.set(sha256(tekst), tekst);
  }
  return { opId, teksten: new Set(opId.values()) };
}

/**
 * The persisted-query store of a gateway in trusted-documents mode: Apollo looks
 * a hash up here (an unknown one is PERSISTED_QUERY_NOT_FOUND), and nothing a
 * client sends is ever added, so automatic persisted queries cannot register.
 */
export function manifestStore(manifest: Manifest): PersistedQueryOptions {
  return {
    cache: {
      // Apollo prefixes its keys ("apq:"); the manifest knows bare hashes.
      get: (sleutel) => Promise.resolve(manifest.opId.get(sleutel.replace(/^apq:/, ''))),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(false),
    },
    ttl: null,
  };
}

export function persistedQueryNotFound(): GraphQLError {
  return requestError(
    'PERSISTED_QUERY_NOT_FOUND',
    'Onbekende operatie: deze graaf voert alleen operaties uit het manifest uit, op hun hash (extensions.persistedQuery.sha256Hash) of met identieke tekst.',
  );
}

/**
 * Runs only registered operations: a request by hash got its text from the
 * manifest; a request with text passes only when that text is registered byte
 * for byte. Checked before the limits and before planning.
 */
export function trustedDocumentsPlugin<C extends BaseContext>(manifest: Manifest): ApolloServerPlugin<C> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ source }) =>
          manifest.teksten.has(source) ? Promise.resolve() : Promise.reject(persistedQueryNotFound()),
      }),
  };
}
