import { ongeldigeInvoer, PartnerFout, partnerOnbeschikbaar } from '@duaal-graph/domein/subgraaf';
import { GraphQLError } from 'graphql';
import { KaziWeigering } from './kazi/client.ts';

/** The contract's error codes for a write. Messages name ids and statuses only, never a learner's data. */

export function conflict(boodschap: string): GraphQLError {
  return new GraphQLError(`Conflict: ${boodschap}.`, { extensions: { code: 'CONFLICT' } });
}

export function versieConflict(boodschap: string, huidigeVersie?: number): GraphQLError {
  return new GraphQLError(`Versieconflict: ${boodschap}; lees de match opnieuw.`, {
    extensions: { code: 'VERSIE_CONFLICT', ...(huidigeVersie === undefined ? {} : { huidigeVersie }) },
  });
}

/**
 * A failed call to Kazi in the graph's terms. `onbekend` names the input field
 * that pointed at something Kazi does not know.
 */
export function alsGraphQLFout(fout: unknown, onbekend: string): unknown {
  if (fout instanceof KaziWeigering) {
    switch (fout.soort) {
      case 'CONFLICT':
        return conflict(fout.message);
      case 'VERSIE_CONFLICT':
        return versieConflict(fout.message);
      case 'ANDERE_INVOER':
        return ongeldigeInvoer('input.idempotencyKey', fout.message);
      case 'ONBEKEND':
        return ongeldigeInvoer(onbekend, fout.message);
    }
  }
  if (fout instanceof PartnerFout) return partnerOnbeschikbaar(fout.bron, fout.reden);
  return fout;
}
