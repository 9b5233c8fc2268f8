import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDatum } from '../referentiedatum.ts';

function datum(waarde: unknown): string {
  if (typeof waarde !== 'string' || !isIsoDatum(waarde)) {
    throw new GraphQLError('Een Date is een kalenderdatum YYYY-MM-DD.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return waarde;
}

function tijdstip(waarde: unknown): string {
  const tekst = typeof waarde === 'string' ? waarde : waarde instanceof Date ? waarde.toISOString() : '';
  const ms = Date.parse(tekst);
  if (tekst === '' || Number.isNaN(ms)) {
    throw new GraphQLError('Een DateTime is een ISO 8601-tijdstip.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
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
