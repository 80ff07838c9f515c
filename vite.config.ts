import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const browserBlocking = fileURLToPath(
  new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
);

export default defineConfig({
  // Relative asset URLs: dist/ works from any static server and under any sub-path.
  base: './',
  plugins: [react()],
  resolve: {
    // The package exports map has no browser entry for the synchronous bindings our worker drives.
    alias: { 'duckdb-browser-blocking': browserBlocking },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
