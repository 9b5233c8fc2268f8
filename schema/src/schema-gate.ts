/**
 * The schema gate: what changed in the public (API) schema since the last
 * release, judged by @graphql-inspector/core, against the changelog of the
 * schema. A breaking change passes only when the changelog's "Unreleased"
 * section records it, by its path and kind, with a reason; dangerous changes
 * are listed. Pure functions: ./check-schema.ts and ./release-schema.ts are
 * the commands, ./schema-gate.test.ts proves the gate can fail.
 */
import { Supergraph } from '@apollo/federation-internals';
import { composeServices } from '@apollo/composition';
import { diff, type Change } from '@graphql-inspector/core';
import { buildSchema, parse, printSchema } from 'graphql';
import { defaultRoutingUrl, readSdl, SUBGRAPHS } from './subgraphs.ts';

export const RELEASED_FILE = new URL('../released.graphql', import.meta.url);
export const CHANGELOG_FILE = new URL('../CHANGELOG.md', import.meta.url);

/** The heading of the changelog's section for the changes since the last release. */
export const UNRELEASED = '## Unreleased';

export type Level = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

export interface SchemaChange {
  readonly level: Level;
  /** The inspector's kind of change, e.g. `FIELD_TYPE_CHANGED`, `FIELD_REMOVED`. */
  readonly type: string;
  /** The schema coordinate, e.g. `RadarCel.aantalErkendeLeerwerkplekken`. */
  readonly path: string;
  readonly message: string;
}

/** One line of the changelog: ``- `Type.field` KIND: the reason``. */
export interface ChangelogEntry {
  readonly path: string;
  readonly type: string;
  readonly reason: string;
}

/** The API schema of a supergraph (what clients see: no federation machinery), printed. */
export function apiSchemaOf(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trimEnd()}\n`;
}

/** Composes the subgraph SDLs as `npm run compose` does, and returns the API schema; throws when they do not compose. */
export function composedApiSchema(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.naam, url: defaultRoutingUrl(s), typeDefs: parse(readSdl(s)) })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return apiSchemaOf(result.supergraphSdl);
}

export async function changesBetween(released: string, current: string): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(buildSchema(released), buildSchema(current));
  return changes.map((c) => ({
    level: c.criticality.level,
    // The inspector types a change's kind loosely; it is one of its ChangeType names.
    type: String(c.type),
    path: c.path ?? '',
    message: c.message,
  }));
}

const ENTRY = /^- `([^`]+)` ([A-Z_]+): (.+)$/;

/** The entries of the "Unreleased" section; a line there that looks like an entry but is not one is an error. */
export function readChangelog(text: string): ChangelogEntry[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === UNRELEASED);
  if (start < 0) throw new Error(`the changelog of the schema has no "${UNRELEASED}" section`);
  const entries: ChangelogEntry[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('- `')) continue;
    const match = ENTRY.exec(line.trim());
    const [, path, type, reason] = match ?? [];
    if (path === undefined || type === undefined || reason === undefined || reason.trim().length < 10)
      throw new Error(`changelog entry without path, kind or reason: ${line}`);
    entries.push({ path, type, reason: reason.trim() });
  }
  return entries;
}

export interface Verdict {
  /** Breaking changes the changelog does not record: the gate fails on these. */
  readonly unrecorded: readonly SchemaChange[];
  readonly breaking: readonly SchemaChange[];
  readonly dangerous: readonly SchemaChange[];
  /** Entries that match no change (any more): reported, not fatal (a change may have been undone). */
  readonly stale: readonly ChangelogEntry[];
}

export function judge(changes: readonly SchemaChange[], entries: readonly ChangelogEntry[]): Verdict {
  const recorded = (c: SchemaChange) => entries.some((e) => e.path === c.path && e.type === c.type);
  const breaking = changes.filter((c) => c.level === 'BREAKING');
  return {
    unrecorded: breaking.filter((c) => !recorded(c)),
    breaking,
    dangerous: changes.filter((c) => c.level === 'DANGEROUS'),
    stale: entries.filter((e) => !changes.some((c) => c.path === e.path && c.type === e.type)),
  };
}

/** A changelog line for a change, with the reason left for a person to write. */
export function entryFor(change: SchemaChange): string {
  return `- \`${change.path}\` ${change.type}: <why, and what clients must do> (${change.message})`;
}

/**
 * The changelog after a release: the "Unreleased" section becomes the
 * release's, under its label, and a new empty one starts above it.
 */
export function releaseChangelog(text: string, label: string): string {
  if (!text.includes(`\n${UNRELEASED}\n`))
    throw new Error(`the changelog of the schema has no "${UNRELEASED}" section`);
  return text.replace(`\n${UNRELEASED}\n`, `\n${UNRELEASED}\n\nNothing yet.\n\n## ${label}\n`);
}
