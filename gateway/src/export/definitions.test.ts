import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '@duaal-graph/schema';
import {
  DEFAULT_OPERATION_LIMITS,
  measureOperation,
  readCostDirectives,
} from '@duaal-graph/subgraph-toolkit';
import { buildSchema, getOperationAST, Kind, parse, print, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { describe, expect, it } from 'vitest';
import { EXPORTS } from './definitions.ts';
import { parseParameters } from './parameters.ts';

// The exports run the graph's own operations: each must stay valid against the supergraph and within the
// default limits, or its URL would answer an error to every caller. This fails when the schema drifts.
const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = buildSchema(supergraph);
const costs = readCostDirectives(parse(supergraph));

describe.each(EXPORTS.map((e) => [e.naam, e] as const))('export %s', (_naam, definitie) => {
  const document = parse(definitie.document);

  it('is valid against the supergraph', () => {
    expect(validate(schema, document).map((f) => f.message)).toEqual([]);
  });

  it('stays within the default operation limits', () => {
    const operatie = getOperationAST(document);
    if (!operatie) throw new Error('no operation');
    const variables = definitie.paging ? { first: definitie.paging.pageSize } : {};
    // Measured with each variable's default, as a caller who gives only the required parameters would run it.
    const { excess } = measureOperation(
      schema,
      costs,
      document,
      operatie,
      variables,
      DEFAULT_OPERATION_LIMITS,
    );
    expect(excess).toBeNull();
  });
});

describe('the radar export', () => {
  const definitie = EXPORTS.find((e) => e.naam === 'radar');
  const operatie = definitie ? getOperationAST(parse(definitie.document)) : null;

  it('takes signaal and alleenWitteVlekken as URL parameters, into the radar filter', () => {
    if (!operatie) throw new Error('no radar export');
    const gelezen = parseParameters(
      operatie,
      new URLSearchParams(
        'provincie=WEST_VLAANDEREN&per=GEMEENTE&signaal=VRAAG_ZONDER_AANBOD&alleenWitteVlekken=true',
      ),
    );
    if (!gelezen.ok) throw gelezen.error;
    const waarden = getVariableValues(schema, operatie.variableDefinitions ?? [], gelezen.variables);
    expect(waarden.errors).toBeUndefined();
    expect(waarden.coerced).toMatchObject({ signaal: 'VRAAG_ZONDER_AANBOD', alleenWitteVlekken: true });
    const filter = operatie.selectionSet.selections
      .flatMap((s) => (s.kind === Kind.FIELD ? (s.arguments ?? []) : []))
      .find((a) => a.name.value === 'filter');
    expect(filter ? print(filter.value) : '').toMatch(
      /signaal: \$signaal.*alleenWitteVlekken: \$alleenWitteVlekken/s,
    );
  });

  it('refuses a signal the graph does not know, and a boolean that is none', () => {
    if (!operatie) throw new Error('no radar export');
    const gelezen = parseParameters(operatie, new URLSearchParams('provincie=WEST_VLAANDEREN&signaal=GEEN'));
    if (!gelezen.ok) throw gelezen.error;
    expect(
      getVariableValues(schema, operatie.variableDefinitions ?? [], gelezen.variables).errors?.length,
    ).toBe(1);
    const geenBoolean = parseParameters(
      operatie,
      new URLSearchParams('provincie=WEST_VLAANDEREN&alleenWitteVlekken=ja'),
    );
    expect(geenBoolean.ok ? null : geenBoolean.error.extensions['argument']).toBe('alleenWitteVlekken');
  });
});

const definitieVan = (naam: string) => {
  const definitie = EXPORTS.find((e) => e.naam === naam);
  if (!definitie) throw new Error(`no ${naam} export`);
  return definitie;
};

describe('the ondernemingen export', () => {
  it('takes the prospecting filter as URL parameters, and reads every page', () => {
    const definitie = definitieVan('ondernemingen');
    const operatie = getOperationAST(parse(definitie.document));
    if (!operatie) throw new Error('no operation');
    const gelezen = parseParameters(
      operatie,
      new URLSearchParams('sectorKandidaat=VOLTA&zonderErkenning=true&regioCode=MIDWEST'),
    );
    if (!gelezen.ok) throw gelezen.error;
    const waarden = getVariableValues(schema, operatie.variableDefinitions ?? [], gelezen.variables);
    expect(waarden.errors).toBeUndefined();
    expect(waarden.coerced).toEqual({
      sectorKandidaat: 'VOLTA',
      zonderErkenning: true,
      regioCode: 'MIDWEST',
    });
    expect(definitie.paging?.veld).toBe('ondernemingen');
  });
});

describe('the kandidaatOpleidingen export', () => {
  const { rows } = definitieVan('kandidaatOpleidingen');

  it('is one row per kandidaat-opleiding, its nearest aanbod as columns, empty where there is none', () => {
    const kandidaat = (code: string, dichtsteAanbod: unknown[]) => ({
      opleiding: { code, naam: `Opleiding ${code}`, niveau: 'SECUNDAIR' },
      sectoren: ['VOLTA', 'EDUCAM'],
      aantalZoekendeLerendenInDeBuurt: { waarde: null, onderdrukt: true },
      dichtsteAanbod,
    });
    expect(
      rows({
        onderneming: {
          kandidaatOpleidingen: [
            kandidaat('A', [
              {
                afstandKm: 3.4,
                aanbod: { school: { naam: 'VTI' }, gemeente: { nisCode: '34022', naam: 'Kortrijk' } },
              },
            ]),
            kandidaat('B', []),
          ],
        },
      }),
    ).toEqual([
      {
        'opleiding.code': 'A',
        'opleiding.naam': 'Opleiding A',
        'opleiding.niveau': 'SECUNDAIR',
        sectoren: ['VOLTA', 'EDUCAM'],
        aantalZoekendeLerendenInDeBuurt: null,
        'dichtsteAanbod.afstandKm': 3.4,
        'dichtsteAanbod.aanbod.school.naam': 'VTI',
        'dichtsteAanbod.aanbod.gemeente.nisCode': '34022',
        'dichtsteAanbod.aanbod.gemeente.naam': 'Kortrijk',
      },
      {
        'opleiding.code': 'B',
        'opleiding.naam': 'Opleiding B',
        'opleiding.niveau': 'SECUNDAIR',
        sectoren: ['VOLTA', 'EDUCAM'],
        aantalZoekendeLerendenInDeBuurt: null,
        dichtsteAanbod: null,
      },
    ]);
  });

  it('has no rows for a company the graph answers null', () => {
    expect(rows({ onderneming: null })).toEqual([]);
  });
});
