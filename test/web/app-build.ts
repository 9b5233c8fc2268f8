import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
export const DIST = join(WEB, 'dist');

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/**
 * The production build of the app in web/dist, built again only when a source
 * is newer than it: a build takes minutes on a busy two-core machine, and the
 * browser tests and the bench serve the same files.
 */
export async function ensureBuilt(): Promise<string> {
  const inputs = [
    'src',
    'public',
    'index.html',
    'graphiql.html',
    'vite.config.ts',
    'persisted-operations.json',
  ];
  const built = [join(DIST, 'index.html'), join(DIST, 'graphiql.html')];
  const fresh =
    built.every((f) => existsSync(f)) &&
    Math.min(...built.map((f) => statSync(f).mtimeMs)) > Math.max(...inputs.map((i) => newest(join(WEB, i))));
  if (fresh) return DIST;
  // Vite builds for the NODE_ENV it finds, and vitest sets `test`: React's development build (60 kB
  // more gzipped, and slower) would be what the browser tests and the bench load. Production's, always.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return DIST;
}
