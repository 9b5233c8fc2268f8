import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL is a page of its own, so the radar never loads its editor.
    rollupOptions: {
      input: { index: `${root}index.html`, graphiql: `${root}graphiql.html` },
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server components; a browser bundle has none.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
    chunkSizeWarningLimit: 4096,
  },
  // GraphiQL's editor (Monaco) runs its language services in module workers.
  worker: { format: 'es' },
  optimizeDeps: {
    esbuildOptions: {
      plugins: [
        {
          // Development pre-bundles GraphiQL with esbuild, which cannot read Vite's `?worker` imports:
          // leave them to Vite, which serves them as workers.
          name: 'leave-worker-imports-to-vite',
          setup(build) {
            build.onResolve({ filter: /\?worker$/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
    },
  },
});
