import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarLiteralsRule } from './scalar-literals.ts';

// As the gateway holds them: the supergraph's scalars without their parsing.
const schema = buildSchema(`
  scalar Date
  scalar DateTime
  input Filter { vervaltVanaf: Date, datums: [Date!] }
  type Query { erkenningen(filter: Filter, op: Date, sinds: DateTime, naam: String): Int }
`);

const fouten = (query: string) => validate(schema, parse(query), [scalarLiteralsRule]).map((e) => e.message);

describe('literals of the graph’s own scalars at the gateway', () => {
  it('refuses a malformed Date or DateTime literal, in an argument, an input field or a list, in Dutch', () => {
    expect(fouten('{ erkenningen(op: "gisteren") }')).toEqual([
      'Ongeldige waarde "gisteren" voor Date: Een Date is een kalenderdatum YYYY-MM-DD.',
    ]);
    expect(fouten('{ erkenningen(filter: { vervaltVanaf: "2026-13-45" }) }')).toHaveLength(1);
    expect(fouten('{ erkenningen(filter: { datums: ["2026-12-01", 20261201] }) }')).toEqual([
      'Ongeldige waarde 20261201 voor Date: Een Date is een kalenderdatum YYYY-MM-DD.',
    ]);
    expect(fouten('{ erkenningen(sinds: "ooit") }')).toEqual([
      'Ongeldige waarde "ooit" voor DateTime: Een DateTime is een ISO 8601-tijdstip.',
    ]);
  });

  it('lets valid literals, null, variables and other types through', () => {
    expect(
      fouten(
        'query($d: Date) { a: erkenningen(op: "2026-12-01", filter: { vervaltVanaf: null, datums: ["2027-01-31"] }) b: erkenningen(op: $d, sinds: "2026-12-01T10:00:00Z", naam: "gisteren") }',
      ),
    ).toEqual([]);
  });
});
