import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'mocks/src/**/*.test.ts',
            'subgraphs/*/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          environment: 'node',
          // Each e2e file starts its own servers on port 0; they run in parallel files safely.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
