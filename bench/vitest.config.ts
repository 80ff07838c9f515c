import { defineConfig } from 'vitest/config';

// Vitest is only the TypeScript runner here: the benchmark reuses the app's own SQL builders
// for the native side, so browser and native DuckDB run the very same statements.
export default defineConfig({
  test: {
    include: ['bench/*.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
