import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema, buildManifest, hashModule, readOperations } from './operations.ts';

const schema = apiSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));

describe('the persisted operations manifest', () => {
  it('holds each operation with its fragments, under the sha256 of its text', () => {
    const manifest = buildManifest(
      parse('query B { regios { ...R } } fragment R on Regio { code naam } query A { opleidingen { code } }'),
      schema,
    );
    if ('errors' in manifest) throw new Error(manifest.errors.join('; '));
    expect(manifest.operations.map((o) => o.name)).toEqual(['A', 'B']);
    const b = manifest.operations[1];
    expect(b?.body).toContain('fragment R on Regio');
    expect(b?.id).toBe(
      createHash('sha256')
        .update(b?.body ?? '')
        .digest('hex'),
    );
  });

  it("lists each operation's variables beside its hash", () => {
    const manifest = buildManifest(
      parse(
        'query R($provincie: Provincie!, $niveau: Niveau) { radar(provincie: $provincie, niveau: $niveau) { regioCode } }',
      ),
      schema,
    );
    if ('errors' in manifest) throw new Error(manifest.errors.join('; '));
    expect(hashModule(manifest)).toContain("  R: ['provincie', 'niveau'],");
  });

  it('refuses what the graph does not have, and an anonymous operation', () => {
    const manifest = buildManifest(
      parse('query X { radar(provincie: WEST_VLAANDEREN, perDag: true) { regioCode } } { regios { code } }'),
      schema,
    );
    expect('errors' in manifest && manifest.errors.join('\n')).toMatch(/Unknown argument "perDag"/);
    expect('errors' in manifest && manifest.errors.join('\n')).toMatch(/needs a name/);
  });

  it('accepts every operation of the app', () => {
    const manifest = buildManifest(
      readOperations(new URL('../src/graph/operaties', import.meta.url).pathname),
      schema,
    );
    expect('errors' in manifest ? manifest.errors : []).toEqual([]);
  });
});
