import { readFileSync } from 'node:fs';
import { parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CHANGELOG_FILE,
  changesBetween,
  composedApiSchema,
  judge,
  readChangelog,
  RELEASED_FILE,
  releaseChangelog,
  UNRELEASED,
} from './schema-gate.ts';

const released = readFileSync(RELEASED_FILE, 'utf8');
const changelog = readFileSync(CHANGELOG_FILE, 'utf8');
const current = composedApiSchema();

/** The current schema with one more breaking change: `Opleiding.naam` removed. */
function withoutOpleidingNaam(schema: string): string {
  const veranderd = print(
    visit(parse(schema), {
      ObjectTypeDefinition: (type) =>
        type.name.value === 'Opleiding'
          ? { ...type, fields: type.fields?.filter((f) => f.name.value !== 'naam') }
          : undefined,
    }),
  );
  return veranderd;
}

describe('the schema gate', () => {
  it('passes the committed schema: every breaking change since the release is in the changelog', async () => {
    const verdict = judge(await changesBetween(released, current), readChangelog(changelog));
    expect(verdict.unrecorded).toEqual([]);
    // Part 2's breaking change is recorded this way.
    expect(verdict.breaking.map((c) => c.path)).toContain('RadarCel.aantalErkendeLeerwerkplekken');
  });

  it('fails a breaking SDL change that the changelog does not record, and names it', async () => {
    const veranderd = withoutOpleidingNaam(current);
    const verdict = judge(await changesBetween(released, veranderd), readChangelog(changelog));
    expect(verdict.unrecorded.map((c) => [c.path, c.type])).toEqual([['Opleiding.naam', 'FIELD_REMOVED']]);
  });

  it('passes it once recorded with a reason under Unreleased, and not when recorded under a release', async () => {
    const veranderd = withoutOpleidingNaam(current);
    const regel = '- `Opleiding.naam` FIELD_REMOVED: replaced by `titel`; clients ask `titel`.';
    const vermeld = changelog.replace(`${UNRELEASED}\n`, `${UNRELEASED}\n\n${regel}\n`);
    expect(judge(await changesBetween(released, veranderd), readChangelog(vermeld)).unrecorded).toEqual([]);
    const oud = `${changelog.trimEnd()}\n\n## Release 1\n\n${regel}\n`;
    expect(judge(await changesBetween(released, veranderd), readChangelog(oud)).unrecorded).toHaveLength(1);
  });

  it('refuses an entry without a reason', () => {
    expect(() => readChangelog(`${UNRELEASED}\n\n- \`Opleiding.naam\` FIELD_REMOVED:\n`)).toThrow(/reason/);
    expect(() => readChangelog('# no sections')).toThrow(/Unreleased/);
  });

  it('lists dangerous changes without requiring them', async () => {
    const veranderd = current.replace(/\nenum BronReden \{\n/, '\nenum BronReden {\n  NIEUW\n');
    expect(veranderd).not.toBe(current);
    const verdict = judge(await changesBetween(current, veranderd), []);
    expect(verdict.unrecorded).toEqual([]);
    expect(verdict.dangerous.map((c) => [c.path, c.type])).toEqual([['BronReden.NIEUW', 'ENUM_VALUE_ADDED']]);
  });

  it('a release starts an empty Unreleased section and keeps what was recorded under its label', () => {
    const na = releaseChangelog(changelog, 'Release 2027-01');
    expect(readChangelog(na)).toEqual([]);
    expect(na).toContain('## Release 2027-01\n\n### Partial answers (issue 11)');
  });
});
