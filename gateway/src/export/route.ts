import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { ERROR_CODES, errorBody, isRegisteredErrorCode, SourceUsage } from '@duaal-graph/subgraph-toolkit';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../subgraph-sources.ts';
import { toCsv, type Row } from './csv.ts';
import { exportByName, EXPORTS, type ExportDefinition } from './definitions.ts';
import { headerOf } from './header.ts';
import { isObject } from './rows.ts';
import { parseParameters } from './parameters.ts';

export interface ExportRouteOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The gateway's context for a request: verifies the token and counts the request against the rate limit. */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  /** Most rows one export may hold; a larger answer is refused rather than cut short. */
  readonly maxRows: number;
}

interface GraphAnswer {
  readonly status: number;
  readonly body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] };
}

const PAD = /^\/export\/([A-Za-z]+)\.csv$/;
const PAGING_VARIABLES: ReadonlySet<string> = new Set(['first', 'after']);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const tekst = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(tekst),
  });
  res.end(tekst);
}

const operationOf = (definitie: ExportDefinition): OperationDefinitionNode => {
  const [operatie] = parse(definitie.document).definitions;
  if (operatie?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`export ${definitie.naam}: no operation`);
  return operatie;
};

/**
 * `GET /export/<naam>.csv`: runs the graph's own operation for that export
 * through the gateway's Apollo server, with the caller's `Authorization`, so the
 * access rules, limits, rate limit and data are exactly the graph's (no second
 * data path), and writes the answer as CSV. A refused request answers as the
 * graph refuses it (its status and errors, as JSON).
 */
export function exportRoute(
  opties: ExportRouteOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const operaties = new Map(EXPORTS.map((e) => [e.naam, operationOf(e)] as const));
  const headers = new Map(EXPORTS.map((e) => [e.naam, headerOf(e)] as const));

  return async (req, res, url) => {
    const gevonden = PAD.exec(url.pathname);
    if (!gevonden && !url.pathname.startsWith('/export/')) return false;
    const definitie = gevonden ? exportByName(gevonden[1] ?? '') : undefined;
    if (!definitie) {
      sendJson(
        res,
        404,
        errorBody(
          'BAD_REQUEST',
          `Onbekende export: de graaf exporteert ${EXPORTS.map((e) => `${e.naam}.csv`).join(', ')}.`,
        ),
      );
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, errorBody('BAD_REQUEST', 'Een export lees je met GET.'));
      return true;
    }
    // A paged export reads every page itself: its paging variables are not the caller's to set.
    const parameters = parseParameters(
      operaties.get(definitie.naam) as OperationDefinitionNode,
      url.searchParams,
      definitie.paging ? PAGING_VARIABLES : undefined,
    );
    if (!parameters.ok) {
      sendJson(res, 400, { errors: [parameters.error.toJSON()] });
      return true;
    }

    // One context for every page: the caller is verified and counted once per export, not per page.
    let context: Promise<GatewayContext> | undefined;
    const run = async (variables: Record<string, unknown>): Promise<GraphAnswer> => {
      const headers = new HeaderMap([['content-type', 'application/json']]);
      if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
      const antwoord = await opties.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers,
          search: '',
          body: { query: definitie.document, variables },
        },
        context: async () => ({ ...(await (context ??= opties.context(req))), bronnen: new SourceUsage() }),
      });
      let tekst = '';
      if (antwoord.body.kind === 'complete') tekst = antwoord.body.string;
      else for await (const deel of antwoord.body.asyncIterator) tekst += deel;
      return { status: antwoord.status ?? 200, body: JSON.parse(tekst) as GraphAnswer['body'] };
    };

    const rows: Row[] = [];
    const codes = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const variables = definitie.paging
        ? { ...parameters.variables, first: definitie.paging.pageSize, ...(after ? { after } : {}) }
        : parameters.variables;
      const antwoord = await run(variables);
      const data = antwoord.body.data;
      const veld = definitie.paging?.veld ?? Object.keys(data ?? {})[0];
      for (const fout of antwoord.body.errors ?? []) {
        const code = fout.extensions?.code;
        if (typeof code === 'string') codes.add(code);
      }
      // No answer to export (a refused request, or the root field itself failed): the graph's errors, as JSON.
      // A root field the graph answers null without an error is nothing to export: no rows, not a failure.
      if (
        antwoord.status !== 200 ||
        !isObject(data) ||
        veld === undefined ||
        (data[veld] === null && (antwoord.body.errors ?? []).length > 0)
      ) {
        const code = [...codes].find(isRegisteredErrorCode);
        const status = antwoord.status !== 200 ? antwoord.status : code ? ERROR_CODES[code].status : 500;
        sendJson(res, status === 200 ? 500 : status, antwoord.body);
        return true;
      }
      rows.push(...definitie.rows(data));
      if (rows.length > opties.maxRows) {
        sendJson(
          res,
          ERROR_CODES.QUERY_TOO_COMPLEX.status,
          errorBody(
            'QUERY_TOO_COMPLEX',
            `De export telt meer dan ${opties.maxRows} rijen; verfijn de filter.`,
            { grens: 'exportRows', maximum: opties.maxRows },
          ),
        );
        return true;
      }
      const pagina = definitie.paging ? data[definitie.paging.veld] : undefined;
      const pageInfo = isObject(pagina) ? pagina['pageInfo'] : undefined;
      if (
        !isObject(pageInfo) ||
        pageInfo['hasNextPage'] !== true ||
        typeof pageInfo['endCursor'] !== 'string'
      )
        break;
      after = pageInfo['endCursor'];
    }

    // The header comes from the operation, never from the rows: an empty export names the same columns as a
    // full one, and a full one has them whatever its rows hold (a radar of regio cells, each gemeente null).
    const csv = toCsv(rows, headers.get(definitie.naam));
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${definitie.naam}.csv"`,
      'content-length': Buffer.byteLength(csv),
      // Errors beside an answer (a partner unavailable): the CSV holds what is known, its `onbekend` column what not.
      ...(codes.size > 0 ? { 'x-graph-errors': [...codes].sort().join(', ') } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : csv);
    return true;
  };
}
