import { defaultServerConditions } from 'vite';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * `DUAAL_E2E_CODE=compiled` (set by `npm test`, after `npm run build`): the e2e
 * tests import every service as production runs it, the JavaScript in `dist/`
 * that the workspace packages export under the `compiled` condition; without
 * it, their TypeScript sources as in development.
 */
const compiled = process.env['DUAAL_E2E_CODE'] === 'compiled';

/**
 * The e2e files that only read the default system and change nothing that
 * outlives their own tests (test/graph/system.ts says which those are): they
 * take `sharedSystem()` instead of starting their own, and run in the
 * `e2e-shared` project, whose workers are kept from file to file, so that one
 * system per worker serves them all. Run one with `--project e2e-shared`.
 */
const SHARED_E2E = [
  'test/graph/aanbod.e2e.ts',
  'test/graph/abuse.e2e.ts',
  'test/graph/access.e2e.ts',
  'test/graph/export.e2e.ts',
  'test/graph/gebied.e2e.ts',
  'test/graph/geldigheid.e2e.ts',
  'test/graph/hardening.e2e.ts',
  'test/graph/in-de-buurt.e2e.ts',
  'test/graph/inference.e2e.ts',
  'test/graph/kandidaat-opleidingen.e2e.ts',
  'test/graph/matching-verschil.e2e.ts',
  'test/graph/ondernemingen.e2e.ts',
  'test/graph/partial-answers.e2e.ts',
  'test/graph/radar.e2e.ts',
  'test/graph/radar-gemeente.e2e.ts',
  'test/graph/stille-nullen.e2e.ts',
  'test/graph/vacatures.e2e.ts',
  'test/graph/zoekterm.e2e.ts',
];

/** What both e2e projects share: the compiled code when asked, one file's time limits. */
const e2e = (
  name: string,
  test: NonNullable<TestProjectInlineConfiguration['test']>,
): TestProjectInlineConfiguration => ({
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
    name,
    ...(compiled ? { setupFiles: ['./test/setup/compiled-code.ts'] } : {}),
    environment: 'node',
    // The company register read once for the run, the store every system starts from (kbo-seed.ts).
    globalSetup: ['./test/setup/kbo-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...test,
  },
});

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
      // Each e2e file starts its own servers on port 0; they run in parallel files safely.
      e2e('e2e', { include: ['test/**/*.e2e.ts'], exclude: [...configDefaults.exclude, ...SHARED_E2E] }),
      // Not isolated: a worker keeps its modules, and so its shared system, from one of these files to the next.
      e2e('e2e-shared', {
        include: SHARED_E2E,
        isolate: false,
        provide: { sharedSystem: true },
        // The first file of a worker waits for the one start of its system: on a busy machine, minutes.
        hookTimeout: 180_000,
      }),
    ],
  },
});
