import { badUserInput, graphError, PartnerError, partnerUnavailable } from '@duaal-graph/subgraph-toolkit';
import type { GraphQLError } from 'graphql';
import { KaziWeigering } from './kazi/client.ts';

/** The contract's error codes for a write. Messages name ids and statuses only, never a learner's data. */

export function conflict(boodschap: string): GraphQLError {
  return graphError('CONFLICT', `Conflict: ${boodschap}.`);
}

export function versieConflict(boodschap: string, huidigeVersie?: number): GraphQLError {
  return graphError(
    'VERSIE_CONFLICT',
    `Versieconflict: ${boodschap}; lees de match opnieuw.`,
    huidigeVersie === undefined ? {} : { huidigeVersie },
  );
}

/**
 * A failed call to Kazi in the graph's terms. `onbekend` is the answer when Kazi
 * does not know the learner or match: the same the caller gets for another
 * school's, so that a refusal never tells whether an id exists.
 */
export function alsGraphQLFout(fout: unknown, onbekend: GraphQLError): unknown {
  if (fout instanceof KaziWeigering) {
    switch (fout.soort) {
      case 'CONFLICT':
        return conflict(fout.message);
      case 'VERSIE_CONFLICT':
        return versieConflict(fout.message);
      case 'ANDERE_INVOER':
        return badUserInput('input.idempotencyKey', fout.message);
      case 'ONBEKEND':
        return onbekend;
    }
  }
  if (fout instanceof PartnerError) return partnerUnavailable(fout.bron, fout.reden);
  return fout;
}
