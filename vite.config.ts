import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, runnerImport, type Plugin } from 'vite';

const browserBlocking = fileURLToPath(
  new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
);

/**
 * After a build, publishes the demo's tables as a snapshot beside its files (the demo manifest's
 * `snapshot`, see scripts/hosted-snapshot.ts), with the answers of the Overview at its default
 * settings: the first screen draws those at once and restores the tables instead of importing
 * 1.1M events in the tab (issue 12).
 */
function demoSnapshot(): Plugin {
  let outDir = '';
  // The entry chunk's file name, which names the build (src/app/main.tsx).
  let appBuild: string | undefined;
  return {
    name: 'strata-demo-snapshot',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      if (entry) appBuild = path.basename(entry.fileName);
    },
    async closeBundle() {
      const { module } = await runnerImport<typeof import('./scripts/hosted-snapshot')>('./scripts/hosted-snapshot.ts', {
        configFile: false,
      });
      await module.writeHostedSnapshot(path.join(outDir, 'demo', 'manifest.json'), appBuild);
    },
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ works from any static server and under any sub-path.
  base: './',
  plugins: [react(), demoSnapshot()],
  resolve: {
    // The package exports map has no browser entry for the synchronous bindings our worker drives.
    alias: { 'duckdb-browser-blocking': browserBlocking },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Observable Plot and d3 in a chunk of their own that V8 compiles whole as it loads, off
        // the main thread: compiled function by function, the first chart a page draws took
        // 95–125 ms instead of 20–30 (issue 10).
        manualChunks: (id: string) =>
          /node_modules\/(@observablehq\/plot|d3|d3-[a-z-]+|interval-tree-1d|isoformat|internmap|delaunator|robust-predicates)\//.test(
            id,
          )
            ? 'plot'
            : undefined,
        // After minification, which drops comments: V8's compile hint must open the file.
        postBanner: (chunk: { name: string }) => (chunk.name === 'plot' ? '//# allFunctionsCalledOnLoad\n' : ''),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
