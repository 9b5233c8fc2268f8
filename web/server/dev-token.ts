import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClaimsSchema, readAccessConfig, signToken } from '@duaal-graph/subgraph-toolkit';
import { sendJson } from './graphql-proxy.ts';

const fout = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * POST /dev/token { rol, sector?, instellingsnummer? }: a development token
 * signed with the development JWT_SECRET, for the Aanmelden page. Refused in
 * production, where tokens come from the deployment's identity provider.
 */
export function devTokenHandler(env: NodeJS.ProcessEnv, production: boolean) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (production) {
      sendJson(response, 403, fout('Ontwikkeltokens bestaan niet in productie.', 'FORBIDDEN'));
      return;
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, fout('Vraag een ontwikkeltoken met POST.', 'BAD_USER_INPUT'));
      return;
    }
    let body: unknown;
    try {
      let text = '';
      for await (const chunk of request as AsyncIterable<Buffer>) {
        text += chunk.toString('utf8');
        if (text.length > 4096) throw new Error('too large');
      }
      body = JSON.parse(text);
    } catch {
      sendJson(
        response,
        400,
        fout('Stuur een JSON-object met rol en eventueel sector of instellingsnummer.', 'BAD_USER_INPUT'),
      );
      return;
    }
    const asked = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const claims = ClaimsSchema.safeParse({ sub: `dev-web-${String(asked['rol'])}`, ...asked });
    if (!claims.success) {
      sendJson(
        response,
        400,
        fout(`Ongeldige claims: ${claims.error.issues.map((i) => i.message).join('; ')}`, 'BAD_USER_INPUT'),
      );
      return;
    }
    const config = readAccessConfig(env);
    if (!config.jwtSecret) {
      sendJson(response, 403, fout('Zonder JWT_SECRET maakt deze server geen ontwikkeltokens.', 'FORBIDDEN'));
      return;
    }
    sendJson(response, 200, { token: await signToken(config, claims.data, { geldigS: 8 * 3600 }) });
  };
}
