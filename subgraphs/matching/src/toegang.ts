import {
  ACCESS_DIRECTIVE,
  forbidden,
  makeAccessRule,
  maySee,
  type AccessRule,
  type Gebruiker,
} from '@duaal-graph/subgraph-toolkit';
import { Kind, valueFromASTUntyped, type DocumentNode } from 'graphql';

/**
 * Who may see a Lerende, read from its `@toegang` in the SDL: the one place
 * that says it. The directive enforces it on everything the graph returns;
 * the writes and the lookups that only make sense for someone who may see
 * learners ask the same rule here, before anything reaches Kazi.
 */
export function lerendeRegel(typeDefs: DocumentNode): AccessRule {
  for (const definitie of typeDefs.definitions) {
    if (definitie.kind !== Kind.OBJECT_TYPE_DEFINITION || definitie.name.value !== 'Lerende') continue;
    const d = definitie.directives?.find((x) => x.name.value === ACCESS_DIRECTIVE);
    if (!d) break;
    const args = Object.fromEntries(
      (d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
    );
    return makeAccessRule(args as { rollen: string[]; eigen?: string[] }, 'Lerende');
  }
  throw new Error('schema.graphql: Lerende draagt geen @toegang');
}

export class Toegang {
  constructor(private readonly regel: AccessRule) {}

  /** Whether the caller may see any learner at all (own ones included): if not, Kazi need not be asked. */
  kanLerendenZien(gebruiker: Gebruiker): boolean {
    return maySee(this.regel, gebruiker, undefined, false);
  }

  /** Whether the caller may see (and so act for) the learners of this school. */
  magSchool(gebruiker: Gebruiker, instellingsnummer: string): boolean {
    return maySee(this.regel, gebruiker, { instellingsnummer });
  }

  /** The school the caller's own learners belong to, if the caller has one. */
  eigenSchool(gebruiker: Gebruiker): string | null {
    return gebruiker.soort === 'aangemeld' && gebruiker.instellingsnummer && this.kanLerendenZien(gebruiker)
      ? gebruiker.instellingsnummer
      : null;
  }

  /**
   * Refuses a write on a thing (a learner, a match) unless it exists and is of
   * the caller's school: FORBIDDEN, saying no more than which id. One refusal,
   * thrown from one place, for a thing of another school and one Kazi does not
   * know, so that not even a stack trace tells them apart.
   */
  eisSchrijven<T>(
    gebruiker: Gebruiker,
    ding: T | null,
    schoolVan: (ding: T) => string,
    wat: string,
  ): asserts ding is T {
    if (ding === null || !this.magSchool(gebruiker, schoolVan(ding))) throw forbidden(wat);
  }
}
