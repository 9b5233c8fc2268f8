import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Grens, Grenzen } from './grenzen.ts';
import { lijstmaat, variabelenMetStandaard } from './kosten.ts';

/** What one operation measures, fragments expanded. */
export interface Meting {
  diepte: number;
  aliassen: number;
  wortelvelden: number;
  directieven: number;
  kosten: number;
}

export interface Overschrijding {
  readonly grens: Grens;
  readonly waarde: number;
  readonly maximum: number;
}

class Overschreden extends Error {
  constructor(readonly overschrijding: Overschrijding) {
    super(overschrijding.grens);
  }
}

function veldDefinitie(
  schema: GraphQLSchema,
  ouder: GraphQLNamedType | undefined,
  naam: string,
): GraphQLField<unknown, unknown> | undefined {
  if (naam === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (ouder === schema.getQueryType()) {
    if (naam === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (naam === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(ouder) || isInterfaceType(ouder) ? ouder.getFields()[naam] : undefined;
}

/**
 * Measures an operation in one walk over its selections, every fragment spread
 * expanded where it is used (so a fragment spread twice counts twice: that is
 * what the answer holds). The walk stops at the first limit passed, so a
 * fragment bomb costs at most the cost limit in steps: every field adds at
 * least one to the cost. Runs on a validated document (no fragment cycles).
 */
export function meetOperatie(
  schema: GraphQLSchema,
  document: DocumentNode,
  operatie: OperationDefinitionNode,
  verzoekVariabelen: Readonly<Record<string, unknown>> | undefined,
  grenzen: Grenzen,
): { meting: Meting; overschreden: Overschrijding | null } {
  const fragmenten = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragmenten.set(d.name.value, d);
  const variabelen = variabelenMetStandaard(operatie, verzoekVariabelen);
  const meting: Meting = { diepte: 0, aliassen: 0, wortelvelden: 0, directieven: 0, kosten: 0 };

  const tel = (grens: keyof Meting, n: number): void => {
    meting[grens] += n;
    if (meting[grens] > grenzen[grens])
      throw new Overschreden({ grens, waarde: meting[grens], maximum: grenzen[grens] });
  };

  const loop = (
    selecties: SelectionSetNode,
    ouder: GraphQLNamedType | undefined,
    keer: number,
    diepte: number,
    pagina: number | undefined,
    wortel: boolean,
    introspectie: boolean,
  ): void => {
    for (const selectie of selecties.selections) {
      tel('directieven', selectie.directives?.length ?? 0);
      if (selectie.kind === Kind.INLINE_FRAGMENT) {
        const type = selectie.typeCondition ? schema.getType(selectie.typeCondition.name.value) : ouder;
        loop(selectie.selectionSet, type, keer, diepte, pagina, wortel, introspectie);
        continue;
      }
      if (selectie.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragmenten.get(selectie.name.value);
        if (!fragment) continue;
        tel('directieven', fragment.directives?.length ?? 0);
        const type = schema.getType(fragment.typeCondition.name.value);
        loop(fragment.selectionSet, type, keer, diepte, pagina, wortel, introspectie);
        continue;
      }
      if (wortel) tel('wortelvelden', 1);
      if (selectie.alias) tel('aliassen', 1);
      tel('kosten', keer);
      const naam = selectie.name.value;
      // The schema's own description is answered by the gateway and bounded by the cost; tools ask it 15 deep.
      const inIntrospectie = introspectie || naam === '__schema' || naam === '__type';
      const eigenDiepte = introspectie ? diepte : diepte + 1;
      if (eigenDiepte > meting.diepte) tel('diepte', eigenDiepte - meting.diepte);
      const definitie = veldDefinitie(schema, ouder, naam);
      if (!selectie.selectionSet || !definitie) continue;
      const maat = lijstmaat(selectie, definitie, variabelen, pagina, grenzen.aangenomenLijst);
      loop(
        selectie.selectionSet,
        getNamedType(definitie.type),
        keer * maat.keer,
        eigenDiepte,
        maat.pagina,
        false,
        inIntrospectie,
      );
    }
  };

  try {
    tel('directieven', operatie.directives?.length ?? 0);
    loop(
      operatie.selectionSet,
      schema.getRootType(operatie.operation) ?? undefined,
      1,
      0,
      undefined,
      true,
      false,
    );
    return { meting, overschreden: null };
  } catch (fout) {
    if (fout instanceof Overschreden) return { meting, overschreden: fout.overschrijding };
    throw fout;
  }
}
