import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestStore, readManifest, trustedDocumentsManifestPath } from './trusted-documents.ts';

const map = mkdtempSync(join(tmpdir(), 'duaal-manifest-'));
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const REGIOS = '{ regios { naam } }';

function bestand(naam: string, inhoud: unknown): string {
  const pad = join(map, naam);
  writeFileSync(pad, JSON.stringify(inhoud));
  return pad;
}

describe('the manifest of trusted documents', () => {
  it('reads a plain object of sha256 → text', () => {
    const manifest = readManifest(bestand('plat.json', { [sha(REGIOS)]: REGIOS }));
    expect(manifest.opId.get(sha(REGIOS))).toBe(REGIOS);
    expect(manifest.teksten.has(REGIOS)).toBe(true);
  });

  it("reads Apollo's persisted query manifest, by id and by the text's own sha256", () => {
    const manifest = readManifest(
      bestand('apollo.json', {
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'regios-v1', name: 'Regios', type: 'query', body: REGIOS }],
      }),
    );
    expect(manifest.opId.get('regios-v1')).toBe(REGIOS);
    expect(manifest.opId.get(sha(REGIOS))).toBe(REGIOS);
  });

  it('refuses a hash that is not the sha256 of its text, and what is no manifest', () => {
    expect(() => readManifest(bestand('fout.json', { [sha('{ a }')]: REGIOS }))).toThrow(/not the sha256/);
    expect(() => readManifest(bestand('lijst.json', [REGIOS]))).toThrow(/JSON object/);
    expect(() =>
      readManifest(bestand('leeg.json', { format: 'apollo-persisted-query-manifest', version: 2 })),
    ).toThrow(/version 1/);
  });

  it('serves Apollo (which prefixes its keys) from the manifest and stores nothing a client sends', async () => {
    const opslag = manifestStore(readManifest(bestand('opslag.json', { [sha(REGIOS)]: REGIOS })));
    const cache = opslag.cache;
    if (!cache) throw new Error('geen cache');
    expect(await cache.get(`apq:${sha(REGIOS)}`)).toBe(REGIOS);
    await cache.set(`apq:${sha('{ a }')}`, '{ a }');
    expect(await cache.get(`apq:${sha('{ a }')}`)).toBeUndefined();
  });

  it('is switched on by PERSISTED_DOCUMENTS_ONLY=true, which needs PERSISTED_DOCUMENTS_MANIFEST', () => {
    expect(trustedDocumentsManifestPath({})).toBeNull();
    expect(
      trustedDocumentsManifestPath({ PERSISTED_DOCUMENTS_ONLY: 'false', PERSISTED_DOCUMENTS_MANIFEST: '/m' }),
    ).toBeNull();
    expect(
      trustedDocumentsManifestPath({ PERSISTED_DOCUMENTS_ONLY: 'true', PERSISTED_DOCUMENTS_MANIFEST: '/m' }),
    ).toBe('/m');
    expect(() => trustedDocumentsManifestPath({ PERSISTED_DOCUMENTS_ONLY: 'true' })).toThrow(
      /PERSISTED_DOCUMENTS_MANIFEST/,
    );
    expect(() => trustedDocumentsManifestPath({ PERSISTED_DOCUMENTS_ONLY: 'ja' })).toThrow(/true or false/);
  });
});
