import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** What an attacker types into a filter: SQL, scripts, paths, templates, regex traps, control characters, sheer length. */
export const INJECTIES = [
  "' OR '1'='1",
  '"; DROP TABLE ondernemingen; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}#{7*7}',
  '{"$gt": ""}',
  '([',
  '(a+)+$',
  '.*',
  '\u0000\u202e\ud83d\ude00\r\n',
  '%00%27%22',
  '__proto__',
  'BE0403.170.701; 0403170701',
  'a'.repeat(10_000),
  '',
];

/** One question per text argument (or text field of a filter): the attacker's value goes in `$v`. */
export interface Injectievraag {
  readonly waar: string;
  readonly query: string;
}

/** A value for an argument that is not under attack but must be given. */
function standaard(type: GraphQLInputType): string {
  const kaal = getNullableType(type);
  if (isListType(kaal)) return `[${standaard(kaal.ofType)}]`;
  if (isEnumType(kaal)) return kaal.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(kaal)) {
    const verplicht = Object.values(kaal.getFields()).filter((v) => isNonNullType(v.type));
    return `{ ${verplicht.map((v) => `${v.name}: ${standaard(v.type)}`).join(' ')} }`;
  }
  if (kaal.name === 'Int' || kaal.name === 'Float') return '1';
  if (kaal.name === 'Boolean') return 'true';
  // A valid date: a malformed Date literal is refused at validation (GRAPHQL_VALIDATION_FAILED) before
  // the argument under attack is ever read.
  if (kaal.name === 'Date') return '"2026-11-01"';
  if (kaal.name === 'DateTime') return '"2026-11-01T00:00:00Z"';
  return '"X"';
}

const isTekst = (type: GraphQLInputType) => {
  const kaal = getNullableType(type);
  return isScalarType(kaal) && (kaal.name === 'String' || kaal.name === 'ID');
};

/** The text inputs of one argument: the argument itself, or the text fields of its input object. */
function doelen(argument: GraphQLArgument): { pad: string; type: GraphQLInputType; waarde: string }[] {
  if (isTekst(argument.type)) return [{ pad: argument.name, type: argument.type, waarde: '$v' }];
  const kaal = getNullableType(argument.type);
  if (!isInputObjectType(kaal)) return [];
  return Object.values(kaal.getFields())
    .filter((veld) => isTekst(veld.type))
    .map((veld) => ({
      pad: `${argument.name}.${veld.name}`,
      type: veld.type,
      waarde: `{ ${veld.name}: $v }`,
    }));
}

/**
 * Every query field with a text argument, at the root and on the types reached
 * through `ingangen` (type name → the root field that fetches one, e.g.
 * `opleiding(code: "DS-ELT-3")`): derived from the schema the gateway serves,
 * so a new filter is attacked as soon as it exists.
 */
export function injectievragen(schema: GraphQLSchema, ingangen: Record<string, string>): Injectievraag[] {
  const vragen: Injectievraag[] = [];
  const query = schema.getQueryType();
  const types: [string, string][] = [
    ['', query?.name ?? 'Query'],
    ...Object.entries(ingangen).map(([t, i]) => [i, t] as [string, string]),
  ];
  for (const [ingang, typeNaam] of types) {
    const type = schema.getType(typeNaam);
    if (!isObjectType(type)) continue;
    for (const veld of Object.values(type.getFields())) {
      const selectie = isLeafType(getNamedType(veld.type)) ? '' : '{ __typename }';
      for (const argument of veld.args)
        for (const doel of doelen(argument)) {
          const andere = veld.args
            .filter((a) => a !== argument && isNonNullType(a.type))
            .map((a) => `${a.name}: ${standaard(a.type)}`);
          const args = [`${argument.name}: ${doel.waarde}`, ...andere].join(', ');
          const binnen = `${veld.name}(${args}) ${selectie}`;
          vragen.push({
            waar: `${typeNaam}.${veld.name}(${doel.pad})`,
            query: `query Injectie($v: ${String(doel.type)}) { ${ingang ? `${ingang} { ${binnen} }` : binnen} }`,
          });
        }
    }
  }
  return vragen;
}
