import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql-overrides.css';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { readToken } from './session.ts';

/**
 * GraphiQL for frontend teams, bundled (no CDN): it sends full query texts to
 * /graphql with the token of the Aanmelden page, so it works against a
 * development gateway; a gateway with PERSISTED_DOCUMENTS_ONLY runs only the
 * app's own operations.
 */
async function fetcher(params: unknown): Promise<unknown> {
  const token = readToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  return response.json();
}

const root = document.getElementById('graphiql');
if (root) createRoot(root).render(<GraphiQL fetcher={fetcher} />);
