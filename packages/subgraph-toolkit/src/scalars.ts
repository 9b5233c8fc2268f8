import { GraphQLScalarType, Kind } from 'graphql';
import { isIsoDatum } from '@duaal-graph/domein';
import { graphError } from './error-codes.ts';

function datum(waarde: unknown): string {
  if (typeof waarde !== 'string' || !isIsoDatum(waarde)) {
    throw graphError('BAD_USER_INPUT', 'Een Date is een kalenderdatum YYYY-MM-DD.');
  }
  return waarde;
}

function tijdstip(waarde: unknown): string {
  const tekst = typeof waarde === 'string' ? waarde : waarde instanceof Date ? waarde.toISOString() : '';
  const ms = Date.parse(tekst);
  if (tekst === '' || Number.isNaN(ms)) {
    throw graphError('BAD_USER_INPUT', 'Een DateTime is een ISO 8601-tijdstip.');
  }
  return new Date(ms).toISOString();
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Een kalenderdatum, ISO 8601 (`2026-09-01`).',
  serialize: datum,
  parseValue: datum,
  parseLiteral: (ast) => datum(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'Een tijdstip, ISO 8601 in UTC (`2026-10-02T10:00:00.000Z`).',
  serialize: tijdstip,
  parseValue: tijdstip,
  parseLiteral: (ast) => tijdstip(ast.kind === Kind.STRING ? ast.value : undefined),
});
