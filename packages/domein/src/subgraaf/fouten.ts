import { GraphQLError } from 'graphql';

/** An argument the caller got wrong: BAD_USER_INPUT naming the argument, never an empty answer. */
export function ongeldigeInvoer(argument: string, boodschap: string): GraphQLError {
  return new GraphQLError(`Ongeldig argument ${argument}: ${boodschap}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}
