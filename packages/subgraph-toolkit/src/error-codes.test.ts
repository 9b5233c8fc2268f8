import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ERROR_TABLE_HEADER,
  ERROR_TABLE_MARKERS,
  errorTableRows,
  graphError,
  isRegisteredErrorCode,
  requestError,
} from './error-codes.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** The source that raises the graph's errors: the toolkit, the gateway, the subgraphs, the schema scripts. */
function sourceFiles(): string[] {
  const folders = [
    'packages/subgraph-toolkit/src',
    'web/server',
    'gateway/src',
    'schema/src',
    ...readdirSync(join(ROOT, 'subgraphs')).map((s) => `subgraphs/${s}/src`),
  ];
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  for (const folder of folders) walk(join(ROOT, folder));
  return files;
}

/** Codes written where an error is made: `code: 'X'` and the registry's helpers with a literal. */
const RAISED = [
  /\bcode\s*:\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g,
  /\b(?:graphError|requestError|errorBody)\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g,
];

/** The cells of the Markdown table between the README's markers. */
function readmeTable(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const [start, end] = ERROR_TABLE_MARKERS;
  const table = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

describe('the error registry', () => {
  it('declares every code with a 4xx or 5xx status, and hides only the unexpected in production', () => {
    for (const [code, d] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(d.status).toBeGreaterThanOrEqual(400);
      expect(d.status).toBeLessThan(600);
      expect(d.description.length).toBeGreaterThan(10);
      // A client error is the client's to read and correct; what is hidden is what the client cannot act on.
      expect(d.shownInProduction).toBe(d.status < 500 || code === 'PARTNER_UNAVAILABLE');
    }
    for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'RATE_LIMITED', 'GRAPHQL_PARSE_FAILED'])
      expect(isRegisteredErrorCode(code)).toBe(true);
    for (const code of ['INVALID_GRAPHQL', 'toString', '__proto__', 42, undefined])
      expect(isRegisteredErrorCode(code)).toBe(false);
  });

  it('holds the contract’s codes, as CONTRACT.md lists them', () => {
    const contract = readFileSync(join(ROOT, '../shared/schema/CONTRACT.md'), 'utf8');
    const errors = contract.slice(contract.indexOf('## Errors'), contract.indexOf('# Part 2'));
    const listed = [...errors.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1] ?? '');
    // The reasons of PARTNER_UNAVAILABLE (`extensions.reden`) are listed among them; they are no codes.
    const reasons = ['TIMEOUT', 'DOWN', 'INVALID_RESPONSE', 'ERROR', 'VEROUDERD'];
    const codes = listed.filter((c) => !reasons.includes(c));
    expect(codes.length).toBeGreaterThan(8);
    for (const code of codes) expect(isRegisteredErrorCode(code), code).toBe(true);
  });

  it('makes field errors without an HTTP status, and refusals with the registry’s', () => {
    const field = graphError('FORBIDDEN', 'Geen toegang tot x.', { argument: 'x' });
    expect(field.extensions).toEqual({ code: 'FORBIDDEN', argument: 'x' });
    const refused = requestError(
      'RATE_LIMITED',
      'Te veel.',
      { retryAfterS: 3 },
      { headers: { 'retry-after': '3' } },
    );
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterS: 3, http: { status: 429 } });
    const http = refused.extensions['http'] as { headers: Map<string, string> };
    expect(http.headers.get('retry-after')).toBe('3');
    expect(requestError('QUERY_TOO_COMPLEX', 'Te groot.', {}, { status: 413 }).extensions).toMatchObject({
      http: { status: 413 },
    });
  });

  it('is the README’s error table (npm run errors:table writes it)', () => {
    const [header, line, ...rows] = readmeTable();
    expect(header).toEqual([...ERROR_TABLE_HEADER]);
    expect(line?.every((cell) => /^-+$/.test(cell))).toBe(true);
    expect(rows).toEqual(errorTableRows());
  });

  it('knows every code the source raises', () => {
    const found: string[] = [];
    const unregistered: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of RAISED)
        for (const m of text.matchAll(pattern)) {
          const code = m[1] ?? '';
          found.push(code);
          if (!isRegisteredErrorCode(code)) unregistered.push(`${relative(ROOT, file)}: ${code}`);
        }
    }
    // The scan must see the raisers it is about, or it proves nothing.
    for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'PARTNER_UNAVAILABLE', 'RATE_LIMITED', 'CONFLICT'])
      expect(found).toContain(code);
    expect(unregistered).toEqual([]);
  });

  it('is the only place that makes a GraphQLError, so that every error goes through it', () => {
    const elsewhere = sourceFiles()
      .filter((file) => !file.endsWith('/error-codes.ts'))
      .filter((file) => /new GraphQLError\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(elsewhere).toEqual([]);
  });

  it('scans for hand-written codes in a way that finds an unregistered one', () => {
    const sample = "throw new GraphQLError('x', { extensions: { code: 'NIET_GEREGISTREERD' } });";
    const codes = RAISED.flatMap((p) => [...sample.matchAll(p)].map((m) => m[1]));
    expect(codes).toEqual(['NIET_GEREGISTREERD']);
    expect(isRegisteredErrorCode(codes[0])).toBe(false);
  });
});
