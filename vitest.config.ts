import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `DUAAL_E2E_CODE=compiled` (set by `npm test`, after `npm run build`): the e2e
 * tests import every service as production runs it, the JavaScript in `dist/`
 * that the workspace packages export under the `compiled` condition; without
 * it, their TypeScript sources as in development.
 */
const compiled = process.env['DUAAL_E2E_CODE'] === 'compiled';

export default defineConfig({
  // Vite would load graphql's ESM build for our sources while Apollo's CommonJS code
  // requires the CommonJS build: two copies of graphql in one process, whose
  // schemas do not recognise each other. Node itself loads the CommonJS build for both.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Every project: a test fails when the graph answered an error code the registry does not know.
    setupFiles: ['./test/setup/registered-error-codes.ts'],
    // Vitest's default is one worker per core but one (a single worker on a 2-core CI machine). The e2e files
    // mostly wait on their own servers, so two at a time halves the run and stays within the 30 minutes of CI.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'mocks/src/**/*.test.ts',
            'subgraphs/*/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
            'schema/src/**/*.test.ts',
            'test/settings/**/*.test.ts',
            'test/deploy/**/*.test.ts',
            'web/{src,server,scripts}/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        // Vitest's own default minus `module` (which would hand Node ESM builds it cannot load), plus `compiled`.
        ...(compiled
          ? {
              ssr: {
                resolve: {
                  conditions: ['compiled', ...defaultServerConditions.filter((c) => c !== 'module')],
                },
              },
            }
          : {}),
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          ...(compiled ? { setupFiles: ['./test/setup/compiled-code.ts'] } : {}),
          environment: 'node',
          // Each e2e file starts its own servers on port 0; they run in parallel files safely.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
