import type { GraphQLError } from 'graphql';
import { graphError } from './error-codes.ts';

/** An argument the caller got wrong: BAD_USER_INPUT naming the argument, never an empty answer. */
export function badUserInput(argument: string, boodschap: string): GraphQLError {
  return graphError('BAD_USER_INPUT', `Ongeldig argument ${argument}: ${boodschap}`, { argument });
}
