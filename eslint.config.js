import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// Data flows one way (CONVENTIONS.md):
//   sql <- schema <- models, charts, report, analyses (pure *.ts), ingest <- engine, store <- ui
//   <- analyses (views *.tsx, pages.tsx) <- app.
// Layers are folders, matched on the resolved path of every import (so depth does not matter),
// and test/unit/lint/layers.test.ts proves each rule fires.
const layerMessage = 'This import breaks the layer direction (see CONVENTIONS.md).';
const src = (...folders) => folders.map((f) => `./src/${f}`);
const views = ['./src/analyses/**/*.tsx'];
const zones = [
  { target: src('sql'), from: src('schema', 'models', 'charts', 'report', 'analyses', 'ingest', 'engine', 'store', 'ui', 'app') },
  { target: src('schema'), from: src('models', 'charts', 'report', 'analyses', 'ingest', 'engine', 'store', 'ui', 'app') },
  { target: src('models', 'charts', 'report'), from: src('analyses', 'ingest', 'engine', 'store', 'ui', 'app') },
  { target: ['./src/analyses/**/!(*.tsx)'], from: src('ingest', 'engine', 'store', 'ui', 'app') },
  { target: ['./src/analyses/**/!(*.tsx)'], from: views },
  { target: src('ingest'), from: src('analyses', 'engine', 'store', 'ui', 'app') },
  { target: src('engine'), from: src('store', 'ui', 'app') },
  { target: src('engine'), from: views },
  { target: src('store'), from: src('engine', 'ui', 'app') },
  { target: src('store'), from: views },
  { target: src('ui'), from: src('app') },
  { target: src('ui'), from: views },
  { target: views, from: src('store', 'app') },
].map((zone) => ({ ...zone, message: layerMessage }));

const pureForbidden = ['react', 'react-dom', 'react-dom/*', 'dexie', 'comlink', '@duckdb/*', 'duckdb-browser-blocking'];
const viewForbidden = ['dexie', '@duckdb/*', 'duckdb-browser-blocking'];
const pattern = (group, message = layerMessage) => ({ group, message });
const crossAnalysis = pattern(['../*/**', '!../../**'], 'One analysis never imports another analysis.');
const crossScreen = pattern(['../*/**', '!../../**'], 'One screen never imports another screen.');
// A later entry replaces an earlier one's no-restricted-imports for the files both match, so
// each entry lists every pattern that holds for its files.
const packages = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/results/', 'public/', 'test/lint-fixtures/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Pure layers (and the worker's bundle, through them) never pull in React, Dexie, Comlink or DuckDB.
  packages(
    ['src/sql/**', 'src/schema/**', 'src/models/**', 'src/charts/**', 'src/report/**', 'src/ingest/**', 'src/analyses/*.ts'],
    pattern(pureForbidden),
  ),
  packages(['src/engine/**'], pattern(['react', 'react-dom', 'react-dom/*', 'dexie'])),
  packages(['src/store/**'], pattern(['react', 'react-dom', 'react-dom/*', 'comlink', '@duckdb/*', 'duckdb-browser-blocking'])),
  // Screens reach storage through src/store and the engine through its client, never directly;
  // one analysis never imports another, nor one screen another: shared pieces go down a layer.
  packages(['src/ui/**', 'src/analyses/*.tsx'], pattern(viewForbidden)),
  packages(['src/ui/features/*/**'], pattern(viewForbidden), crossScreen),
  packages(['src/analyses/*/**/*.ts'], pattern(pureForbidden), crossAnalysis),
  packages(['src/analyses/*/**/*.tsx'], pattern(viewForbidden), crossAnalysis),
);
